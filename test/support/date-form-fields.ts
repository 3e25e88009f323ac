/**
 * The form-js fields the date tests' forms are made of, as the office's forms have them: 出院日期, 医疗机构名称, and a
 * list of 票据 rows each with its 开票日期 (one row, none added or removed).
 */
export const DISCHARGE_DAY = { type: 'datetime', id: 'treatmentTo', key: 'treatmentTo', subtype: 'date', dateLabel: '出院日期' };

export const HOSPITAL_NAME = { type: 'textfield', id: 'hospitalName', key: 'hospitalName', label: '医疗机构名称' };

/** Rows of a dynamic list, each with a date field of its own. */
export const BILLS_WITH_DAYS = {
  type: 'dynamiclist',
  id: 'bills',
  path: 'bills',
  label: '票据',
  isRepeating: true,
  allowAddRemove: false,
  defaultRepetitions: 1,
  components: [{ type: 'datetime', id: 'billDay', key: 'billDay', subtype: 'date', dateLabel: '开票日期' }],
};
