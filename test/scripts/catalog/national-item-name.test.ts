import { describe, expect, it } from 'vitest';
import { nationalItemNameProblem, processMetaSchema } from '../../../scripts/catalog/process-meta.js';

describe('the national item name rule', () => {
  it('should accept names with digits, Latin letters and brackets that belong to the name', () => {
    for (const name of ['2型糖尿病门诊慢特病待遇认定', '2024年度城乡居民医保参保登记', 'CT检查费用报销', '网上办理（含App办理）', '职工参保登记（在职转退休）', '门诊、住院费用报销', '出具《参保凭证》']) {
      expect(nationalItemNameProblem(name), name).toBeUndefined();
    }
  });

  it('should name the code, remark or field name it finds', () => {
    expect(nationalItemNameProblem('参保单位登记（１３２０３６００６００１）')).toBe('含编码「１３２０３６００６００１」');
    expect(nationalItemNameProblem('参保单位登记132036001001')).toBe('含编码「132036001001」');
    expect(nationalItemNameProblem('参保单位登记，仅限本区')).toBe('含说明「，仅限本区」');
    expect(nationalItemNameProblem('参保单位登记；见附件')).toBe('含说明「；见附件」');
    expect(nationalItemNameProblem('参保单位登记 idNumber')).toBe('含字段名「idNumber」');
    expect(nationalItemNameProblem('参保单位登记 person_name')).toBe('含字段名「person_name」');
  });

  it('should say what it found in the meta file error', () => {
    const meta = {
      processId: 'xining-fc01-employer-registration',
      flowchart: 1,
      subflow: null,
      titleZh: '单位参保登记',
      nationalItem: { name: '单位参保登记（１３２０３６００６００１）', code: '132036001001' },
      startVariables: { type: 'object' },
    };
    const result = processMetaSchema.safeParse(meta);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('含编码「１３２０３６００６００１」');
  });
});
