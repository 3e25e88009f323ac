/**
 * What a manager reads when a worker fails a job: zod's issues in Chinese plain words (a schema's own message
 * first, zod's zh-CN locale for the rare rest), variables named by their labels, what to do, then the technical
 * detail; and never a value of the case (ID numbers, bank accounts, diagnoses).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calculateTopUpWorker } from '../../../workers/calculate-top-up.js';
import { generateSettlementStatementWorker } from '../../../workers/generate-settlement-statement.js';
import {
  ConfigFileError,
  InvalidAmountError,
  InvalidContributionPeriodError,
  InvalidDateError,
  InvalidInputError,
  MissingHolidayDataError,
  NoEffectiveParametersError,
} from '../../../workers/lib/errors.js';
import { describeHandlerFailure, describeInvalidOutput, describeInvalidVariables, describeRefusedResult, MAX_LISTED_ISSUES } from '../../../workers/runtime/job-failure-messages.js';
import { zodIssueMessageZh } from '../../../workers/lib/zod-issues-zh.js';

const VALID_ID_NUMBER = '630103198001010015';
const INVALID_ID_NUMBER = '630103198001010016';
const BANK_ACCOUNT = '6222020200112233445';
const DIAGNOSIS = '妊娠期糖尿病';

describe('zodIssueMessageZh', () => {
  it.each([
    ['a missing value', z.object({ a: z.string() }), {}, '未填写'],
    ['a value of another type', z.object({ a: z.string() }), { a: 12 }, '应为文本，实际为数字'],
    ['a fraction for a whole number', z.object({ a: z.number().int() }), { a: 1.5 }, '应为整数，实际为数字'],
    ['a list for a yes/no', z.object({ a: z.boolean() }), { a: [] }, '应为是/否，实际为列表'],
    ['a number below its minimum', z.object({ a: z.number().min(0) }), { a: -1 }, '不能小于 0'],
    ['a number above its maximum', z.object({ a: z.number().max(365) }), { a: 400 }, '不能大于 365'],
    ['a number not above an exclusive minimum', z.object({ a: z.number().positive() }), { a: 0 }, '应大于 0'],
    ['an empty text', z.object({ a: z.string().trim().min(1) }), { a: '  ' }, '不能为空'],
    ['a text too long', z.object({ a: z.string().max(3) }), { a: 'abcd' }, '最多 3 个字符'],
    ['an empty list', z.object({ a: z.array(z.string()).min(1) }), { a: [] }, '至少填写 1 项'],
    ['a code outside its options', z.object({ a: z.enum(['employee', 'resident']) }), { a: 'x' }, '应为以下之一：employee、resident'],
    ['a text against a pattern', z.object({ a: z.string().regex(/^\d+$/) }), { a: 'x' }, '格式不正确'],
    ['a refinement without a message', z.object({ a: z.string().refine(() => false) }), { a: 'x' }, '不符合要求'],
    ['a variable the schema does not define', z.strictObject({}), { extra: 1 }, '含有未定义的项：extra'],
  ])('should word %s in plain Chinese', (_case, schema, value, expected) => {
    // given
    // when
    const result = schema.safeParse(value, { error: zodIssueMessageZh });

    // then
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([expected]);
  });

  it("should keep a schema's own message", () => {
    // given
    const schema = z.object({ month: z.string().refine(() => false, '需要 YYYY-MM') });

    // when
    const result = schema.safeParse({ month: 'x' }, { error: zodIssueMessageZh });

    // then
    expect(result.error?.issues[0]?.message).toBe('需要 YYYY-MM');
  });

  it("should fall back to zod's zh-CN locale for issues it does not word itself", () => {
    // given
    const schema = z.object({ mail: z.email() });

    // when
    const result = schema.safeParse({ mail: 'x' }, { error: zodIssueMessageZh });

    // then
    expect(result.error?.issues[0]?.message).toBe('无效电子邮件');
  });

  it('should leave the process-wide zod messages alone (the engine and the web apps share the process)', () => {
    // given
    const schema = z.object({ a: z.string() });
    schema.safeParse({}, { error: zodIssueMessageZh });

    // when
    const result = schema.safeParse({});

    // then
    expect(result.error?.issues[0]?.message).toMatch(/^Invalid input/);
  });

  it('should NOT carry an ID number, a bank account or a diagnosis into an issue, whatever the issue', () => {
    // given sensitive values failing a type, a pattern, a length, an option and a refinement
    const schema = z.object({
      idNumber: z.string().refine((value) => value === VALID_ID_NUMBER, '公民身份号码无效'),
      months: z.number(),
      payeeBankAccount: z.string().regex(/^\d[\d ]{5,40}$/),
      diagnosis: z.string().max(3),
      diagnosisCategory: z.enum(['a', 'b']),
      nested: z.object({ bankAccount: z.number() }),
    });
    const values = { idNumber: INVALID_ID_NUMBER, months: VALID_ID_NUMBER, payeeBankAccount: `x${BANK_ACCOUNT}`, diagnosis: DIAGNOSIS, diagnosisCategory: DIAGNOSIS, nested: { bankAccount: BANK_ACCOUNT } };

    // when
    const result = schema.safeParse(values, { error: zodIssueMessageZh });

    // then every field has its issue, none with the value, none with zod's `input` (kept only with reportInput)
    expect(result.error?.issues).toHaveLength(6);
    const text = JSON.stringify(result.error?.issues) + describeInvalidVariables('generate-settlement-statement', result.error!);
    for (const secret of [INVALID_ID_NUMBER, VALID_ID_NUMBER, BANK_ACCOUNT, DIAGNOSIS]) expect(text).not.toContain(secret);
    for (const issue of result.error!.issues) expect(issue).not.toHaveProperty('input');
  });
});

describe('describeInvalidVariables', () => {
  it('should name the job and each variable by its label, say what to do, then give the paths and issue codes', () => {
    // given a 补缴 case without its retirement date and with a malformed contribution period
    const parsed = calculateTopUpWorker.input.safeParse(
      { sex: 'male', contributionPeriods: [{ from: '2000-01', to: '2009-12', kind: 'actual' }, { from: 200001, to: '2009-12', kind: 'actual' }] },
      { error: zodIssueMessageZh },
    );

    // when
    const message = describeInvalidVariables(calculateTopUpWorker.type, parsed.error!);

    // then
    expect(message).toBe(
      '「计算补缴金额」无法办理：案件数据不符合要求——退休日期：未填写；缴费期间第2项的起始年月：应为文本，实际为数字。请在本案的「变量」中更正后点「重试」。' +
        '〔技术细节：作业类型 calculate-top-up；输入变量 retirementDate（invalid_type）、contributionPeriods.1.from（invalid_type）〕',
    );
  });

  it('should name the first issues and how many there are, keeping the message under Zeebe\'s 10,000 characters', () => {
    // given 60 malformed contribution periods, and a case with 5,000 variables no schema defines (one long issue)
    const periods = calculateTopUpWorker.input.safeParse(
      { sex: 'male', retirementDate: '2026-01-01', contributionPeriods: Array.from({ length: 60 }, () => ({ from: 200001, to: 200912, kind: 'x' })) },
      { error: zodIssueMessageZh },
    );
    const strangers = z.strictObject({}).safeParse(Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`variable-with-a-long-name-${i}`, 1])), { error: zodIssueMessageZh });

    // when
    const many = describeInvalidVariables(calculateTopUpWorker.type, periods.error!);
    const long = describeInvalidVariables(calculateTopUpWorker.type, strangers.error!);

    // then
    expect(periods.error!.issues).toHaveLength(180);
    expect(many).toMatch(/^「计算补缴金额」无法办理：案件数据不符合要求——缴费期间第1项的起始年月：应为文本，实际为数字；/);
    expect(many.match(/缴费期间第\d+项/g)).toHaveLength(MAX_LISTED_ISSUES);
    expect(many).toContain('……等共 180 处。请在本案的「变量」中更正后点「重试」。〔技术细节：作业类型 calculate-top-up；输入变量 contributionPeriods.0.from（invalid_type）、');
    expect(many).toMatch(/……等共 180 处〕$/);
    for (const message of [many, long]) expect(message.length).toBeLessThan(4_000);
    expect(long).toMatch(/^「计算补缴金额」无法办理：案件数据不符合要求——案件数据：含有未定义的项：variable-with-a-long-name-0、.*…。请在本案的「变量」中更正后点「重试」。〔技术细节：.*…〕$/);
  });

  it('should say nothing in English before the technical detail where every variable has a label', () => {
    // given a settlement statement with an invalid ID number, bank account and amount
    const parsed = generateSettlementStatementWorker.input.safeParse(
      { personName: '张三', idNumber: INVALID_ID_NUMBER, reimbursementCategory: 'inpatient', totalExpenses: 23600.5, poolingFundPayment: '100.00', payeeBankAccount: `No.${BANK_ACCOUNT}` },
      { error: zodIssueMessageZh },
    );

    // when
    const message = describeInvalidVariables(generateSettlementStatementWorker.type, parsed.error!);

    // then
    const [forTheManager, technical] = message.split('〔技术细节：');
    expect(forTheManager).toBe(
      '「生成零星报销结算单」无法办理：案件数据不符合要求——公民身份号码：公民身份号码无效；申报总费用（元）：应为文本，实际为数字；银行账号：需要银行账号（数字）。请在本案的「变量」中更正后点「重试」。',
    );
    expect(forTheManager).not.toMatch(/[A-Za-z]/);
    expect(technical).toBe('作业类型 generate-settlement-statement；输入变量 idNumber（custom）、totalExpenses（invalid_type）、payeeBankAccount（invalid_format）〕');
    for (const secret of [INVALID_ID_NUMBER, BANK_ACCOUNT]) expect(message).not.toContain(secret);
  });

  it('should keep the technical name of a variable without a label', () => {
    // given
    const parsed = z.object({ someFlag: z.boolean() }).safeParse({}, { error: zodIssueMessageZh });

    // when
    const message = describeInvalidVariables('runtime-test', parsed.error!);

    // then
    expect(message).toMatch(/^「runtime-test」无法办理：案件数据不符合要求——someFlag：未填写。/);
  });
});

describe('describeInvalidOutput', () => {
  it('should call it a defect of the worker, not of the case, naming each variable and a variable it should not set (not the value)', () => {
    // given
    const parsed = z
      .strictObject({ topUpAmount: z.string(), systemTopUpMonths: z.number().int() })
      .safeParse({ topUpAmount: 1200, idNumber: VALID_ID_NUMBER }, { error: zodIssueMessageZh });

    // when
    const message = describeInvalidOutput(calculateTopUpWorker.type, parsed.error!);

    // then
    expect(message).toBe(
      '「计算补缴金额」的计算结果不符合其输出变量定义（workers/catalog.json）——应缴金额（元）：应为文本，实际为数字；应补缴月数（系统）：未填写；输出：含有未定义的项：idNumber。' +
        '这是作业执行器的程序缺陷，与案件数据无关：请联系系统维护人员修复后点「重试」。' +
        '〔技术细节：作业类型 calculate-top-up；输出变量 topUpAmount（invalid_type）、systemTopUpMonths（invalid_type）、(全部)（unrecognized_keys: idNumber）〕',
    );
    expect(message).not.toContain(VALID_ID_NUMBER);
  });
});

describe('describeHandlerFailure', () => {
  it.each([
    [new InvalidDateError('2026-02-30'), '案件数据中有日期不是真实的日期（应为 YYYY-MM-DD）。请在本案的「变量」中更正后点「重试」。', 'INVALID_DATE：'],
    [new InvalidInputError('extensionWorkingDays', '须为正整数'), '案件数据中「延长工作日数」的取值超出允许的范围。请在本案的「变量」中更正后点「重试」。', 'INVALID_INPUT：extensionWorkingDays: 须为正整数'],
    [new InvalidContributionPeriodError(1, '2009-12 is after 2000-01'), '缴费期间第2项有误（起止年月的格式或先后，或缴费类别）。请在本案的「变量」中更正后点「重试」。', 'INVALID_CONTRIBUTION_PERIOD：'],
    [new InvalidAmountError('-1', 'negative'), '案件数据中有金额为负数。请在本案的「变量」中更正后点「重试」。', 'INVALID_AMOUNT：'],
    [new MissingHolidayDataError(2019, 2020, 2027), '没有 2019 年的节假日安排（现有 2020–2027 年）。请系统管理员在 config/holiday-schedules/ 中补充该年的安排，重启作业执行器后点「重试」。', 'MISSING_HOLIDAY_DATA：'],
    [new NoEffectiveParametersError('top-up', '1990-01-01'), '1990-01-01 没有生效的「top-up」参数。请系统管理员在 config/ 的参数文件中补充涵盖该日期的版本，重启作业执行器后点「重试」。', 'NO_EFFECTIVE_PARAMETERS：'],
    [new ConfigFileError('config/top-up-parameters.json', 'is not valid JSON'), '配置文件 config/top-up-parameters.json 有误。请系统管理员更正该文件，重启作业执行器后点「重试」。', 'INVALID_CONFIG_FILE：'],
  ])('should say what is wrong with the data or configuration and who corrects it: %s', (error, said, detail) => {
    // given
    // when
    const message = describeHandlerFailure('compute-deadline', error, 0);

    // then
    expect(message.startsWith(`「计算办理时限」无法办理：${said}〔技术细节：作业类型 compute-deadline；${detail}`)).toBe(true);
  });

  it('should say a technical fault is retried, and how often still', () => {
    // given
    const error = new Error('银行接口不可用');

    // when
    const messages = [describeHandlerFailure('calculate-top-up', error, 2), describeHandlerFailure('calculate-top-up', error, 0)];

    // then
    expect(messages).toEqual([
      '「计算补缴金额」执行时出现技术故障，将自动重试（还剩 2 次）。仍然失败时请联系系统维护人员排查，排除后点「重试」。〔技术细节：作业类型 calculate-top-up；银行接口不可用〕',
      '「计算补缴金额」执行时出现技术故障，自动重试已用完。仍然失败时请联系系统维护人员排查，排除后点「重试」。〔技术细节：作业类型 calculate-top-up；银行接口不可用〕',
    ]);
  });

  it('should cut a long error message in the technical detail', () => {
    // given
    const error = new Error('x'.repeat(2_000));

    // when
    const message = describeHandlerFailure('calculate-top-up', error, 1);

    // then
    expect(message).toContain(`；${'x'.repeat(500)}…〕`);
  });
});

describe('describeRefusedResult', () => {
  it('should say the engine refused the result, with the status and what 413 means', () => {
    // given
    // when
    const message = describeRefusedResult('generate-top-up-notice', 413);

    // then
    expect(message).toBe(
      '「生成补缴通知单」已执行，但引擎未接收其结果（HTTP 413，结果超过引擎的大小上限），将自动重试；重试用完仍失败时请联系系统维护人员。' +
        "〔技术细节：作业类型 generate-top-up-notice；the engine refused the job's result (HTTP 413)〕",
    );
  });
});
