/**
 * How completed cases ended (办结, 不予受理, 不予办理 …), for the read model's feeder (read-model-feeder.ts): the
 * completed END_EVENT element instances as one more date stream, by `endDate` (Camunda 8.8's element-instance filter
 * takes `endDate` as a date filter, `type` and `state` as plain values; its `processInstanceKey` is a plain key, so
 * no search by a list of cases), each process instance's closing end event kept in the read model
 * (`case_end_events`) and joined to its case there; then, for the few completed cases the stream passed by without
 * an end event, one search by the case's own key each. The end events kept that no case needs any more are pruned
 * a bounded batch a pass ({@link OutcomeStream.prune}).
 */
import { closingEndEvent, isSidePathEnd, outcomeOfEndEvent } from '../../../web-shared/src/format/case-outcome.js';
import { isoInstant, searchAll, type ClusterReader } from './cluster-reader.js';
import { EPOCH, type DateStreams, type StreamResult } from './date-stream.js';
import type { EndEventsPruned, MonitorStore } from './monitor-store.js';
import { logged, RepeatedFailureLog } from './repeated-failure-log.js';

interface ElementInstance {
  elementInstanceKey: string;
  processInstanceKey: string;
  elementId: string;
  elementName?: string | null;
  type: string;
  state: string;
  endDate?: string | null;
}

/** The end events the outcome stream reads: completed END_EVENTs (with its `endDate` bound, the whole filter). */
const END_EVENTS = { type: 'END_EVENT', state: 'COMPLETED' } as const;

/**
 * Completed cases without an end event that a pass looks up one by one, once the end-event stream has passed their
 * end by the overlap: an end event a cluster showed later than that, or a case that ended without one (a process
 * may end at a task with no outgoing flow). Normally none; bounded so that a backlog costs at most this many small
 * searches a pass.
 */
const LATE_LOOKUPS_PER_PASS = 20;
/** How long after its end a case without an end event may wait before it is looked up (a cluster's exporter lag). */
const LATE_END_EVENT_MS = 10 * 60_000;
/** The first wait after a failed outcome search, doubled on each further failure up to the longest. */
const OUTCOME_RETRY_FIRST_MS = 60_000;
const OUTCOME_RETRY_MAX_MS = 3_600_000;
/**
 * Cases whose lookup by key failed that are remembered, at most (the oldest remembered forgotten first: such a case
 * is then only asked for again without waiting, as one never refused).
 */
const FAILED_LOOKUPS_KEPT = 1000;
/** End events kept that a pass looks at for pruning, at most (so it deletes at most as many). */
const PRUNE_PER_PASS = 1000;
/**
 * End events of the last day are never pruned: a day's rows cost little, they show what the stream read lately when
 * an outcome looks wrong, and a day covers {@link LATE_END_EVENT_MS} many times over.
 */
const PRUNE_AFTER_MS = 24 * 3_600_000;

export interface OutcomeStreamOptions {
  overlapMs: number;
  /** Where failures are logged, like an outage (repeated-failure-log.ts; never personal data). */
  log?: (line: string) => void;
  /** The clock of the lookups and the pruning (epoch ms). */
  now: () => number;
  /** End events kept a pass looks at for pruning (default 1,000; at least 1; tests take several passes with less). */
  endEventsPrunedPerPass?: number;
}

export class OutcomeStream {
  /** After a failed outcome search (the cluster unreachable, an error): when to try again, and how often it failed in a row. */
  private retryAt = 0;
  private failures = 0;
  /** The last end event kept the pruning looked at, where the next pass goes on (undefined: from the oldest). */
  private pruneAfter: EndEventsPruned['last'];
  /** The pruning's failures ({@link pruneLogged}), and those of the lookups by key of a pass, logged like an outage. */
  private readonly pruneFailures: RepeatedFailureLog;
  private readonly lookupFailures: RepeatedFailureLog;
  /**
   * Cases whose lookup by key failed: when their back-off ends (1, 2, 4 … minutes, at most an hour, as
   * {@link read}'s), and how often it failed in a row. Until then they take only the slots of a pass no other case
   * needs, so cases the cluster keeps refusing cannot take every slot for good. Kept in memory, not in the file: a
   * restart forgets them at the cost of one pass of lookups failing again, and the file keeps no schema change for it
   * (another monitor of schema 5 reads it as before).
   */
  private readonly failedLookups = new Map<string, { retryAt: number; failures: number }>();

