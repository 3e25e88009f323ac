/**
 * The personal data the masking tests put into their cases (an applicant's ID number, bank account and diagnosis, a
 * family member's ID number), and what none of their pages may show in full.
 */
export const ID_NUMBER = '630103196503152014';
export const BANK_ACCOUNT = '6217002870001234567';
export const DIAGNOSIS = '精神分裂症';
export const MEMBER_ID = '630102199001011234';
export const FULL_VALUES = [ID_NUMBER, BANK_ACCOUNT, DIAGNOSIS, MEMBER_ID];
