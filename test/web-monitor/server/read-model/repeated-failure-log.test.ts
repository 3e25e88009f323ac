/**
 * The feeder's failures logged like an outage (repeated-failure-log.ts): the lines a run of passes gives, the end of
 * a pass's lookups included (one failed, some worked, none to look up), and an ID number a message might quote masked.
 */
import { describe, expect, it } from 'vitest';
import { RepeatedFailureLog } from '../../../../web-monitor/server/read-model/repeated-failure-log.js';
import { ID_NUMBER } from '../../../support/personal-values.js';

const lookups = () => {
  const lines: string[] = [];
  const log = new RepeatedFailureLog((line) => lines.push(line), {
    failed: 'end events of one case not read',
    recovered: 'end events looked up by case key again',
    passes: ['pass with failed lookups', 'passes with failed lookups'],
  });
  return { lines, log };
};
const refused = { error: new Error('Response code 500 (Internal Server Error)') };

describe('RepeatedFailureLog', () => {
  it('should log the lookups failing once, and once when they work again with how many passes they failed in, worded by the caller', () => {
    // given lookups failing in two passes, then working
    const { lines, log } = lookups();

    // when
    log.endOfPass(refused, true);
    log.endOfPass(refused, true);
    log.endOfPass(undefined, true);
    log.endOfPass(undefined, true);

    // then
    expect(lines).toEqual([
      '[monitor] end events of one case not read: Response code 500 (Internal Server Error)',
      '[monitor] end events looked up by case key again (恢复) after 2 passes with failed lookups',
    ]);
  });

  it('should end an outage with no line when nothing is left to look up, and log the next failure with the same message as a new one', () => {
    // given lookups failing in three passes, then a pass with nothing to look up (the case left the list: its end event read)
    const { lines, log } = lookups();
    for (let pass = 0; pass < 3; pass += 1) log.endOfPass(refused, true);

    // when
    log.endOfPass(undefined, false);

    // then no line says they work again (nothing was asked)
    expect(lines).toHaveLength(1);

    // when another case's lookup fails alike a day later, and then works
    log.endOfPass(refused, true);
    log.endOfPass(undefined, true);

    // then the failure is logged again, and the recovery counts that outage's pass alone
    expect(lines.slice(1)).toEqual([
      '[monitor] end events of one case not read: Response code 500 (Internal Server Error)',
      '[monitor] end events looked up by case key again (恢复) after 1 pass with failed lookups',
    ]);
  });

  it('should log a pass failing another way once more, and a pass with nothing to look up while none failed says nothing', () => {
    // given
    const { lines, log } = lookups();

    // when
    log.endOfPass(undefined, false);
    log.endOfPass(undefined, true);
    log.endOfPass(refused, true);
    log.endOfPass({ error: 'socket hang up' }, true);
    log.endOfPass({ error: 'socket hang up' }, true);

    // then
    expect(lines).toEqual([
      '[monitor] end events of one case not read: Response code 500 (Internal Server Error)',
      '[monitor] end events of one case not read: socket hang up',
    ]);
  });

  it('should mask an ID number a failure quotes (a cluster\'s problem detail quoting a value), the rest of the message as it is', () => {
    // given
    const { lines, log } = lookups();

    // when
    log.failed(new Error(`Response code 400 (Bad Request): expected a number but it was "${ID_NUMBER}" in 2251799813685249`));

    // then
    expect(lines).toEqual(['[monitor] end events of one case not read: Response code 400 (Bad Request): expected a number but it was "630103********2014" in 2251799813685249']);
  });
});