  constructor(
    private readonly store: MonitorStore,
    private readonly reader: ClusterReader,
    private readonly streams: DateStreams,
    private readonly options: OutcomeStreamOptions,
  ) {
    this.pruneFailures = new RepeatedFailureLog(options.log, {
      failed: 'end events not pruned',
      recovered: 'end events pruned again',
      // (a pass whose pruning failed worked itself: the outcomes were read)
      passes: ['pass with failed pruning', 'passes with failed pruning'],
    });
    this.lookupFailures = new RepeatedFailureLog(options.log, {
      failed: 'end events of one case not read',
      recovered: 'end events looked up by case key again',
      passes: ['pass with failed lookups', 'passes with failed lookups'],
    });
  }

  /**
   * {@link outcomes}, except while backing off after failures: a cluster failing the search fails it every pass
   * (about once a second), so the feeder waits 1, 2, 4 … minutes, at most an hour, and logs each wait once, and
   * once the try that works again (恢复), with how many failed before it.
   * Undefined while it waits or when the pass's outcomes failed (the end-event stream then says nothing of catching up).
   */
  async read(): Promise<StreamResult | undefined> {
    if (this.options.now() < this.retryAt) return undefined;
    try {
      const endEvents = await this.outcomes();
      if (this.failures > 0) this.options.log?.(`[monitor] outcomes read again (恢复) after ${this.failures} failed ${this.failures === 1 ? 'try' : 'tries'}`);
      this.failures = 0;
      return endEvents;
    } catch (error) {
      this.failures += 1;
      const waitMs = Math.min(OUTCOME_RETRY_FIRST_MS * 2 ** (this.failures - 1), OUTCOME_RETRY_MAX_MS);
      this.retryAt = this.options.now() + waitMs;
      this.options.log?.(`[monitor] outcomes not read (${this.failures}× in a row), next try in ${Math.round(waitMs / 60_000)} min: ${logged(error)}`);
      return undefined;
    }
  }

  /**
   * How completed cases ended ({@link closingEndEvent}): the completed end events as a date stream by `endDate`
   * (its watermark kept with the others, so a restart reads on from it), each process instance's closing one kept
   * in the model, where its completed case takes its outcome — the end event may come before the case or after it,
   * in this pass or a later one. Then the completed cases the stream has passed by (their end before its watermark
   * minus the overlap, and {@link LATE_END_EVENT_MS} ago) still without an end event, or with only a side path's
   * (a late main-path end would otherwise never be read): one search by the case's own key each, at most
   * {@link LATE_LOOKUPS_PER_PASS} a pass, those whose lookup failed lately last ({@link casesToLookUp}); a case with none there is marked '' and not asked for again (an end event
   * read later still sets its outcome). Cases ended well before the oldest end event the cluster shows are marked ''
   * without a search ({@link markBeforeEarliest}).
   */
  private async outcomes(): Promise<StreamResult> {
    // only the stream's very first page, read from the beginning, can show the oldest end event the cluster has
    let firstPage = this.streams.watermark('endEvents') === undefined;
    const endEvents = await this.streams.read('endEvents', 'element-instances', 'endDate', (rows: ElementInstance[]) => {
      if (firstPage) this.noteEarliest(rows[0]?.endDate);
      firstPage = false;
      this.putEndEvents(rows);
    }, END_EVENTS);
    if (!endEvents.reachedEnd || endEvents.watermark === EPOCH) return endEvents;
    this.markBeforeEarliest();
    const passedBy = Math.min(Date.parse(endEvents.watermark) - this.options.overlapMs, this.options.now() - LATE_END_EVENT_MS);
    const lookUp = this.casesToLookUp(new Date(passedBy).toISOString());
    // (a pass's lookups failed if one did: a case the cluster keeps refusing is asked for every pass, and its failure
    // is logged once, not each pass nor again after each pass whose other lookups worked; a pass with none left to
    // look up, the refused case having left the list without a lookup working (its end event read by the stream),
    // ends the outage with no line)
    let failure: { error: unknown } | undefined;
    // cases refused before whose lookup worked in this pass
    let recovered = 0;
    for (const key of lookUp) {
      let ends: ElementInstance[];
      try {
        ends = await searchAll<ElementInstance>(this.reader, 'element-instances', { processInstanceKey: key, ...END_EVENTS }, 'endDate');
      } catch (error) {
        // one case's search failing (a cluster refusing that one) does not hold back the stream nor the other cases:
        // this one is asked for again next pass if a slot is free, else once its back-off ends (casesToLookUp)
        failure ??= { error };
        this.lookupFailed(key);
        continue;
      }
      this.store.transaction(() => {
        this.putEndEvents(ends);
        this.store.markLookedUp(key);
        if (this.store.getCase(key)?.outcome === null) this.store.setOutcome(key, '');
      });
      // forgotten once its end events are kept, not before: a transaction that fails (the file full) fails the pass's
      // outcomes, and the case, still without its outcome, stays a refused one until a lookup of it is written
      if (this.failedLookups.delete(key)) recovered += 1;
    }
    this.logLookups(failure, recovered, lookUp.length > 0);
    this.pruneLogged(endEvents.watermark);
    return endEvents;
  }

