/**
 * The problems list words the lint's findings in Chinese: a diagram with the mistakes analysts make most (flows
 * not joined, a duplicate flow, a step without an exit, no end event, a timer written in words) is linted with
 * the real rules, as `npm run lint` runs them, and every finding reads in Chinese.
 */
import { describe, expect, it } from 'vitest';
import { lintBpmn } from '../../scripts/lint/lint-bpmn.js';
import { loadCamundaLinters } from '../../scripts/lint/load-camunda-linters.js';
import { parseProjectReferences } from '../../scripts/lint/project-references.js';
import { lintMessageZh } from '../../web-modeler/src/lint-messages-zh.js';

const HAN = /\p{Script=Han}/u;

const BROKEN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="defs" targetNamespace="http://example.org" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="p" name="测试" isExecutable="true">
    <bpmn:startEvent id="start" name="受理"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:outgoing>f1copy</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f1copy" sourceRef="start" targetRef="review" />
    <bpmn:task id="review" name="初审"><bpmn:incoming>f1</bpmn:incoming><bpmn:incoming>f1copy</bpmn:incoming><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing></bpmn:task>
    <bpmn:task id="orphan" name="补正"><bpmn:outgoing>f2</bpmn:outgoing></bpmn:task>
    <bpmn:sequenceFlow id="f2" sourceRef="orphan" targetRef="review" />
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="wait" />
    <bpmn:intermediateCatchEvent id="wait" name="等待三天"><bpmn:incoming>f3</bpmn:incoming>
      <bpmn:timerEventDefinition id="timer"><bpmn:timeDuration>three days</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
  </bpmn:process>
</bpmn:definitions>`;

/** An output mapping that dates 受理 by shifting now() eight hours. */
const SHIFTED = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0"
  id="defs" targetNamespace="http://example.org" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.8.0">
  <bpmn:process id="p" name="测试" isExecutable="true">
    <bpmn:startEvent id="start" name="受理"><bpmn:extensionElements><zeebe:ioMapping>
      <zeebe:output source="=substring(string(now() + duration(&#34;PT8H&#34;)), 1, 10)" target="acceptedOn" />
    </zeebe:ioMapping></bpmn:extensionElements></bpmn:startEvent>
  </bpmn:process>
</bpmn:definitions>`;

