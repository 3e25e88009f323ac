/**
 * The read model feeder's sweep of the open user tasks (read-model-feeder.ts): a batch of open tasks a pass, round
 * and round like the case sweep, so an assignment or a release shows; and at each lap's end, the tasks the model
 * holds open that the lap did not show, looked up by their own key.
 */
import { refused, searchAll, type ClusterReader, type UserTask } from './cluster-reader.js';
import type { MonitorStore } from './monitor-store.js';
import { RepeatedFailureLog } from './repeated-failure-log.js';

/**
 * Open tasks the model holds that a whole lap of the open-task sweep did not show (ended without the date streams
 * showing it: completed or cancelled later than the overlap, history deleted), looked up by their own key, at most
 * this many a pass: a backlog left by a lap is worked off pass by pass, not lap by lap (a lap of 5,000 open tasks
 * takes ten passes, so a bound per lap would take hours for a few hundred). A cancelled task (an interrupting boundary
 * event such as 办理时限重新计算's message, a modification) shows in the completion stream, as Camunda 8.8 sets its
 * completionDate; these are the few the streams missed.
 */
const GONE_LOOKUPS_PER_PASS = 50;

export interface OpenTaskSweepOptions {
  /** Open tasks read a pass. */
  sweepBatch: number;
  overlapMs: number;
  /** Where failed lookups are logged, like an outage (repeated-failure-log.ts; never personal data). */
  log?: (line: string) => void;
  /** The clock of the laps (epoch ms). */
  now: () => number;
  /** Writes tasks read into the model (the feeder's, as for its date streams), adding the cases they changed to `dirty`. */
  putTasks: (rows: UserTask[], dirty: Set<string>) => void;
}

export class OpenTaskSweep {
  private cursor: string | undefined;
  /** The lap under way: when it began, and the open tasks read since. */
  private lap: { startedAt: number; seen: Set<string> } | undefined;
  /** Open tasks an ended lap did not show, waiting to be looked up by key (at most {@link GONE_LOOKUPS_PER_PASS} a pass). */
  private readonly goneQueue = new Set<string>();
  /** The lookups' failures: a cluster refusing them fails them every pass. */
  private readonly lookupFailures: RepeatedFailureLog;

  constructor(
    private readonly store: MonitorStore,
    private readonly reader: ClusterReader,
    private readonly options: OpenTaskSweepOptions,
  ) {
    this.lookupFailures = new RepeatedFailureLog(options.log, {
      failed: 'user tasks not looked up by key',
      recovered: 'user tasks looked up by key again',
      passes: ['pass with failed lookups', 'passes with failed lookups'],
    });
  }

  /**
   * The next batch of open tasks, looked at again (an assignment or a release shows here), round and round like the
   * case sweep: `state` and a sort by `creationDate`, which Camunda 8.8's user-task search takes (its
   * `processInstanceKey` is a plain key, so the tasks of a batch of cases cannot be asked for at once). When a lap
   * ends, the tasks open in the model since before it began that it did not show have ended without the date
   * streams showing it (interrupted, or completed later than the overlap): each is looked up by its own key
   * (`userTaskKey`, a plain key), at most {@link GONE_LOOKUPS_PER_PASS} a pass (the rest waits in a queue for the
   * next passes), and closed when it is gone — once the task streams have caught up (`lookUpGone`: during a rebuild
   * the completions they have not reached yet would all look gone).
   */
  async next(dirty: Set<string>, lookUpGone: boolean): Promise<void> {
    const lap = (this.lap ??= { startedAt: this.options.now(), seen: new Set() });
    const limit = this.options.sweepBatch;
    const result = await this.reader
      .search<UserTask>('user-tasks', {
        filter: { state: 'CREATED' },
        sort: [{ field: 'creationDate', order: 'ASC' }],
        page: this.cursor ? { limit, after: this.cursor } : { limit },
      })
      .catch((error: unknown) => {
        // a cursor the cluster refuses (expired, or from before an upgrade) would fail every pass: the lap begins again
        if (refused(error)) {
          this.cursor = undefined;
          this.lap = undefined;
        }
        throw error;
      });
    for (const task of result.items) lap.seen.add(task.userTaskKey);
    this.store.transaction(() => this.options.putTasks(result.items, dirty));
    const lapEnded = !(result.items.length >= limit && result.page.endCursor);
    this.cursor = lapEnded ? undefined : (result.page.endCursor ?? undefined);
    if (lapEnded) this.lap = undefined;
    if (!lookUpGone) return;
    if (lapEnded) {
      // a task created while the lap ran may come after its cursor only on a later lap
      const before = new Date(lap.startedAt - this.options.overlapMs).toISOString();
      for (const key of this.store.openTaskKeysCreatedBefore(before)) if (!lap.seen.has(key)) this.goneQueue.add(key);
      // (one completed meanwhile, the completion stream showing it, is no longer among them)
      for (const key of this.store.tasksClosedByCaseEnd()) this.goneQueue.add(key);
    }
    await this.lookUpGone(dirty);
  }

  /** The next tasks of the queue, each looked up by its key, and closed when it is no longer open. */
  private async lookUpGone(dirty: Set<string>): Promise<void> {
    const batch: string[] = [];
    for (const key of this.goneQueue) {
      if (batch.length >= GONE_LOOKUPS_PER_PASS) break;
      this.goneQueue.delete(key);
      // a stream or the sweep showed it meanwhile (completed, or open again in a later lap): nothing to look up
      const known = this.store.getTask(key);
      if (known?.state === 'CREATED' || known?.state === 'CANCELED') batch.push(key);
    }
    // (a pass's lookups failed if one did: logged once while they fail, not once a task nor after each pass whose
    // other lookups worked; a failed task is asked for again next pass, so a pass with none to look up has none
    // failing left)
    let failure: { error: unknown } | undefined;
    for (const userTaskKey of batch) {
      let task: UserTask | undefined;
      try {
        [task] = await searchAll<UserTask>(this.reader, 'user-tasks', { userTaskKey }, 'creationDate');
      } catch (error) {
        // one failed lookup does not fail the pass: the task goes back in the queue, asked for again next pass (as the
        // outcome stream asks again for a case), unless a stream or the sweep shows it meanwhile
        failure ??= { error };
        this.goneQueue.add(userTaskKey);
        continue;
      }
      this.store.transaction(() => {
        const known = this.store.getTask(userTaskKey);
        if (known) dirty.add(known.processInstanceKey);
        this.store.taskLookedUp(userTaskKey);
        if (task) this.options.putTasks([task], dirty);
        // not found (history deleted after the cluster's retention) or not open: no longer open
        if (!task || task.state === 'COMPLETED' || task.state === 'CANCELED' || task.state === 'FAILED') {
          if (this.store.getTask(userTaskKey)?.state === 'CREATED') this.store.closeTask(userTaskKey);
        }
      });
    }
    this.lookupFailures.endOfPass(failure, batch.length > 0);
  }
}
