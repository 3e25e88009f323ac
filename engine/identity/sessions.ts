/**
 * Browser sessions in the engine's SQLite file, so a restart logs nobody out. The cookie carries a random id;
 * the table holds only its SHA-256, with the CSRF token a page must echo in `X-CSRF-TOKEN` on every change.
 * A session ends after `idleMs` without a request or `maxMs` after the login. Times are wall-clock, never the
 * engine clock (tests pin that to other dates).
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IdentityStore } from '../store/identity-store.js';

export interface SessionOptions {
  idleMs: number;
  maxMs: number;
  now?: () => number;
}

export interface Session {
  /** SHA-256 of the id: what the table and the logs (never) see. */
  idHash: string;
  username: string;
  csrfToken: string;
}

/** Writing `last_seen_at` on every request would cost a disk sync each: once a minute is precise enough. */
const TOUCH_INTERVAL_MS = 60_000;

export class Sessions {
  private readonly now: () => number;

  constructor(
    private readonly store: IdentityStore,
    private readonly options: SessionOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** A new session (new id on every login: no fixation); the id goes into the cookie, never anywhere else. */
  create(username: string): { id: string; session: Session } {
    const at = this.now();
    this.store.deleteExpiredSessions(at - this.options.idleMs, at - this.options.maxMs);
    const id = randomBytes(32).toString('base64url');
    const session = { idHash: hashId(id), username, csrfToken: randomBytes(32).toString('base64url') };
    this.store.insertSession({ ...session, createdAt: at, lastSeenAt: at });
    return { id, session };
  }

  /** The live session of a cookie value, or undefined (unknown, idle too long, too old). */
  find(id: string): Session | undefined {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(id)) return undefined;
    const row = this.store.session(hashId(id));
    if (!row) return undefined;
    const at = this.now();
    if (at - row.lastSeenAt > this.options.idleMs || at - row.createdAt > this.options.maxMs) {
      this.store.deleteSession(row.idHash);
      return undefined;
    }
    if (at - row.lastSeenAt > TOUCH_INTERVAL_MS) {
      try {
        this.store.touchSession(row.idHash, at);
      } catch {
        // a full disk must not turn reads into errors: the next request touches the session again
      }
    }
    return { idHash: row.idHash, username: row.username, csrfToken: row.csrfToken };
  }

  destroy(id: string): void {
    this.store.deleteSession(hashId(id));
  }

  destroyAllOf(username: string): void {
    this.store.deleteSessionsOf(username);
  }
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfTokenMatches(session: Session, header: string | undefined): boolean {
  if (header === undefined) return false;
  const expected = Buffer.from(session.csrfToken);
  const actual = Buffer.from(header);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// helpers

function hashId(id: string): string {
  return hash('sha256', id, 'base64url');
}
