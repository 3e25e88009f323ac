/**
 * What document links know of the engine clock being set back (`PUT /v2/clock` to an earlier time,
 * `POST /v2/clock/reset` from a time pinned ahead, a restart while pinned ahead): a link lives the time it was
 * given on the clock it was made on, however that clock is set back since. The clock's set-backs are summed (how
 * far it has been turned back in all, `setBack`); a link carries the sum at its making (its mark), and each
 * set-back since moves its expiry back as far as the clock went back. So a link made on a clock pinned a year ahead
 * keeps the rest of its time, not a year more, once the clock is reset, and a link that expired stays expired.
 *
 * Kept in `<dataDir>/documents/.link-clock` (JSON), written before the clock is pinned or unpinned. The sum only
 * means something together with the file that counted it, so the file holds a random generation that links carry
 * too (signed): without a readable file (deleted, edited by hand, a disk fault) the set-backs are lost, a new
 * generation starts, and every link of an earlier one expires while the links made from then on are valid. A sum
 * that would leave the safe-integer range starts a new generation as well.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeAtomically } from './atomic-write.js';

const linkClockFile = z.object({
  /** Which file counted `setBack`: links of another generation expire. */
  generation: z.string().regex(/^[A-Za-z0-9_-]{16}$/),
  /** How far the engine clock has been set back in all (ms) in this generation: the mark of a link made now. */
  setBack: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  /**
   * Whether links without a generation (made before links carried one) belong to this generation with mark 0:
   * only when the file they were made under had recorded no set-back.
   */
  unmarked: z.boolean(),
  /** The pinned time, if the clock is pinned (a restart unpins it: a set-back when it was ahead). */
  pinned: z.number().nullable(),
});
type LinkClockFile = z.infer<typeof linkClockFile>;

/** The file before generations, while it had recorded no set-back (and no loss): its links keep their time. */
const unmovedEarlierFile = z.union([
  z.object({ setBack: z.literal(0), since: z.literal(0), pinned: z.number().nullable() }),
  z.object({ epoch: z.literal(0), setBacks: z.array(z.unknown()).length(0), pinned: z.number().nullable() }),
]);

export class LinkClock {
  private readonly path: string;
  private state: LinkClockFile;

  constructor(dir: string, systemNow: number) {
    this.path = join(dir, '.link-clock');
    const stored = readState(this.path);
    this.state = stored?.state ?? newGeneration(null);
    if (!stored?.current) this.save(this.state);
    if (this.state.pinned !== null) this.moved(this.state.pinned, systemNow, null);
  }

  /** The generation and mark a link made now carries. */
  get mark(): { generation: string; mark: number } {
    return { generation: this.state.generation, mark: this.state.setBack };
  }

  /**
   * Whether a link of `generation` (undefined: made before links carried one) and `mark`, valid until `expiresAt`
   * (epoch ms on the clock it was made on), has expired by `now`.
   */
  expired(generation: string | undefined, mark: number, expiresAt: number, now: number): boolean {
    // a link of another generation was counted by a lost file (or by none): nothing proves it valid
    if (generation === undefined ? !this.state.unmarked || mark !== 0 : generation !== this.state.generation) return true;
    if (mark > this.state.setBack) return true;
    return expiresAt - (this.state.setBack - mark) <= now;
  }

  /**
   * The engine clock showed `before` and is to show `after` from now on, pinned there (`pinned`) or not (null).
   * Saved before the caller moves the clock: when the save throws, nothing has changed.
   */
  moved(before: number, after: number, pinned: number | null): void {
    let next: LinkClockFile;
    if (after < before) {
      // rounded up: a link ends a fraction of a millisecond sooner rather than later
      const setBack = this.state.setBack + Math.ceil(before - after);
      // past the safe integers the sum is no longer exact: a new generation expires every earlier link instead
      next = Number.isSafeInteger(setBack) ? { ...this.state, setBack, pinned } : newGeneration(pinned);
    } else if (pinned === this.state.pinned) return;
    else next = { ...this.state, pinned };
    this.save(next);
    this.state = next;
  }

  private save(state: LinkClockFile): void {
    writeAtomically(this.path, Buffer.from(JSON.stringify(state)));
  }
}

/** The stored state, and whether it is stored in this form; undefined when the file is missing or damaged (another read fault throws). */
function readState(path: string): { state: LinkClockFile; current: boolean } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    // only a missing file starts a new generation: a passing read fault (EACCES, EIO, EMFILE) must not expire every
    // link for good, so it stops the start instead
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const current = linkClockFile.safeParse(json);
  if (current.success) return { state: current.data, current: true };
  const earlier = unmovedEarlierFile.safeParse(json);
  // an earlier file that recorded a set-back or a loss: its marks cannot be told from a lost file's, so they expire
  if (!earlier.success) return undefined;
  return { state: { ...newGeneration(earlier.data.pinned), unmarked: true }, current: false };
}

/** Every link made before expires; a fresh install has none and grants its new ones alike. */
function newGeneration(pinned: number | null): LinkClockFile {
  return { generation: randomBytes(12).toString('base64url'), setBack: 0, unmarked: false, pinned };
}
