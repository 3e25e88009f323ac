/**
 * What document links know of the engine clock being set back (`PUT /v2/clock` to an earlier time,
 * `POST /v2/clock/reset` from a time pinned ahead, a restart while pinned ahead): a link lives the time it was
 * given on the clock it was made on, however that clock is set back since. The clock's set-backs are summed (how
 * far it has been turned back in all, `setBack`); a link carries the sum at its making (its mark), and each
 * set-back since moves its expiry back as far as the clock went back. So a link made on a clock pinned a year ahead
 * keeps the rest of its time, not a year more, once the clock is reset, and a link that expired stays expired.
 *
 * Kept in `<dataDir>/documents/.link-clock` (JSON), written when the clock is pinned or unpinned. Without a
 * readable file (deleted, edited by hand, a disk fault) the set-backs are lost: the engine starts, and every link
 * made before expires, while the links it makes from then on are valid (`since`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeAtomically } from './atomic-write.js';

const linkClockFile = z.object({
  /** How far the engine clock has been set back in all (ms): the mark of a link made now. */
  setBack: z.number().int().nonnegative(),
  /** The least mark a valid link carries: links made before the file was lost carry smaller ones. */
  since: z.number().int().nonnegative(),
  /** The pinned time, if the clock is pinned (a restart unpins it: a set-back when it was ahead). */
  pinned: z.number().nullable(),
});
type LinkClockFile = z.infer<typeof linkClockFile>;

/** The file as links counted set-backs (epochs): with none counted, its links carry mark 0 and keep their time. */
const countedSetBacksFile = z.object({ epoch: z.literal(0), setBacks: z.array(z.unknown()).length(0), pinned: z.number().nullable() });

export class LinkClock {
  private readonly path: string;
  private readonly state: LinkClockFile;

  constructor(dir: string, systemNow: number) {
    this.path = join(dir, '.link-clock');
    const stored = readState(this.path);
    this.state = stored?.state ?? expireEveryEarlierLink(systemNow);
    if (!stored?.current) this.save();
    if (this.state.pinned !== null) this.moved(this.state.pinned, systemNow, null);
  }

  /** The mark of a link made now. */
  get mark(): number {
    return this.state.setBack;
  }

  /** Whether a link of `mark`, valid until `expiresAt` (epoch ms on the clock it was made on), has expired by `now`. */
  expired(mark: number, expiresAt: number, now: number): boolean {
    // a mark past the sum cannot come from this clock (its file was lost since): nothing proves the link valid
    if (mark < this.state.since || mark > this.state.setBack) return true;
    return expiresAt - (this.state.setBack - mark) <= now;
  }

  /** The engine clock showed `before` and shows `after` from now on, pinned there (`pinned`) or not (null). */
  moved(before: number, after: number, pinned: number | null): void {
    if (after < before) this.state.setBack += before - after;
    else if (pinned === this.state.pinned) return;
    this.state.pinned = pinned;
    this.save();
  }

  private save(): void {
    writeAtomically(this.path, Buffer.from(JSON.stringify(this.state)));
  }
}

/** The stored state, and whether it is stored in this form; undefined when the file is missing or unreadable. */
function readState(path: string): { state: LinkClockFile; current: boolean } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  const current = linkClockFile.safeParse(json);
  if (current.success) return { state: current.data, current: true };
  const counted = countedSetBacksFile.safeParse(json);
  return counted.success ? { state: { setBack: 0, since: 0, pinned: counted.data.pinned }, current: false } : undefined;
}

/**
 * No readable file: what set-backs the links made before saw is lost, so every one of them expires. Their marks
 * are below the system time (a sum of set-backs, or an earlier recovery's system time); links made from now on
 * carry it. A fresh install has no earlier links and grants its new ones alike.
 */
function expireEveryEarlierLink(systemNow: number): LinkClockFile {
  const mark = Math.floor(systemNow);
  return { setBack: mark, since: mark, pinned: null };
}
