/**
 * Job activation with long polling. A poll that finds no job waits (up to its request timeout) until jobs of its
 * type become available.
 *
 * A new job is handed straight to a waiting poll inside the command that creates it: the command activates it
 * for that poll (its events say so) and the poll is answered when the command's batch commits, with every job the
 * batch handed it. No activation command per job, no SQL query for it (Zeebe pushes new jobs to job streams the
 * same way). A poll waits from inside its own activation command, so a job created later in the same batch
 * already reaches it.
 *
 * Jobs that become available otherwise (failed with retries left, yielded back, resolved, or activatable again by
 * time; the scheduler wakes those) are offered by waking the polls of the type: each tries its own activation
 * command, oldest poll first. A poll whose HTTP client went away is dropped at once; jobs already activated for it
 * are yielded back in one command, so the next live worker gets them instead of a dead request holding them until
 * their lock times out.
 */
import type { ActivateJobs, ActivatedJob } from './job-commands.js';
import type { JobRecord } from '../state/records.js';

export interface JobPollCommands {
  /**
   * Activates jobs as a command; `actor`: the worker's user, recorded with the activation's events. With no job
   * found, the command calls `wait` (when given) so the poll waits from inside it.
   */
  activate(command: ActivateJobs, actor: string | null, wait?: () => void): Promise<ActivatedJob[]>;
  /** Hands jobs back that were activated for a poll whose client left. */
  yield(jobs: JobRecord[]): Promise<unknown>;
  /**
   * Inside the command that created `job`: activates it for a poll (`command`), appending its events in the name of
   * the polling worker's user (`actor`), as if the poll had activated it itself.
   */
  handOver(command: ActivateJobs, job: JobRecord, actor: string | null): ActivatedJob;
  /** The job is still activated as it was handed (not cancelled by the rest of the command that created it). */
  stillHanded(job: JobRecord): boolean;
}

/** The running command's commit and rollback (the command queue's). */
export interface CommandOutcome {
  afterCommit(hook: () => void): void;
  onRollback(hook: () => void): void;
}

export class JobPollRegistry {
  private readonly polls = new Map<string, Set<LongPoll>>();
  private closed = false;

  constructor(
    private readonly commands: JobPollCommands,
    private readonly outcome: CommandOutcome,
    /** How long a poll waits when its request gives no timeout (ms). */
    private readonly defaultTimeout: number,
  ) {}

  /**
   * Activates jobs; with none available, waits up to `requestTimeout` ms for one (0: the default wait, negative:
   * no wait). `signal` aborts when the HTTP client went away; `actor` is the polling user (also for the
   * activations made for the poll later, outside its request).
   */
  async activate(command: ActivateJobs, requestTimeout: number, signal?: AbortSignal, actor: string | null = null): Promise<ActivatedJob[]> {
    const waits = requestTimeout >= 0 && !signal?.aborted && !this.closed;
    const poll = new LongPoll(command, actor, () => this.polls.get(command.type)?.delete(poll), signal);
    const jobs = await this.deliverTo(signal, await this.commands.activate(command, actor, waits ? () => this.park(poll) : undefined));
    if (jobs.length > 0 || !poll.parked) {
      poll.finish([]);
      return jobs;
    }
    // parked inside the activation command: jobs its batch handed over may already have answered it
    poll.startTimer(requestTimeout === 0 ? this.defaultTimeout : requestTimeout);
    return poll.result;
  }

  /**
   * Inside the command that created `job`: a waiting poll of its type with room takes it (activated for it in this
   * command, answered when the batch commits). False when no poll can, and nothing was written.
   */
  offer(job: JobRecord): boolean {
    const polls = this.polls.get(job.type);
    if (!polls || this.closed) return false;
    for (const poll of polls) {
      if (poll.claiming || poll.done || poll.signal?.aborted || poll.handed.length >= poll.command.maxJobsToActivate) continue;
      if (!poll.command.tenantIds.includes(job.tenantId)) continue;
      const activated = this.commands.handOver(poll.command, job, poll.actor);
      poll.handed.push(activated);
      this.outcome.onRollback(() => {
        const at = poll.handed.indexOf(activated);
        if (at >= 0) poll.handed.splice(at, 1);
      });
      // every handing command asks for the delivery: the first one that commits answers with all of them
      this.outcome.afterCommit(() => this.deliverHanded(poll));
      return true;
    }
    return false;
  }