describe('lint messages in Chinese', () => {
  it('should word every finding of a diagram with the common mistakes in Chinese', async () => {
    // when
    const { findings } = await lintBpmn('bpmn/broken.bpmn', BROKEN, await loadCamundaLinters());

    // then the mistakes are found, by the rules analysts meet
    const rules = new Set(findings.map((finding) => finding.rule));
    for (const rule of ['fake-join', 'no-duplicate-sequence-flows', 'no-implicit-start', 'no-implicit-end', 'end-event-required', 'camunda-compat/timer']) expect(rules).toContain(rule);
    // and each reads in Chinese
    const untranslated = findings.filter((finding) => lintMessageZh(finding) === finding.message || !HAN.test(lintMessageZh(finding)));
    expect(untranslated.map((finding) => `${finding.rule}: ${finding.message}`)).toEqual([]);
  });

  it('should word a file the parser cannot read, with the line where it stops', async () => {
    // when
    const { findings } = await lintBpmn('bpmn/cut.bpmn', BROKEN.slice(0, BROKEN.indexOf('</bpmn:process>')), await loadCamundaLinters());

    // then
    expect(findings.map((finding) => finding.rule)).toEqual(['bpmn-xml']);
    expect(lintMessageZh(findings[0]!)).toMatch(/^文件第 \d+ 行第 \d+ 列的内容无法读取/);
  });

  it("should word a review form's read-only copy that differs from what fills it", () => {
    // given the cross-file checks' two findings on a review form (scripts/lint/cross-file-checks.ts)
    const finding = (message: string) => ({ file: 'forms/review.form', severity: 'warn' as const, elementId: 'f_enrolmentKind', rule: 'shown-list-options', message });
    const list = finding(
      'read-only list "materials" shows other options than forms/intake.form, where it is filled: it lacks "病历" (give both lists the same options in the same order)',
    );
    const code = finding(
      'read-only textfield "enrolmentKind" shows the codes ("new", "resume") that a list fills it with in forms/intake.form: ' +
        "make it a disabled radio or select with that list's options, so the reviewer reads their labels",
    );

    // then
    expect(lintMessageZh(list)).toBe('只读清单「materials」的选项或顺序与填写它的表单（forms/intake.form）不同：请两边使用相同的选项和顺序');
    expect(lintMessageZh(code)).toBe(
      '只读字段「enrolmentKind」显示的是 forms/intake.form 中选项存储的代码（"new", "resume"）：请改为选项相同的禁用单选或下拉，审核人员看到的才是选项的文字',
    );
  });

  it('should word the office date written as a fixed eight-hour shift (office-date)', async () => {
    // given the rule's own finding on a mapping that adds duration("PT8H") (scripts/lint/office-date-idiom.ts)
    const { findings } = await lintBpmn('bpmn/shifted.bpmn', SHIFTED, await loadCamundaLinters());
    const finding = findings.find((f) => f.rule === 'office-date');

    // then
    expect(lintMessageZh(finding!)).toBe(
      '表达式「=substring(string(now() + duration("PT8H")), 1, 10)」用固定的 8 小时（PT8H）推算办公地日期：只有 now() 为 UTC 时才对，' +
        'Camunda 集群的 now() 是服务器所在时区；请写 date(date and time(now(), "Asia/Shanghai"))',
    );
  });

  it("should word a form that submits another step's record, and a readonly copy", () => {
    // given the cross-file check's finding on FC20's extension approval before the fix (scripts/lint/cross-file-checks.ts)
    const finding = {
      file: 'forms/fc20-extension-approval.form',
      severity: 'error' as const,
      elementId: 'f_settlementReviewReason',
      rule: 'other-step-record',
      message:
        'editable field "settlementReviewReason" is the record of user task "settlementReview", yet task "extensionApproval" submits it: ' +
        'completing this step would write over what that step recorded; show it with "disabled": true (not submitted)',
    };

    const readonly = {
      ...finding,
      rule: 'readonly-copy',
      severity: 'warn' as const,
      message: 'field "personName" is readonly: form-js submits it on completion, writing the copy over the variable; show a copy with "disabled": true instead (not submitted)',
    };

    // then
    expect(lintMessageZh(readonly)).toBe('字段「personName」为只读（readonly）：办结时仍会提交，用副本覆盖原变量；只显示的副本请改为禁用（"disabled": true，不提交）');
    const listed = {
      ...readonly,
      message:
        'field "from" is readonly: form-js submits it on completion, writing the copy over the variable; ' +
        'disable every field of the list "periods" ("disabled": true on each: a list with one disabled field is submitted without it, over the variable)',
    };
    const partly = {
      ...finding,
      rule: 'partly-disabled-list',
      message:
        'list "periods" has disabled fields (from) and submitted ones (to): form-js submits the list ' +
        'without its disabled fields, over the variable, so their values are lost; disable every field of the list, or none',
    };
    const validate = {
      ...readonly,
      rule: 'disabled-validate',
      message:
        'disabled field "idNumber" has "validate" rules: form-js checks a field opened with a value even when it is disabled, ' +
        'so a copy that breaks them shows an error the clerk cannot fix; remove "validate" from the copy',
    };
    expect(lintMessageZh(listed)).toBe(
      '字段「from」为只读（readonly）：办结时仍会提交，用副本覆盖原变量；它在列表「periods」中，请把列表的每个字段都改为禁用（"disabled": true）：只禁用一个字段，提交的列表就少了它并覆盖原变量',
    );
    expect(lintMessageZh(partly)).toBe(
      '列表「periods」中有禁用字段（from）也有会提交的字段（to）：办结时提交的列表不含禁用字段并覆盖原变量，这些值会丢失；请禁用列表的全部字段，或都不禁用',
    );
    expect(lintMessageZh(validate)).toBe(
      '禁用字段「idNumber」带有校验规则（validate）：表单打开时已有值的字段即使禁用也会被校验，不符合时显示经办人员无法修改的错误；请删除副本的 validate',
    );
    expect(lintMessageZh(finding)).toBe(
      '可编辑字段「settlementReviewReason」是用户任务「settlementReview」的记录，任务「extensionApproval」办结时却会提交它并覆盖原值：请改为禁用字段（"disabled": true，不提交）',
    );
  });

  it('should word the project page’s problems of the configuration files: missing, not JSON', () => {
    // when the worker catalogue is missing and the roles are cut short
    const { findings } = parseProjectReferences({ jobCatalog: undefined, roles: '{"roles": [', messagePublishers: undefined });

    // then
    expect(findings.map((finding) => [finding.file, lintMessageZh(finding)])).toEqual([
      ['workers/catalog.json', '文件不存在'],
      ['config/roles.json', '不是有效的 JSON'],
    ]);
  });
});