  /**
   * A pass's lookups by key in the log, like an outage ({@link RepeatedFailureLog}): the first failure, then only
   * another error. The outage goes on while cases refused before still back off, even through passes that did not
   * ask for them (a backlog of other cases took every slot) — those passes' lookups working says nothing of theirs —
   * and ends with one line (恢复, with the passes whose lookups failed) once every refused case has been looked up
   * (or has left the list: see {@link RepeatedFailureLog.endOfPass}). Cases refused before that are looked up while
   * others still back off are logged as a count in one line per pass, with how many still back off — those whose
   * back-off has not ended, not the ones due again that found no slot this pass nor those that left the list, which
   * the map keeps until the list is read to its end: the log says when the refused cases come back, not only when the
   * last one does. Counts only, never a case's key.
   */
  private logLookups(failure: { error: unknown } | undefined, recovered: number, tried: boolean): void {
    const waiting = this.failedLookups.size;
    if (recovered > 0 && waiting > 0) {
      const now = this.options.now();
      const backingOff = [...this.failedLookups.values()].filter((failed) => failed.retryAt > now).length;
      this.options.log?.(`[monitor] end events of ${recovered} ${recovered === 1 ? 'case' : 'cases'} looked up by case key again (恢复), ${backingOff} still backing off`);
    }
    if (failure) this.lookupFailures.failed(failure.error);
    else if (waiting === 0) this.lookupFailures.endOfPass(undefined, tried);
    // (else: the refused cases wait for their back-off to end, not asked this pass; the outage goes on)
  }

  /**
   * The cases a pass looks up by key, at most {@link LATE_LOOKUPS_PER_PASS}: those not refused lately first, the
   * latest ended first (casesWithoutOutcome's order), then, in the slots left, those still backing off after a failed
   * lookup, the one due soonest first. A case the cluster keeps refusing is thus asked for every pass while there is
   * room, and otherwise once its back-off ends; it never holds back the others. Read with as many more rows as cases
   * back off, so that a full pass of the others is always among them; when the list was read to its end, the cases
   * remembered that left it (their outcome read by the stream) are forgotten.
   */
  private casesToLookUp(endedBefore: string): string[] {
    const now = this.options.now();
    const backingOff = new Set([...this.failedLookups].filter(([, failed]) => failed.retryAt > now).map(([key]) => key));
    const limit = LATE_LOOKUPS_PER_PASS + backingOff.size;
    const candidates = this.store.casesWithoutOutcome(limit, endedBefore);
    if (candidates.length < limit) {
      const listed = new Set(candidates);
      for (const key of this.failedLookups.keys()) if (!listed.has(key)) this.failedLookups.delete(key);
    }
    const first = candidates.filter((key) => !backingOff.has(key));
    const later = candidates
      .filter((key) => backingOff.has(key))
      .sort((a, b) => this.failedLookups.get(a)!.retryAt - this.failedLookups.get(b)!.retryAt);
    return [...first, ...later].slice(0, LATE_LOOKUPS_PER_PASS);
  }

  /** A case's lookup by key failed: it backs off 1, 2, 4 … minutes, at most an hour ({@link casesToLookUp}). */
  private lookupFailed(key: string): void {
    const failures = (this.failedLookups.get(key)?.failures ?? 0) + 1;
    const waitMs = Math.min(OUTCOME_RETRY_FIRST_MS * 2 ** (failures - 1), OUTCOME_RETRY_MAX_MS);
    // (deleted first, so that the map's order is that of the last failure and the oldest is forgotten first)
    this.failedLookups.delete(key);
    this.failedLookups.set(key, { retryAt: this.options.now() + waitMs, failures });
    if (this.failedLookups.size > FAILED_LOOKUPS_KEPT) this.failedLookups.delete(this.failedLookups.keys().next().value!);
  }

  /**
   * {@link prune}, a failure of it logged like an outage, not once a pass: pruning only saves rows, so a failure (the
   * file full, locked) leaves the outcomes read and is tried again next pass, never backing off the outcome reads as a
   * failed search does. A full disk fails every pass (about once a second) the same way: the first failure is
   * logged, then only another error, and the pass that prunes again (恢复), with how many passes failed
   * ({@link RepeatedFailureLog}).
   */
  private pruneLogged(endEventsWatermark: string): void {
    try {
      this.prune(endEventsWatermark);
    } catch (error) {
      this.pruneFailures.failed(error);
      return;
    }
    this.pruneFailures.succeeded();
  }

