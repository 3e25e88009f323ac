/** What a decision file declares, for the cross-file check of business rule tasks (lint-dmn.ts computes it). */
export interface DmnFacts {
  file: string;
  decisionIds: string[];
}
