/**
 * Job activation with long polling. A poll that finds no job waits (up to its request timeout) until jobs of its
 * type become available: created by a command, failed with retries left, yielded back, or activatable again by
 * time (the scheduler wakes them). Waiting polls of a type are served oldest first, each by its own activation
 * command. A poll whose HTTP client went away is dropped at once; jobs already activated for it are yielded back
 * in one command, so the next live worker gets them instead of a dead request holding them until their lock
 * times out.
 */
import type { ActivateJobs, ActivatedJob } from './job-commands.js';
import type { JobRecord } from '../state/records.js';

export interface JobPollCommands {
  /** `actor`: the worker's user, recorded with the activation's events. */
  activate(command: ActivateJobs, actor: string | null): Promise<ActivatedJob[]>;
  /** Hands jobs back that were activated for a poll whose client left. */
  yield(jobs: JobRecord[]): Promise<unknown>;
}

export class JobPollRegistry {
  private readonly polls = new Map<string, Set<LongPoll>>();
  private closed = false;

  constructor(
    private readonly commands: JobPollCommands,
    /** How long a poll waits when its request gives no timeout (ms). */
    private readonly defaultTimeout: number,
  ) {}

  /**
   * Activates jobs; with none available, waits up to `requestTimeout` ms for one (0: the default wait, negative:
   * no wait). `signal` aborts when the HTTP client went away; `actor` is the polling user (also for the
   * activations made for the poll later, outside its request).
   */
  async activate(command: ActivateJobs, requestTimeout: number, signal?: AbortSignal, actor: string | null = null): Promise<ActivatedJob[]> {
    const jobs = await this.deliverTo(signal, await this.commands.activate(command, actor));
    if (jobs.length > 0 || requestTimeout < 0 || signal?.aborted || this.closed) return jobs;
    const wait = requestTimeout === 0 ? this.defaultTimeout : requestTimeout;
    return new Promise<ActivatedJob[]>((resolve) => {
      const poll = new LongPoll(command, actor, resolve, () => this.polls.get(command.type)?.delete(poll), signal);
      poll.timer = setTimeout(() => (poll.claiming ? (poll.expired = true) : poll.finish([])), wait);
      let set = this.polls.get(command.type);
      if (!set) this.polls.set(command.type, (set = new Set()));
      set.add(poll);
    });
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

  private async serve(poll: LongPoll): Promise<void> {
    if (poll.claiming) return;
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
  timer: NodeJS.Timeout | undefined;
  /** An activation for this poll is running; its result must reach the caller even if the poll timed out. */
  claiming = false;
  expired = false;
  private done = false;

  constructor(
    readonly command: ActivateJobs,
    readonly actor: string | null,
    private readonly resolve: (jobs: ActivatedJob[]) => void,
    private readonly unregister: () => void,
    /** Aborts when the poll's HTTP client went away. */
    readonly signal?: AbortSignal,
  ) {
    // a departed poll stops waiting at once; an activation already running for it yields its jobs back
    signal?.addEventListener('abort', () => (this.claiming ? this.unregister() : this.finish([])), { once: true });
  }

  finish(jobs: ActivatedJob[]): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.timer);
    this.unregister();
    this.resolve(jobs);
  }
}