  /**
   * `case_end_events` would otherwise keep a row for every process instance ever ended, called processes' too. It
   * needs a case's end event only while the case may still take an outcome from it: while the case is open (it
   * completes later), while the stream may still read another end event of it (the closing one is chosen among the
   * kept and the new: case-outcome.ts), and while a side path's end waits for its case to be looked up by key. So a
   * pass deletes, looking at at most {@link PRUNE_PER_PASS} rows, oldest first, going on from where the last pass
   * stopped, the rows ended before the stream's watermark minus the overlap (its next search begins there) and
   * {@link PRUNE_AFTER_MS} ago, of a case that ended before that too and has its outcome or was cancelled; and
   * the rows, as old and also before the started cases' watermark minus the overlap, of a process instance
   * the model holds no case of: a called process's (part of its caller's case), or a case the cluster showed later
   * than the overlap — that one takes its outcome, when it completes, from one search by its key as any case
   * without an end event does. A case's outcome stays in `cases`; read again from the beginning (a rebuild), the
   * end events are kept again as the first time.
   */
  private prune(endEventsWatermark: string): void {
    const started = this.streams.watermark('instancesStarted');
    if (started === undefined) return;
    const cutOff = (watermark: string) =>
      new Date(Math.min(Date.parse(watermark) - this.options.overlapMs, this.options.now() - PRUNE_AFTER_MS)).toISOString();
    // (at least one a pass: with none, no pass would look at a row, and nothing would ever be pruned)
    const limit = Math.max(1, Math.floor(this.options.endEventsPrunedPerPass ?? PRUNE_PER_PASS));
    const { last } = this.store.pruneEndEvents(cutOff(endEventsWatermark), cutOff(started), limit, this.pruneAfter);
    this.pruneAfter = last;
  }

  /**
   * The first end event the stream ever read, from the beginning, is the oldest the cluster still shows only if it
   * was old already then: a cluster's exporter may show older ones later (within {@link LATE_END_EVENT_MS}), so a
   * first page read of the newest minutes says nothing yet and is not kept. Kept with when it was read.
   */
  private noteEarliest(first: string | null | undefined): void {
    if (!first) return;
    const now = this.options.now();
    if (Date.parse(first) > now - LATE_END_EVENT_MS) return;
    this.store.setMeta('endEvents.earliest', isoInstant(first));
    this.store.setMeta('endEvents.earliestReadAt', new Date(now).toISOString());
  }

  /**
   * Cases ended before the oldest end event the cluster showed have no end event to find (a cluster deletes history
   * after its retention; a model older than the cluster's data, or one fed before outcomes were read, holds many of
   * them): marked '' in one statement instead of a search each. Only those ended before it by the overlap and before
   * it was read by {@link LATE_END_EVENT_MS} (an end event shown later than that is not waited for); the rest are
   * looked up one by one.
   */
  private markBeforeEarliest(): void {
    const earliest = this.store.meta('endEvents.earliest');
    const readAt = this.store.meta('endEvents.earliestReadAt');
    if (earliest === undefined) return;
    // (a file of the first version has no time of reading: the earliest's own time stands in)
    const before = Math.min(Date.parse(earliest) - this.options.overlapMs, Date.parse(readAt ?? earliest) - LATE_END_EVENT_MS);
    this.store.transaction(() => this.store.markWithoutEndEvent(new Date(before).toISOString()));
  }

  /** Keeps each process instance's closing end event among those known and these (a later one replaces it). */
  private putEndEvents(rows: ElementInstance[]): void {
    for (const row of rows) {
      if (row.type !== 'END_EVENT' || row.state !== 'COMPLETED') continue;
      const kept = this.store.endEventOf(row.processInstanceKey);
      const known = kept && { ...kept, type: 'END_EVENT', state: 'COMPLETED' };
      const closing = closingEndEvent(known ? [known, row] : [row]);
      // the one kept is still the closing one (also when it is this very row, read again in the overlap): nothing to write
      if (!closing || closing === known) continue;
      this.store.putEndEvent({
        processInstanceKey: row.processInstanceKey,
        elementInstanceKey: row.elementInstanceKey,
        elementId: row.elementId,
        elementName: row.elementName ?? null,
        endDate: row.endDate ? isoInstant(row.endDate) : null,
        outcome: outcomeOfEndEvent(row.elementName),
        side: isSidePathEnd(row),
      });
    }
  }
}
