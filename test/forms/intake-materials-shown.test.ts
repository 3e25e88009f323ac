/**
 * The reviewer who ticks 核验无误 / 需补正 sees what the window recorded as handed in, and after a 补正 what came in
 * with it, but cannot change either: every form that asks for the 一次性告知 (`missingMaterials`) shows the
 * process's intake list as a disabled checklist with the intake form's options. Disabled, not readonly: form-js
 * 1.23 leaves disabled fields out of the submitted data, while a readonly checklist is submitted, with values not
 * among its options dropped (and `[]` when the case has none) — that would overwrite what the window recorded.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFormViewerPage, type FormViewerPage } from '../support/form-viewer-page.js';

interface Component {
  type: string;
  id: string;
  key?: string;
  label?: string;
  disabled?: boolean;
  readonly?: boolean;
  values?: { value: string }[];
  valuesExpression?: string;
  components?: Component[];
}

const INTAKE_KEYS = ['materialsSubmitted', 'materials', 'submittedMaterials'];
const CORRECTION_KEYS = ['correctedMaterials', 'supplementedMaterials'];

const schemaOf = (formId: string) => JSON.parse(readFileSync(`forms/${formId}.form`, 'utf8')) as { components: Component[] };
const flat = (components: Component[]): Component[] => components.flatMap((c) => [c, ...flat(c.components ?? [])]);
const editable = (c: Component) => c.type === 'checklist' && !c.disabled && !c.readonly;
const options = (c: Component) => c.valuesExpression ?? (c.values ?? []).map((option) => option.value);

/** Each process's forms (start form and tasks' forms), from the formIds its BPMN names. */
const PROCESS_FORMS = readdirSync('bpmn')
  .filter((name) => name.endsWith('.bpmn'))
  .map((name) => ({ process: name, forms: [...new Set([...readFileSync(`bpmn/${name}`, 'utf8').matchAll(/formId="([^"]+)"/g)].map((m) => m[1]!))] }));

describe('the intake materials on the materials-checking forms', () => {
  it('should show the intake list (and the last 补正) disabled, with the intake options, on every form that asks for a 一次性告知', () => {
    // given
    const problems: string[] = [];
    let shown = 0;

    // when
    for (const { process, forms } of PROCESS_FORMS) {
      const components = new Map(forms.map((formId) => [formId, flat(schemaOf(formId).components)]));
      const recorded = (keys: string[]) =>
        forms.flatMap((formId) => components.get(formId)!.filter((c) => editable(c) && keys.includes(c.key ?? '')).map((c) => ({ formId, field: c })));
      const intake = recorded(INTAKE_KEYS);
      const corrections = recorded(CORRECTION_KEYS);
      for (const formId of forms) {
        const fields = components.get(formId)!;
        if (!fields.some((c) => c.type === 'checklist' && c.key === 'missingMaterials') || intake.length === 0) continue;
        if (intake.some((recording) => recording.formId === formId)) problems.push(`${formId}: ticks the intake list ${intake[0]!.field.key} itself`);
        for (const { field: source } of [intake[0]!, ...corrections.slice(0, 1)]) {
          const shownField = fields.find((c) => c.type === 'checklist' && c.key === source.key);
          if (!shownField) problems.push(`${process} ${formId}: ${source.key} not shown`);
          else if (shownField.disabled !== true) problems.push(`${formId}: ${source.key} not disabled`);
          else if (JSON.stringify(options(shownField)) !== JSON.stringify(options(source))) problems.push(`${formId}: ${source.key} options differ from the intake's`);
          else shown++;
        }
      }
    }

    // then
    expect(problems).toEqual([]);
    // (43 with FC15: the window records the materials handed in with the stamped 《申请表》, 受理 shows them)
    expect(shown).toBeGreaterThanOrEqual(43);
  });

  it('should show the FC19 登记 what the 收取材料 step received (and the last 补正), disabled, with the options of both 收取材料 forms', () => {
    // given FC19 records its intake as receivedMaterials, on one of two forms by 备案类别
    const received = ['fc19-residence-materials', 'fc19-work-materials'].flatMap((formId) => flat(schemaOf(formId).components).filter((c) => editable(c) && c.key === 'receivedMaterials'));
    const supplemented = flat(schemaOf('fc19-supplement').components).find((c) => editable(c) && c.key === 'supplementedMaterials')!;

    // when
    const registration = flat(schemaOf('fc19-registration').components);
    const intakeShown = registration.find((c) => c.id === 'f_intakeMaterials')!;
    const correctionShown = registration.find((c) => c.id === 'f_correctedMaterialsShown')!;

    // then
    expect(received).toHaveLength(2);
    expect(intakeShown).toMatchObject({ type: 'checklist', key: 'receivedMaterials', disabled: true });
    expect(options(intakeShown)).toEqual([...new Set(received.flatMap(options))]);
    expect(correctionShown).toMatchObject({ type: 'checklist', key: 'supplementedMaterials', disabled: true });
    expect(options(correctionShown)).toEqual(options(supplemented));
  });

  describe('in the form-js viewer', () => {
    let viewer: FormViewerPage;

    beforeAll(async () => {
      viewer = await openFormViewerPage();
    }, 60_000);

    afterAll(() => viewer?.close());

    it('should tick exactly what the window recorded, not let it change, and not submit it', async () => {
      // given the FC1 业务初审 of a case with two of three materials handed in (and one no option names)
      const handedIn = ['统一社会信用代码证书或单位批准成立的文件', '缴费基数申报表', '其他材料'];
      await viewer.open(schemaOf('fc01-first-review'), { unitName: '西宁某建材有限公司', materialsSubmitted: handedIn });
      const intakeBoxes = viewer.page.locator('input[type="checkbox"][id*="-f_intakeMaterials-"]');

      // when the reviewer tries to untick one and approves
      await intakeBoxes.first().click({ force: true });
      await viewer.page.getByLabel('审核无误，初审人员签字确认').check();
      await viewer.fill('f_firstReviewer', '马晓梅');
      const { data, errors } = await viewer.submit();

      // then
      expect(await intakeBoxes.evaluateAll((boxes) => boxes.map((box) => [(box as HTMLInputElement).checked, (box as HTMLInputElement).disabled]))).toEqual([
        [true, true],
        [false, true],
        [true, true],
      ]);
      expect(await viewer.text()).toContain('窗口登记的已提交材料（只读）');
      expect(await viewer.text()).not.toContain('补正时登记的已补正材料（只读）');
      expect(errors).toEqual({});
      expect(data).toMatchObject({ firstReviewDecision: 'approved' });
      expect(data).not.toHaveProperty('materialsSubmitted');
      expect(data).not.toHaveProperty('correctedMaterials');
    });

    it('should have the 受理 reviewer tick her own list, not the intake list, and submit only hers', async () => {
      // given the FC18 即时受理 of a case with two materials handed in
      const handedIn = ['医保电子凭证或有效身份证件或社会保障卡', '出院证'];
      await viewer.open(schemaOf('fc18-acceptance'), { personName: '李某某', submittedMaterials: handedIn });
      const checkedBoxes = viewer.page.locator('input[type="checkbox"][id*="-f_materialsChecked-"]');
      expect(await checkedBoxes.evaluateAll((boxes) => boxes.filter((box) => (box as HTMLInputElement).checked).length)).toBe(0);

      // when she ticks the one she verified and accepts
      await checkedBoxes.first().check();
      await viewer.page.getByLabel('资料完整，即时受理').check();
      const { data, errors } = await viewer.submit();

      // then
      const intakeBoxes = viewer.page.locator('input[type="checkbox"][id*="-f_intakeMaterials-"]');
      expect(await intakeBoxes.evaluateAll((boxes) => boxes.filter((box) => (box as HTMLInputElement).checked && (box as HTMLInputElement).disabled).length)).toBe(2);
      expect(errors).toEqual({});
      expect(data).toMatchObject({ acceptanceDecision: 'approved', materialsChecked: [handedIn[0]] });
      expect(data).not.toHaveProperty('submittedMaterials');
    });

    it('should not show the FC15 受理 an empty intake list on a case that passed 盖章 before it was recorded', async () => {
      // given a running case whose 盖章 step recorded no submittedMaterials (before the form asked for them)
      await viewer.open(schemaOf('fc15-acceptance'), { personName: '李某某', diseaseName: '高血压' });
      const before = await viewer.text();

      // when a case that has them
      await viewer.open(schemaOf('fc15-acceptance'), { personName: '李某某', submittedMaterials: ['对应病种认定资料（病历资料、检查检验报告、诊断证明）'] });

      // then only that one shows the list, its one material ticked
      expect(before).not.toContain('窗口登记的已提交材料（只读）');
      expect(before).toContain('核验无误的材料');
      expect(await viewer.text()).toContain('窗口登记的已提交材料（只读）');
      const intake = viewer.page.locator('input[type="checkbox"][id*="-f_intakeMaterials-"]');
      expect(await intake.evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).checked))).toEqual([false, false, true, false]);
    });

    it('should show what came in with a 补正 once there was one', async () => {
      // given
      await viewer.open(schemaOf('fc01-first-review'), { materialsSubmitted: ['缴费基数申报表'], correctedMaterials: ['《基本医疗保险单位参保信息登记表》（加盖单位公章）'] });

      // when
      const corrected = viewer.page.locator('input[type="checkbox"][id*="-f_correctedMaterialsShown-"]');

      // then
      expect(await viewer.text()).toContain('补正时登记的已补正材料（只读）');
      expect(await corrected.evaluateAll((boxes) => boxes.map((box) => (box as HTMLInputElement).checked))).toEqual([false, true, false]);
      expect(await corrected.evaluateAll((boxes) => boxes.every((box) => (box as HTMLInputElement).disabled))).toBe(true);
    });
  });
});
