/**
 * The page's own 认领 / 释放 / 办结 until the server's reads show them. On a Camunda 8.8 cluster the searches and
 * the reads by key lag behind the commands (docs/camunda8-cluster.md), so the list read right after a command can
 * still show a completed task as open or a claimed one as unclaimed. The page keeps each of its changes by
 * userTaskKey — only the task it acted on; a case's next task has a new key and is never touched — shows the task
 * as changed over whatever the server says, and re-reads (use-task-list.ts, list-load.ts) until a read of the task by key agrees.
 * A read that shows another 办理人 than the task had before the change also counts: the server has moved past the
 * change (a colleague took the task next), and holding it would show the page's stale value over his. The change is
 * dropped by the next load whose searches went out after that read (they agree too), or after
 * {@link OWN_CHANGE_MAX_MS} whatever the server says, even while every read fails: then the page shows the server's
 * state. A 认领 / 释放 the engine refused, or whose outcome is unknown and the task read again did not show it either,
 * is undone: the task page goes back at once to the task as it last read it, and the list reads again at once — held
 * past its bound, it would show an outcome the page does not know. A change a read by key showed is never undone: the
 * server made it. Held in memory only, so a reload shows the server's truth.
 */
import type { UserTask } from '../../web-shared/src/api/camunda-types.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import { HELD_CHANGE_MAX_MS, pastHeldBound, RereadSchedule } from '../../web-shared/src/lag/held-changes.js';

/** How long the page re-reads after its own 办结 or a case it started: the case's next task comes a moment later (job workers, lag). */
export const FOLLOW_UP_MS = 10_000;
/** The re-reads on the shared schedule (held-changes.ts) — ½, 1½, 3½, 7½ s after a change — then every 4 s while one is held. */
const FOLLOW_UP_MAX_STEP_MS = 4_000;
/** The longest a change is shown over what the server says. */
export const OWN_CHANGE_MAX_MS = HELD_CHANGE_MAX_MS;

type Change = { kind: 'assigned'; assignee: string | undefined } | { kind: 'completed' };

interface Entry {
  change: Change;
  at: number;
  /** The 办理人 the server had before this page's change: a read showing anyone else means the server moved past it. */
  from: string | undefined;
  /**
   * The change this one replaced before any read showed it (认领 then 释放 at once): a read showing the task unclaimed
   * may come from before the 认领, so this change counts as shown only after a read showed that one.
   */
  after?: Change;
  /** When a read by key showed the change (or that someone moved past it): dropped by the first load whose searches went out after that. */
  agreedAt?: number;
  /** A read by key showed this change itself: the server made it, so it is never undone. */
  shown?: true;
  /** Another change of the task took this one's place: undoing this one changes nothing. */
  replaced?: true;
}

/**
 * A change made (`at`: when; the list shows it from what it holds; the follow-up reads again), undone because the engine refused
 * it or its outcome could not be read (the task page shows the task as last read; the list reads again at once,
 * superseding a load under way), a read of a changed task by key (`sentAt`: when it went out, so a later read that
 * answers first is not overwritten by an older one), a change dropped.
 */
export type OwnChangeEvent = { kind: 'changed'; userTaskKey: string; at: number } | { kind: 'undone'; userTaskKey: string } | { kind: 'read'; task: UserTask; sentAt: number } | { kind: 'dropped' };

/** A load's reads of the changed tasks; `agreedNow`: a read showed a change for the first time (the counts may not yet). */
export interface OwnReads {
  tasks: UserTask[];
  agreedNow: boolean;
}
type Listener = (event: OwnChangeEvent) => void;

export class OwnChanges {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<Listener>();
  /** The last 办结 or case started here: the page re-reads for {@link FOLLOW_UP_MS} after it. */
  private followUpSince = Number.NEGATIVE_INFINITY;
  private readonly followUps = new RereadSchedule(FOLLOW_UP_MAX_STEP_MS);

