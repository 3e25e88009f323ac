/**
 * Who is giving the engine a command: the API layer runs each request in the context of its authenticated user,
 * and the engine's facade reads it when a command is queued, so the event log and the audit log record the acting
 * user of every command without each call passing it on. The engine's own work (timers, the scheduler, batch
 * items) queues its commands with an explicit actor (none, or the batch operation's creator).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const actors = new AsyncLocalStorage<string | null>();

/** Runs `work` (and everything it awaits) as `actor`. */
export function runAs<T>(actor: string | null, work: () => T): T {
  return actors.run(actor, work);
}

/** The user of the current request; null outside one. */
export function currentActor(): string | null {
  return actors.getStore() ?? null;
}