  /** Long polls waiting for jobs of `type` right now. */
  waiting(type: string): number {
    return this.polls.get(type)?.size ?? 0;
  }

  /** Jobs of `type` became available: each waiting poll tries to activate some; resolves when they all tried. */
  async wake(type: string): Promise<void> {
    const polls = this.polls.get(type);
    if (!polls || polls.size === 0 || this.closed) return;
    await Promise.all([...polls].map((poll) => this.serve(poll)));
  }

  /** Answers every waiting poll with no jobs (the engine stops). */
  close(): void {
    this.closed = true;
    for (const polls of this.polls.values()) for (const poll of polls) poll.finish([]);
  }

  // helpers

  /** Inside the poll's activation command, which found no job: the poll waits from now on, unless it rolls back. */
  private park(poll: LongPoll): void {
    if (poll.done) return; // its client left while the command waited in the queue
    let set = this.polls.get(poll.command.type);
    if (!set) this.polls.set(poll.command.type, (set = new Set()));
    set.add(poll);
    poll.parked = true;
    this.outcome.onRollback(() => {
      poll.parked = false;
      set.delete(poll);
    });
  }

  /** After the commit of a batch that handed `poll` jobs: answers it with all of them (once). */
  private deliverHanded(poll: LongPoll): void {
    if (poll.handed.length === 0) return;
    const handed = poll.handed.filter((activated) => this.commands.stillHanded(activated.job));
    poll.handed = [];
    if (handed.length === 0) return; // the command cancelled them again: the poll goes on waiting
    if (poll.done || poll.signal?.aborted) void this.deliverTo(AbortSignal.abort(), handed);
    else poll.finish(handed);
  }

  private async serve(poll: LongPoll): Promise<void> {
    // a poll handed jobs is answered with them when its batch commits, not by another activation
    if (poll.claiming || poll.done || poll.handed.length > 0) return;
    poll.claiming = true;
    try {
      const jobs = await this.deliverTo(poll.signal, await this.commands.activate(poll.command, poll.actor));
      poll.claiming = false;
      if (jobs.length > 0 || poll.expired || poll.signal?.aborted) poll.finish(jobs);
    } catch {
      poll.claiming = false;
      if (poll.expired || poll.signal?.aborted) poll.finish([]);
    }
  }

  /** The jobs for a poll, or none when its client left: then they are yielded back in one command. */
  private async deliverTo(signal: AbortSignal | undefined, jobs: ActivatedJob[]): Promise<ActivatedJob[]> {
    if (!signal?.aborted || jobs.length === 0) return jobs;
    if (!this.closed) await this.commands.yield(jobs.map((j) => j.job));
    return [];
  }
}

class LongPoll {
  /** An activation for this poll is running; its result must reach the caller even if the poll timed out. */
  claiming = false;
  expired = false;
  /** Waiting among the polls of its type (from inside its activation command on). */
  parked = false;
  done = false;
  /** Jobs commands of the running batch activated for this poll; it is answered with them after the commit. */
  handed: ActivatedJob[] = [];
  readonly result: Promise<ActivatedJob[]>;
  private resolve!: (jobs: ActivatedJob[]) => void;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly command: ActivateJobs,
    readonly actor: string | null,
    private readonly unregister: () => void,
    /** Aborts when the poll's HTTP client went away. */
    readonly signal?: AbortSignal,
  ) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
    // a departed poll stops waiting at once; an activation already running for it yields its jobs back
    signal?.addEventListener('abort', () => (this.claiming ? this.unregister() : this.finish([])), { once: true });
  }

  startTimer(wait: number): void {
    if (this.done) return;
    this.timer = setTimeout(() => (this.claiming ? (this.expired = true) : this.finish([])), wait);
  }

  finish(jobs: ActivatedJob[]): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.unregister();
    this.resolve(jobs);
  }
}
