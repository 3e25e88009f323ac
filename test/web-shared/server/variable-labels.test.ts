/**
 * The labels of case variables the task list and the monitor get with their catalogue: from the forms of forms/
 * (the case's own process first, filling hints dropped) and config/variable-labels.json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOfficeCatalog } from '../../../web-shared/server/office-catalog.js';
import { loadVariableLabels } from '../../../web-shared/server/variable-labels.js';
import { variableLabel } from '../../../web-shared/src/format/variable-labels.js';

const folder = mkdtempSync(join(tmpdir(), 'variable-labels-'));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

const form = (components: object[]) => JSON.stringify({ type: 'default', id: 'f', components });

describe('loadVariableLabels', () => {
  it("should label the office's variables from its forms and the data file", () => {
    // when
    const labels = loadVariableLabels(loadOfficeCatalog());

    // then
    const fc20 = 'xining-fc20-manual-reimbursement';
    expect(variableLabel(labels, 'acceptedAt', fc20)).toBe('受理时间');
    expect(variableLabel(labels, 'idNumber', fc20)).toBe('公民身份号码');
    expect(variableLabel(labels, 'identityValid', fc20)).toBe('身份核验通过');
    expect(labels.options.applicantType).toMatchObject({ insured: '参保人本人' });
    // a date field by its dateLabel; a code the identity check sets, by the data file's options
    expect(variableLabel(labels, 'treatmentFrom', fc20)).toBe('就医（入院）日期');
    expect(labels.options.sex).toEqual({ male: '男', female: '女' });
    // FC11's forms serve both its processes
    expect(Object.keys(labels.byProcess)).toEqual(expect.arrayContaining(['xining-fc11-transfer-in', 'xining-fc11-transfer-out']));
  });

  it("should prefer the case's own forms, drop filling hints, and go into groups", () => {
    // given: FC01's form words personName one way, two other forms another; a group holds a field
    writeFileSync(join(folder, 'fc01-application.form'), form([{ type: 'textfield', key: 'personName', label: '单位经办人姓名' }]));
    writeFileSync(join(folder, 'fc02-application.form'), form([{ type: 'textfield', key: 'personName', label: '姓名（如有误请更正）' }]));
    writeFileSync(
      join(folder, 'fc03-application.form'),
      form([{ type: 'group', label: '基本信息', components: [{ type: 'textfield', key: 'personName', label: '姓名' }, { type: 'textfield', key: 'startMonth', label: '起始年月（YYYY-MM）' }] }]),
    );
    const catalog = { processes: [1, 2, 3].map((flowchart) => ({ processId: `p${flowchart}`, flowchart })) } as Parameters<typeof loadVariableLabels>[0];

    // when
    const labels = loadVariableLabels(catalog, pathToFileURL(`${folder}/`));

    // then
    expect(variableLabel(labels, 'personName', 'p1')).toBe('单位经办人姓名');
    expect(variableLabel(labels, 'personName', 'p2')).toBe('姓名');
    expect(variableLabel(labels, 'personName')).toBe('姓名');
    expect(variableLabel(labels, 'startMonth', 'p3')).toBe('起始年月');
    // the data file's labels for what no form names
    expect(variableLabel(labels, 'acceptedAt')).toBe('受理时间');
  });
});
