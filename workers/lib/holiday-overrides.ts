/**
 * Local deviations from the national holiday schedule: days the office is closed although the State Council
 * schedule says "work" (emergency closure, local decree) and days it works although the schedule says "rest".
 * They live in `config/holiday-overrides.json` so operations can add a closure without a release; the calendar
 * functions take them as an argument so that tests never depend on that file.
 */
import { z } from 'zod';
import { CONFIG_DIR, loadJsonConfig } from './load-json-config.js';
import type { IsoDate } from './iso-date.js';
import { isoDateSchema } from './versioned-parameters.js';

export interface HolidayOverrides {
  /** Days the office is closed; they never count as working days. */
  readonly closures: readonly IsoDate[];
  /** Days the office works beyond the national schedule; they count as working days. */
  readonly extraWorkingDays: readonly IsoDate[];
  /** Why these overrides exist (decree number, notice), for the audit trail. */
  readonly note?: string | undefined;
}

export const NO_HOLIDAY_OVERRIDES: HolidayOverrides = Object.freeze({ closures: [], extraWorkingDays: [] });

export const holidayOverridesSchema = z
  .strictObject({
    closures: z.array(isoDateSchema).default([]),
    extraWorkingDays: z.array(isoDateSchema).default([]),
    note: z.string().optional(),
  })
  .superRefine((overrides, ctx) => {
    // A day both closed and worked has no meaning; refuse it instead of picking one silently.
    const closures = new Set(overrides.closures);
    for (const [index, day] of overrides.extraWorkingDays.entries()) {
      if (closures.has(day)) {
        ctx.addIssue({ code: 'custom', path: ['extraWorkingDays', index], message: `${day} 同时列在停止办公日（closures）中` });
      }
    }
  });

export const HOLIDAY_OVERRIDES_FILE = new URL('holiday-overrides.json', CONFIG_DIR);

export function loadHolidayOverrides(file: string | URL = HOLIDAY_OVERRIDES_FILE): HolidayOverrides {
  return loadJsonConfig(file, holidayOverridesSchema);
}
