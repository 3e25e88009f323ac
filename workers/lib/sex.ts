/** Sex as recorded in the ID number (GB 11643 顺序码 parity) and used by sex-specific 补缴 minimums. */
export const SEXES = ['male', 'female'] as const;

export type Sex = (typeof SEXES)[number];