  /**
   * 认领 (`assignee`) or 释放 (undefined) of a task the server last showed with `serverAssignee`, before the command
   * is sent; the page undoes it if the command was refused, or its outcome is unknown and the task read again (given
   * to {@link noteRead}) did not show it — back to the change held before only if no read showed that one yet (else
   * the server's value is newer). Never undone once a read by key showed it (the server made it: the list's reads may
   * have shown it before the command answered), nor when another change replaced it since. A change dropped by its
   * age before any read showed it is undone too (the event only: the task page holds a dropped change until a read
   * answers, and the page does not know it happened). The undo answers true when it kept the change because a read
   * by key showed it (the task page then says the command went through), false otherwise.
   */
  assigned(userTaskKey: string, assignee: string | undefined, serverAssignee: string | undefined): () => boolean {
    const before = this.entries.get(userTaskKey);
    const pending = before && before.agreedAt === undefined ? before : undefined;
    const from = pending ? pending.from : before?.change.kind === 'assigned' ? before.change.assignee : serverAssignee;
    const entry = this.put(userTaskKey, { kind: 'assigned', assignee }, from, pending?.change);
    return () => {
      if (entry.shown) return true;
      if (entry.replaced) return false;
      const now = this.entries.get(userTaskKey);
      if (now === entry) {
        if (pending && !pastHeldBound(pending.at, Date.now())) {
          pending.replaced = undefined;
          this.entries.set(userTaskKey, pending);
        } else {
          this.entries.delete(userTaskKey);
        }
      } else if (now !== undefined || entry.agreedAt !== undefined) {
        return false;
      }
      this.emit({ kind: 'undone', userTaskKey });
      return false;
    };
  }

  /** 办结, once the engine confirmed it: a completed user task never opens again. */
  completed(userTaskKey: string): void {
    this.followUpSince = Date.now();
    this.put(userTaskKey, { kind: 'completed' }, undefined);
  }

  /**
   * A case started on this page (新办件): its first task comes a moment later (job workers, a cluster's lag); the list
   * re-reads for a while as after a 办结 (nothing is held: the task is new).
   */
  caseStarted(): void {
    this.followUpSince = Date.now();
    this.followUps.start(this.followUpSince);
  }

  /**
   * The task as this page knows it: its own change over what the server said — unless a read showed someone moved
   * past the change (a colleague's 办理人): then what the server says, not the page's older change.
   */
  over(task: UserTask): UserTask {
    const entry = this.entries.get(task.userTaskKey);
    if (!entry || (entry.agreedAt !== undefined && !entry.shown) || task.state !== 'CREATED') return task;
    const { change } = entry;
    return change.kind === 'completed' ? { ...task, state: 'COMPLETED' } : { ...task, assignee: change.assignee ?? null };
  }

  has(userTaskKey: string): boolean {
    return this.entries.has(userTaskKey);
  }

  /** Whether a change is held (a load then reads the changed tasks by key); first drops those past the bound. */
  holding(now = Date.now()): boolean {
    this.dropOld(now);
    return this.entries.size > 0;
  }

  /** Whether the page should re-read now (and then it is counted as done): while a change is held, and for a while after a 办结. */
  followUpDue(now = Date.now()): boolean {
    if (!this.followUps.isDue(now)) return false;
    if (!this.holding(now) && now - this.followUpSince >= FOLLOW_UP_MS) {
      this.followUps.stop();
      return false;
    }
    this.followUps.take(now);
    return true;
  }

  /** A load failed (the server is down, or refuses): re-read no sooner than `ms` from now, as the page refreshes anyway. */
  loadFailed(ms: number, now = Date.now()): void {
    this.followUps.postpone(now + ms);
  }

