/**
 * What document links know of the engine clock being set back (`PUT /v2/clock` to an earlier time,
 * `POST /v2/clock/reset` from a time pinned ahead, a restart while pinned ahead): a link that expired stays
 * expired. Each set-back opens a new epoch and remembers the latest time the clock had shown; a link carries the
 * epoch it was made in, and has expired once the clock reaches its expiry now or had reached it at any set-back
 * since (a link made after a set-back lives its full time on the clock as it is).
 *
 * Kept in `<dataDir>/documents/.link-clock` (JSON), written only when the clock is pinned or unpinned. Only the
 * set-backs that can still decide a link are kept: one later set-back from a later time makes an earlier one moot.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeAtomically } from './atomic-write.js';

const linkClockFile = z.object({
  /** Set-backs so far (the current epoch). */
  epoch: z.number().int().nonnegative(),
  /** Per set-back still deciding links: its epoch and the time the clock had shown; `at` falls as `epoch` rises. */
  setBacks: z.array(z.object({ epoch: z.number().int(), at: z.number() })),
  /** The pinned time, if the clock is pinned (a restart unpins it: a set-back when it was ahead). */
  pinned: z.number().nullable(),
});
type LinkClockFile = z.infer<typeof linkClockFile>;

export class LinkClock {
  private readonly path: string;
  private readonly state: LinkClockFile;

  constructor(dir: string, systemNow: number) {
    this.path = join(dir, '.link-clock');
    const stored = existsSync(this.path) ? readState(this.path) : { epoch: 0, setBacks: [], pinned: null };
    this.state = stored ?? expireEveryEarlierLink(systemNow);
    if (!stored) this.save();
    if (this.state.pinned !== null) this.moved(this.state.pinned, systemNow, null);
  }

  get epoch(): number {
    return this.state.epoch;
  }

  /** Whether a link made in `epoch` and valid until `expiresAt` (epoch ms) has expired by `now`. */
  expired(epoch: number, expiresAt: number, now: number): boolean {
    if (expiresAt <= now) return true;
    const deciding = this.state.setBacks.find((setBack) => setBack.epoch > epoch);
    return deciding !== undefined && expiresAt <= deciding.at;
  }

  /** The engine clock showed `before` and shows `after` from now on, pinned there (`pinned`) or not (null). */
  moved(before: number, after: number, pinned: number | null): void {
    if (after < before) {
      const setBacks = this.state.setBacks.filter((setBack) => setBack.at > before);
      this.state.epoch += 1;
      this.state.setBacks = [...setBacks, { epoch: this.state.epoch, at: before }];
    } else if (pinned === this.state.pinned) {
      return;
    }
    this.state.pinned = pinned;
    this.save();
  }

  private save(): void {
    writeAtomically(this.path, Buffer.from(JSON.stringify(this.state)));
  }
}

function readState(path: string): LinkClockFile | undefined {
  try {
    return linkClockFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return undefined;
  }
}

/**
 * An unreadable file (edited by hand, a disk fault): the engine starts, and every link made before expires, since
 * what set-backs they saw is lost. The new epoch (the system time) is past any count of set-backs a token carries.
 */
function expireEveryEarlierLink(systemNow: number): LinkClockFile {
  return { epoch: systemNow, setBacks: [{ epoch: systemNow, at: Number.MAX_SAFE_INTEGER }], pinned: null };
}
