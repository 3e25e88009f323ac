/**
 * The labels of case variables the task list and the monitor get with their catalogue: from the forms of forms/
 * (the case's own process first, filling hints dropped) and config/variable-labels.json, re-read when it changes
 * (a broken version leaves the last good labels in force, with one log line); the amounts in yuan by the forms' and
 * the workers' labels that say （元）.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOfficeCatalog } from '../../../web-shared/server/office-catalog.js';
import { liveVariableLabels, loadVariableLabels } from '../../../web-shared/server/variable-labels.js';
import { optionLabel, variableLabel } from '../../../web-shared/src/format/variable-labels.js';
import { decisionOfStep } from '../../../web-shared/src/i18n/decisions.js';

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
    expect(variableLabel(labels, 'idNumber', fc20)).toBe('参保人公民身份号码');
    expect(variableLabel(labels, 'identityValid', fc20)).toBe('身份核验通过');
    expect(labels.options.applicantType).toMatchObject({ insured: '参保人本人' });
    // what the job workers write (by workers/catalog-labels.json) and the forms' checksum checks (by the data file)
    expect(variableLabel(labels, 'settlementStatementDocument', fc20)).toBe('结算单（文件）');
    expect(variableLabel(labels, 'enrolmentCertificateNumber')).toBe('参保凭证编号');
    expect(variableLabel(labels, 'idNumberCheckOk', 'xining-fc21-out-of-province-referral')).toBe('公民身份号码校验码正确');
    // a date field by its dateLabel; a code the identity check sets, by the data file's options
    expect(variableLabel(labels, 'treatmentFrom', fc20)).toBe('就医（入院）日期');
    expect(labels.options.sex).toEqual({ male: '男', female: '女' });
    // a field inside the workers' objects (an expense item's), by workers/catalog-labels.json
    expect(labels.fields).toMatchObject({ item: '费用项目', amount: '金额（元）' });
    // FC11's forms serve both its processes
    expect(Object.keys(labels.byProcess)).toEqual(expect.arrayContaining(['xining-fc11-transfer-in', 'xining-fc11-transfer-out']));
  });

  it("should word a refusal in the case's own process's form: 不予受理 at FC02's 初审, 不予办理 at FC10's and at FC11's 复审", () => {
    // when
    const labels = loadVariableLabels(loadOfficeCatalog());

    // then each process's form words `rejected` its own way (the monitor's 办理记录 and the task list's agree)
    expect(decisionOfStep(labels, 'firstReviewDecision', 'rejected', 'xining-fc02-employee-enrolment')).toBe('不予受理');
    expect(decisionOfStep(labels, 'firstReviewDecision', 'rejected', 'xining-fc10-account-withdrawal')).toBe('不予办理');
    expect(decisionOfStep(labels, 'secondReviewDecision', 'rejected', 'xining-fc11-transfer-in')).toBe('不予办理');
    expect(decisionOfStep(labels, 'preliminaryReviewDecision', 'rejected', 'xining-fc20-manual-reimbursement')).toBe('不予受理');
    expect(decisionOfStep(labels, 'secondReviewDecision', 'rejected', 'xining-fc15-chronic-disease-entitlement')).toBe('不予认定');
    expect(optionLabel(labels, 'firstReviewDecision', 'rejected', 'xining-fc10-account-withdrawal')).toBe('不符合支取条件，不予办理');
    // an approval keeps the short shared word, not the form's longer option text
    expect(decisionOfStep(labels, 'firstReviewDecision', 'approved', 'xining-fc02-employee-enrolment')).toBe('同意');
    // a value no form words keeps the shared words
    expect(decisionOfStep(labels, 'unknownDecision', 'returned', undefined)).toBe('退回');
    // and a process keeps only the options its forms word otherwise than the common ones
    expect(labels.optionsByProcess?.['xining-fc02-employee-enrolment']?.firstReviewDecision).toBeUndefined();
  });

  it('should label every variable a form of the office records or a job worker writes (none shown by its technical name)', () => {
    // given
    const labels = loadVariableLabels(loadOfficeCatalog());
    const root = new URL('../../../', import.meta.url);
    const names = new Set<string>();
    const walk = (container: { key?: string; components?: object[] }) => {
      if (container.key) names.add(container.key);
      for (const field of container.components ?? []) walk(field);
    };
    for (const file of readdirSync(new URL('forms/', root)).filter((name) => name.endsWith('.form'))) walk(JSON.parse(readFileSync(new URL(`forms/${file}`, root), 'utf8')));
    const workers = JSON.parse(readFileSync(new URL('workers/catalog.json', root), 'utf8')) as { jobTypes: { outputVariables?: { properties?: object } }[] };
    for (const job of workers.jobTypes) for (const name of Object.keys(job.outputVariables?.properties ?? {})) names.add(name);

    // then
    expect([...names].filter((name) => variableLabel(labels, name) === undefined)).toEqual([]);
  });

  it('should know the amounts in yuan by the labels of the forms, their groups and the workers', () => {
    // given a form with an amount, an amount in a group labelled in yuan, and a number that is no amount
    writeFileSync(
      join(folder, 'fc04-payment.form'),
      form([
        { type: 'textfield', key: 'voucherAmount', label: '凭证金额（元）' },
        { type: 'textfield', key: 'balanceWithInterest', label: '余额（元，本金＋利息）' },
        { type: 'group', label: '录入审核结果（元）', components: [{ type: 'textfield', key: 'deductible', label: '起付标准' }] },
        { type: 'number', key: 'contributionMonths', label: '缴费月数' },
      ]),
    );

    // when
    const labels = loadVariableLabels({ processes: [{ processId: 'p4', flowchart: 4 }] } as Parameters<typeof loadVariableLabels>[0], pathToFileURL(`${folder}/`));

    // then
    expect(labels.money).toEqual(expect.arrayContaining(['voucherAmount', 'balanceWithInterest', 'deductible']));
    expect(labels.money).not.toContain('contributionMonths');
    // the workers' (workers/catalog-labels.json): an amount they write, an expense item's amount; not a flag
    expect(labels.money).toEqual(expect.arrayContaining(['accountRefundAmount', 'amount']));
    expect(labels.money).not.toContain('accountRefundDue');
    // the office's forms: an amount typed as text and one typed as a number
    expect(loadVariableLabels(loadOfficeCatalog()).money).toEqual(expect.arrayContaining(['totalExpenses', 'contributionBase', 'poolingFundPayment']));
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

  it("should not name a variable after a form's read-only copy of it, however many forms show one, yet word its codes", () => {
    // given: one form where the clerk fills the materials list, two review forms that show it disabled
    const forms = join(folder, 'disabled');
    mkdirSync(forms);
    const materials = (label: string, disabled?: boolean) => ({ type: 'checklist', key: 'materialsSubmitted', label, disabled, values: [{ label: '身份证', value: 'idCard' }] });
    writeFileSync(join(forms, 'fc01-intake.form'), form([materials('已提交材料')]));
    writeFileSync(join(forms, 'fc01-first-review.form'), form([materials('窗口登记的已提交材料（只读）', true)]));
    writeFileSync(join(forms, 'fc01-second-review.form'), form([materials('窗口登记的已提交材料（只读）', true)]));
    const catalog = { processes: [{ processId: 'p1', flowchart: 1 }] } as Parameters<typeof loadVariableLabels>[0];

    // when
    const labels = loadVariableLabels(catalog, pathToFileURL(`${forms}/`));

    // then
    expect(variableLabel(labels, 'materialsSubmitted', 'p1')).toBe('已提交材料');
    expect(variableLabel(labels, 'materialsSubmitted')).toBe('已提交材料');
    expect(labels.options.materialsSubmitted).toEqual({ idCard: '身份证' });
  });

  it('should name a variable by the fields that record it, not by the disabled ones that show it for comparison', () => {
    // given: one form records the intake list, two show it disabled; another list only ever shown disabled
    const shown = (key: string, label: string) => ({ type: 'checklist', key, label, disabled: true });
    const dir = join(folder, 'shown');
    mkdirSync(dir);
    writeFileSync(join(dir, 'fc18-application.form'), form([{ type: 'checklist', key: 'submittedMaterials', label: '已提交材料' }]));
    writeFileSync(join(dir, 'fc18-acceptance.form'), form([shown('submittedMaterials', '窗口登记的已提交材料（只读）'), shown('workerList', '系统生成的清单（只读）')]));
    writeFileSync(join(dir, 'fc18-first-review.form'), form([shown('submittedMaterials', '窗口登记的已提交材料（只读）')]));
    const catalog = { processes: [{ processId: 'p18', flowchart: 18 }] } as Parameters<typeof loadVariableLabels>[0];

    // when
    const labels = loadVariableLabels(catalog, pathToFileURL(`${dir}/`));

    // then
    expect(variableLabel(labels, 'submittedMaterials', 'p18')).toBe('已提交材料');
    expect(variableLabel(labels, 'submittedMaterials')).toBe('已提交材料');
    expect(variableLabel(labels, 'workerList', 'p18')).toBe('系统生成的清单');
  });

  it('should take only `disabled: true` for a read-only copy, and build the labels of a form whose disabled is no boolean', () => {
    // given: the intake records the list; one review form disables its copy by a FEEL expression, another by true
    const dir = join(folder, 'lenient');
    mkdirSync(dir);
    const list = (label: string, disabled?: unknown) => ({ type: 'checklist', key: 'materialsChecked', label, disabled });
    writeFileSync(join(dir, 'fc03-acceptance.form'), form([list('核验无误的材料', '=not(isReviewer)'), { type: 'textfield', key: 'reviewNote', label: '审核意见' }]));
    writeFileSync(join(dir, 'fc03-first-review.form'), form([list('受理时核验的材料（只读）', true), list('受理时核验的材料（只读）', true)]));
    const catalog = { processes: [{ processId: 'p3', flowchart: 3 }] } as Parameters<typeof loadVariableLabels>[0];

    // when
    const labels = loadVariableLabels(catalog, pathToFileURL(`${dir}/`));

    // then: the FEEL-disabled field counts as recording the variable (its label wins over the two copies), and the
    // rest of that form is labelled
    expect(variableLabel(labels, 'materialsChecked', 'p3')).toBe('核验无误的材料');
    expect(variableLabel(labels, 'reviewNote', 'p3')).toBe('审核意见');
  });
});

describe('liveVariableLabels', () => {
  const dir = join(folder, 'live');
  mkdirSync(join(dir, 'forms'), { recursive: true });
  writeFileSync(join(dir, 'forms', 'fc01-application.form'), form([{ type: 'textfield', key: 'personName', label: '姓名' }]));
  const dataFile = join(dir, 'variable-labels.json');
  let version = 0;
  /** Writes the data file with a modification time of its own (a second apart: no file system rounds that away). */
  const write = (text: string) => {
    writeFileSync(dataFile, text);
    version += 1;
    const at = new Date(Date.UTC(2026, 0, 1, 0, 0, version));
    utimesSync(dataFile, at, at);
  };
  const catalog = { processes: [{ processId: 'p1', flowchart: 1 }] } as Parameters<typeof loadVariableLabels>[0];

  it('should re-read the data file when it changed, at most every few seconds, and keep the last good labels through a broken version', () => {
    // given
    write(JSON.stringify({ labels: { acceptedAt: '受理时间' } }));
    let now = 0;
    const lines: string[] = [];
    const labels = liveVariableLabels(catalog, { folder: pathToFileURL(`${dir}/forms/`), dataFile: pathToFileURL(dataFile), checkEveryMs: 3_000, now: () => now, log: (line) => lines.push(line) });
    expect(variableLabel(labels(), 'acceptedAt')).toBe('受理时间');

    // when an operator corrects a label: not looked at within 3 s, then in force
    write(JSON.stringify({ labels: { acceptedAt: '受理日期' } }));
    now += 2_000;
    expect(variableLabel(labels(), 'acceptedAt')).toBe('受理时间');
    now += 1_000;
    expect(variableLabel(labels(), 'acceptedAt')).toBe('受理日期');
    expect(variableLabel(labels(), 'personName', 'p1')).toBe('姓名');

    // when the file is saved half-edited (no JSON), then with a label that is no text: the last good labels, a line each
    write('{ "labels": { "acceptedAt": ');
    now += 3_000;
    expect(variableLabel(labels(), 'acceptedAt')).toBe('受理日期');
    now += 3_000;
    expect(variableLabel(labels(), 'acceptedAt')).toBe('受理日期');
    write(JSON.stringify({ labels: { acceptedAt: 42 } }));
    now += 3_000;
    expect(variableLabel(labels(), 'acceptedAt')).toBe('受理日期');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[web\] live\/variable-labels\.json 无法使用，继续使用上次有效的数据项名称：不是有效的 JSON/);
    expect(lines[1]).toBe('[web] live/variable-labels.json 无法使用，继续使用上次有效的数据项名称：内容不符合要求——labels.acceptedAt：无效输入：期望 string，实际接收 数字');

    // when it is fixed
    write(JSON.stringify({ labels: { acceptedAt: '受理时间（窗口）' } }));
    now += 3_000;
    expect(variableLabel(labels(), 'acceptedAt')).toBe('受理时间（窗口）');
    expect(lines).toHaveLength(2);
  });

  it('should start with the forms\' and the workers\' labels alone, and say so, when the data file is broken at start', () => {
    // given
    write('not json');
    const lines: string[] = [];

    // when
    const labels = liveVariableLabels(catalog, { folder: pathToFileURL(`${dir}/forms/`), dataFile: pathToFileURL(dataFile), log: (line) => lines.push(line) });

    // then
    expect(variableLabel(labels(), 'personName', 'p1')).toBe('姓名');
    // what the data file alone words is not labelled; what the job workers set is, by their own catalogue
    expect(variableLabel(labels(), 'acceptedOn')).toBeUndefined();
    expect(variableLabel(labels(), 'settlementStatementDocument')).toBe('结算单（文件）');
    expect(lines).toEqual([expect.stringMatching(/无法使用，只用表单中的字段名称：不是有效的 JSON/)]);
  });
});
