/**
 * Tokens waiting at parallel and inclusive joins, kept whole in memory: the command path reads and changes them
 * without SQL. They are few (a scope holds some only while one of its joins is half-arrived) and follow the element
 * events (SEQUENCE_FLOW_TAKEN, the join's ELEMENT_ACTIVATING, the scope's ELEMENT_TERMINATED, JOIN_TOKENS DISCARDED).
 *
 * `join_tokens` is a projected table (engine-store.ts): a command's changes are held as changed scopes, and the
 * projector rewrites each changed scope's rows in its own transaction with the position they reach (on the writer
 * thread: `handOver`; a failed projection's scopes are changed again, `rehold`). An open loads
 * the rows and replays the events after that position (event-replay.ts), so a crash before the projector ran loses
 * nothing; a rollback does the same, so memory again equals what SQLite and the events hold.
 */
import type { MutableJoinTokens } from '../state/mutable-state.js';
import type { ProjectionSink } from './record-table.js';
import type { ReadStatement, StoreConnection, WriteStatement } from './store-connection.js';

const DELETE_SCOPE = `DELETE FROM join_tokens WHERE flow_scope_key = ?`;
const INSERT_TOKEN = `INSERT INTO join_tokens (flow_scope_key, element_id, flow_id, count) VALUES (?, ?, ?, ?)`;

/** Per join, the tokens per incoming flow. */
type ScopeTokens = Map<string, Map<string, number>>;

export class JoinTokens implements MutableJoinTokens {
  /** Every scope that holds at least one token. */
  private readonly scopes = new Map<number, ScopeTokens>();
  /** The scopes changed since the projector last wrote them. */
  private readonly changed = new Set<number>();
  /**
   * The scopes SQLite holds rows of (also used-up ones, count 0, which older versions left): a scope whose tokens
   * come and go between two projections is never written, and a new one is inserted without a delete first.
   */
  private readonly stored = new Set<number>();
  /** The scopes of the projections handed to the writer thread and not known to be committed, oldest first. */
  private handed: { seq: number; scopes: Set<number> }[] = [];
  private readonly all: ReadStatement;
  private readonly deleteScope: WriteStatement;
  private readonly insertToken: WriteStatement;
  private readonly connectionSink: ProjectionSink = {
    run: (sql, values) => (sql === DELETE_SCOPE ? this.deleteScope : this.insertToken).run(values),
  };

  constructor(private readonly db: StoreConnection) {
    // what SQLite holds, read without projecting first: the held changes are in memory already
    this.all = db.readStored(`SELECT flow_scope_key AS scopeKey, element_id AS elementId, flow_id AS flowId, count FROM join_tokens`);
    this.deleteScope = db.projectorWrite(DELETE_SCOPE);
    this.insertToken = db.projectorWrite(INSERT_TOKEN);
    this.load();
  }

  arrive(flowScopeKey: number, elementId: string, flowId: string): void {
    let scope = this.scopes.get(flowScopeKey);
    if (!scope) this.scopes.set(flowScopeKey, (scope = new Map()));
    let join = scope.get(elementId);
    if (!join) scope.set(elementId, (join = new Map()));
    join.set(flowId, (join.get(flowId) ?? 0) + 1);
    this.touch(flowScopeKey);
  }

  consume(flowScopeKey: number, elementId: string): void {
    const scope = this.scopes.get(flowScopeKey);
    const join = scope?.get(elementId);
    if (!scope || !join) return;
    for (const [flowId, count] of join) {
      if (count > 1) join.set(flowId, count - 1);
      else join.delete(flowId);
    }
    if (join.size === 0) scope.delete(elementId);
    if (scope.size === 0) this.scopes.delete(flowScopeKey);
    this.touch(flowScopeKey);
  }

  discard(flowScopeKey: number): void {
    if (this.scopes.delete(flowScopeKey)) this.touch(flowScopeKey);
  }

  waiting(flowScopeKey: number, elementId: string): Map<string, number> {
    return new Map(this.scopes.get(flowScopeKey)?.get(elementId));
  }

  /** The joins in a scope that hold at least one token. */
  joinsWithTokens(flowScopeKey: number): string[] {
    const scope = this.scopes.get(flowScopeKey);
    return scope ? [...scope.keys()] : [];
  }

  /** Always held back for the projector (a projected table). */
  get writeBehind(): boolean {
    return true;
  }

  /** How many scopes wait to be written. */
  get held(): number {
    return this.changed.size;
  }

  /**
   * Writes the changed scopes' rows (the projector, inside its transaction and `asProjector`), on the engine's
   * connection unless `sink` says otherwise.
   */
  flush(sink: ProjectionSink = this.connectionSink): void {
    for (const scopeKey of this.changed) {
      if (this.stored.delete(scopeKey)) sink.run(DELETE_SCOPE, [scopeKey]);
      const scope = this.scopes.get(scopeKey);
      if (!scope) continue;
      for (const [elementId, join] of scope) {
        for (const [flowId, count] of join) sink.run(INSERT_TOKEN, [scopeKey, elementId, flowId, count]);
      }
      this.stored.add(scopeKey);
    }
    this.changed.clear();
  }

  /** Hands the changed scopes' rows to `sink` (the writer thread's projection `seq`); `rehold` if it fails. */
  handOver(sink: ProjectionSink, seq: number): void {
    if (this.changed.size === 0) return;
    const scopes = new Set(this.changed);
    this.flush(sink);
    this.handed.push({ seq, scopes });
  }

  /** The projections `committed` tells of are in SQLite. */
  projected(committed: (seq: number) => boolean): void {
    while (this.handed.length > 0 && committed(this.handed[0]!.seq)) this.handed.shift();
  }

  /**
   * The handed projections not `committed` failed: their scopes are changed again, and rewritten whole (a delete
   * first: SQLite may hold older rows of them) by the next projection. Memory holds every scope's tokens already.
   */
  rehold(committed: (seq: number) => boolean): void {
    this.projected(committed);
    for (const { scopes } of this.handed) {
      for (const scopeKey of scopes) {
        this.changed.add(scopeKey);
        this.stored.add(scopeKey);
      }
    }
    this.handed = [];
  }

  /** Drops the held changes and loads what SQLite holds (a rollback: the replay that follows adds the rest). */
  invalidateCache(): void {
    this.scopes.clear();
    this.changed.clear();
    this.stored.clear();
    this.handed = [];
    if (this.db.open) this.load();
  }

  // helpers

  private touch(flowScopeKey: number): void {
    this.db.changes++;
    this.changed.add(flowScopeKey);
  }

  private load(): void {
    for (const { scopeKey, elementId, flowId, count } of this.all.all() as { scopeKey: number; elementId: string; flowId: string; count: number }[]) {
      this.stored.add(scopeKey);
      if (count <= 0) continue;
      let scope = this.scopes.get(scopeKey);
      if (!scope) this.scopes.set(scopeKey, (scope = new Map()));
      let join = scope.get(elementId);
      if (!join) scope.set(elementId, (join = new Map()));
      join.set(flowId, count);
    }
    // a file from before kept a fired join's rows at count 0, and a finished scope never changes again: rewritten
    // (deleted) by the next projection, so they leave the file and memory
    for (const scopeKey of this.stored) if (!this.scopes.has(scopeKey)) this.changed.add(scopeKey);
  }
}