  /**
   * Reads the changed tasks by key once a load's searches (sent at `searchedAt`) answered: first drops the changes
   * a read had shown before those searches went out (so they show them too) and those too old, then notes which
   * changes the server shows now and passes each read to the listeners (the open task takes it). Answers the reads
   * of the changes still held, to count them (a task the server does not know is left out). A load cancelled
   * (superseded, timed out) sends no reads: its searches settle at once, and its reads would outlive it.
   */
  async read(client: V2Client, polling: boolean, searchedAt: number, signal?: AbortSignal): Promise<OwnReads> {
    if (signal?.aborted) return { tasks: [], agreedNow: false };
    let dropped = false;
    for (const [key, entry] of this.entries) {
      if ((entry.agreedAt ?? Number.POSITIVE_INFINITY) <= searchedAt || pastHeldBound(entry.at, searchedAt)) dropped = this.entries.delete(key);
    }
    if (dropped) this.emit({ kind: 'dropped' });
    const sentAt = Date.now();
    const reads = await Promise.all([...this.entries.keys()].map((key) => client.getUserTask(key, { polling, signal }).catch(() => undefined)));
    const answeredAt = Date.now();
    let agreedNow = false;
    const tasks = reads.filter((read): read is UserTask => read !== undefined).map((read) => {
      agreedNow = this.note(read, answeredAt) || agreedNow;
      this.emit({ kind: 'read', task: read, sentAt });
      return read;
    });
    return { tasks, agreedNow };
  }

  /**
   * A read of one task by key the task page made itself (`sentAt`: when it went out): noted as a load's reads are (a
   * read showing the page's change marks it made, never undone), then passed to the listeners.
   */
  noteRead(read: UserTask, sentAt: number): void {
    this.note(read, Date.now());
    this.emit({ kind: 'read', task: read, sentAt });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // helpers

  /** Notes what a read by key shows of the change held for its task; true when it shows it (or someone moved past it) for the first time. */
  private note(read: UserTask, answeredAt: number): boolean {
    const entry = this.entries.get(read.userTaskKey);
    if (!entry || entry.agreedAt !== undefined) return false;
    if (movedPast(read, entry)) {
      entry.agreedAt = answeredAt;
      return true;
    }
    if (entry.after && agrees(read, entry.after)) {
      // the server reached the change before this one: its 办理人 is now the one before this change
      entry.from = entry.after.kind === 'assigned' ? entry.after.assignee : entry.from;
      entry.after = undefined;
    } else if (!entry.after && agrees(read, entry.change)) {
      entry.agreedAt = answeredAt;
      entry.shown = true;
      return true;
    }
    return false;
  }

  private put(userTaskKey: string, change: Change, from: string | undefined, after?: Change): Entry {
    const entry: Entry = { change, from, after, at: Date.now() };
    const before = this.entries.get(userTaskKey);
    if (before) before.replaced = true;
    this.entries.set(userTaskKey, entry);
    this.followUps.start(Date.now());
    this.emit({ kind: 'changed', userTaskKey, at: entry.at });
    return entry;
  }

  /** Drops the changes past the bound whether or not any read answered (the searches may fail for long). */
  private dropOld(now: number): void {
    let dropped = false;
    for (const [key, entry] of this.entries) if (pastHeldBound(entry.at, now)) dropped = this.entries.delete(key);
    if (dropped) this.emit({ kind: 'dropped' });
  }

  private emit(event: OwnChangeEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** An open task whose 办理人 is neither the one before this page's change(s) nor one of them: someone changed it since. */
function movedPast(read: UserTask, entry: Entry): boolean {
  if (read.state !== 'CREATED' || entry.change.kind !== 'assigned') return false;
  const assignee = read.assignee ?? undefined;
  return assignee !== entry.from && assignee !== entry.change.assignee && !(entry.after?.kind === 'assigned' && assignee === entry.after.assignee);
}

function agrees(read: UserTask, change: Change): boolean {
  if (read.state !== 'CREATED') return true;
  return change.kind === 'assigned' && (read.assignee ?? undefined) === change.assignee;
}
