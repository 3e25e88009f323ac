/** The shape of the appliers: one function per value type and intent, the only code that changes state. */
import type { EventRecords, ValueType } from '../event-records.js';
import type { MutableRecords, MutableState } from '../mutable-state.js';

export type Applier<R> = (state: MutableState, record: R) => void;

/** The appliers of one value type: exactly one per intent (TypeScript checks that none is missing). */
export type AppliersOf<V extends ValueType> = { [I in keyof EventRecords[V]]: Applier<EventRecords[V][I]> };

type Table<R extends { key: number }> = (state: MutableState) => MutableRecords<R>;

export const insert =
  <R extends { key: number }>(table: Table<R>): Applier<R> =>
  (state, record) =>
    table(state).insert(record);

export const update =
  <R extends { key: number }>(table: Table<R>): Applier<R> =>
  (state, record) =>
    table(state).update(record);

export const remove =
  <R extends { key: number }>(table: Table<R>): Applier<R> =>
  (state, record) =>
    table(state).delete(record.key);

/** The event is the record of something that happened; no state changes. */
export const recordOnly: Applier<unknown> = () => undefined;

/** An applier found state that its event does not fit: a bug in the command that wrote it. */
export function illegalTransition(what: string, key: number, from: string, to: string): never {
  throw new Error(`${what} ${key}: transition ${from} -> ${to} is not allowed`);
}
