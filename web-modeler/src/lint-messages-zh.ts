/**
 * The lint's messages in Chinese for the problems list: the project's own rules and the Camunda and bpmnlint rules
 * analysts meet most. The rules themselves (scripts/lint/) report in English, as the CLI prints them; a message
 * without a translation is shown as it is, and a translated one keeps its English as the row's tooltip, for
 * support staff.
 */
import type { Finding } from '../../scripts/lint/finding.js';

const NAMES: Record<string, string> = {
  'Service Task': '服务任务',
  'User Task': '用户任务',
  'Send Task': '发送任务',
  'Receive Task': '接收任务',
  'Business Rule Task': '业务规则任务',
  'Script Task': '脚本任务',
  'Call Activity': '调用活动',
  'Start Event': '开始事件',
  'End Event': '结束事件',
  'Boundary Event': '边界事件',
  'Intermediate Catch Event': '中间捕获事件',
  'Intermediate Throw Event': '中间抛出事件',
  'Task definition type': '作业类型',
  'Task definition': '任务定义',
  'Form key': '表单键',
  'Form ID': '表单编号',
  'Message': '消息',
  'Message Reference': '消息引用',
  'Name': '名称',
  'Error Reference': '错误引用',
  'Timer': '定时器',
  'Called element': '被调用的流程',
  'Process ID': '流程编号',
  'Condition expression': '条件表达式',
  'Decision ID': '决策编号',
  'Result variable': '结果变量',
  'Subscription correlation key': '订阅关联键',
  'Implementation': '实现方式',
  'Implementation: Job worker': '实现方式：作业执行器',
  'Multi-instance marker': '多实例标记',
  'Input collection': '输入集合',
  'Output collection': '输出集合',
  'Output element': '输出元素',
  'Sequence Flow': '顺序流',
  'Exclusive Gateway': '排他网关',
  'Inclusive Gateway': '包容网关',
  'Event-based Gateway': '事件网关',
  'Timer Intermediate Catch Event': '定时器中间捕获事件',
  'Timer Boundary Event': '定时器边界事件',
  'Timer Start Event': '定时器开始事件',
  'Error Boundary Event': '错误边界事件',
  'Message Boundary Event': '消息边界事件',
  'Message Start Event': '消息开始事件',
  'Message Intermediate Catch Event': '消息中间捕获事件',
  'Error End Event': '错误结束事件',
  'Error code': '错误代码',
  'Form': '表单',
  'Called decision ID': '被调用的决策编号',
  'Timer type': '定时器类型',
  'Timer value': '定时器取值',
  'Input': '输入映射',
  'Output': '输出映射',
  'Local variable name': '局部变量名',
  'Process variable name': '流程变量名',
  'Variable assignment value': '赋值表达式',
};

const name = (english: string) => `「${NAMES[english] ?? english}」`;

const PATTERNS: [RegExp, (...groups: string[]) => string][] = [
  [/^An? <([^>]+)> must have a (?:defined )?<([^>]+)>$/, (element, property) => `${name(element)}必须设置${name(property)}`],
  [/^An? <([^>]+)> with (?:defined )?<([^>]+)> must have a defined <([^>]+)>$/, (element, condition, property) =>
    `${name(element)}（${name(condition)}）必须设置${name(property)}`],
  [/^Element of type <([^>]+)> not supported by (.+)$/, (element, platform) => `${name(element)}不受 ${platform} 支持`],
  [/^An? <([^>]+)> must have a defined <Condition expression> or be the default <Sequence Flow>$/, (element) =>
    `${name(element)}必须设置「条件表达式」，或设为网关的默认流`],
  [/^An? <([^>]+)> <Time duration> must be an expression, or an ISO 8601 interval$/, (element) =>
    `${name(element)}的「持续时间」必须是表达式或 ISO 8601 时间段（如 P3D 为 3 天，PT2H 为 2 小时）`],
  [/^An? <([^>]+)> <Time date> must be an expression, or an ISO 8601 date$/, (element) =>
    `${name(element)}的「日期」必须是表达式或 ISO 8601 日期时间（如 2026-01-31T09:00:00+08:00）`],
  [/^An? <([^>]+)> <Time cycle> must be an expression, an ISO 8601 repeating interval, or a cron expression/, (element) =>
    `${name(element)}的「循环」必须是表达式、ISO 8601 重复间隔（如 R3/PT1H）或 cron 表达式`],
  [/^Expression value of <(.*)> not allowed$/, (value) =>
    `取值「${value}」不合法：请按属性面板提示的格式填写（如定时器写 ISO 8601 时间段 P3D，或以 = 开头的表达式）`],
  // the parser's own (rules bpmn-xml, bpmn-import): the editor says the same when it opens the file
  [/^cannot parse: unparsable content .*?detected\s+line: (\d+)\s+column: (\d+)/, (line, column) => `文件第 ${line} 行第 ${column} 列的内容无法读取，文件可能已损坏或不完整`],
  [/^cannot parse: /, () => '文件无法解析：不是有效的 BPMN 2.0 文件'],
  [/^unparsable content .*?detected/, () => '有无法识别的内容：打开和保存时会被略去'],
  [/^unresolved reference <([^>]+)>$/, (id) => `引用的元素「${id}」不存在`],
  // the project's configuration files (project-references.ts), listed on the project page
  [/^file not found(?: \(.*\))?$/, () => '文件不存在'],
  [/^not valid JSON: /, () => '不是有效的 JSON'],
  [/^\w[\w ]* "([^"]+)" is listed twice$/, (value) => `「${value}」列出了两次`],
  [/^Element is missing label\/name$/, () => '缺少名称：办事人员在任务列表、监控和办理记录中看到的就是它'],
  [/^Element is missing bpmndi$/, () => '元素没有图形（缺少 BPMN DI）'],
  [/^Element is not connected$/, () => '元素没有连线'],
  // bpmnlint words these "is an implicit end/start" (older versions "has implicit …")
  [/^Element (?:has|is an) implicit end$/, () => '元素没有出口（隐式结束），请连到结束事件'],
  [/^Element (?:has|is an) implicit start$/, () => '元素没有入口（隐式开始）'],
  [/^\w+ is missing start event$/, () => '缺少开始事件'],
  [/^\w+ is missing end event$/, () => '缺少结束事件'],
  [/^\w+ has multiple blank start events$/, () => '有多个空白开始事件：只能有一个'],
  [/^Start event is missing event definition$/, () => '事件子流程的开始事件必须有类型（消息、定时器、错误等）'],
  [/^Start event must be blank$/, () => '子流程的开始事件必须是空白开始事件'],
  [/^Sequence flow is missing condition$/, () => '顺序流缺少条件：网关的出口除默认流外都要写条件'],
  [/^Incoming flows do not join$/, () => '多个入口没有经过网关汇合：请加汇合网关'],
  [/^SequenceFlow is a duplicate$/, () => '重复的顺序流'],
  [/^Duplicate (?:outgoing|incoming) sequence flows$/, () => '两个元素之间有重复的顺序流'],
  [/^Gateway forks and joins$/, () => '网关既汇合又分支：拆成一个汇合网关和一个分支网关更清楚'],
  [/^Element overlaps with other element$/, () => '元素与其他元素重叠'],
  [/^Element is outside of parent boundary$/, () => '元素超出了所在泳道或子流程的边界'],
  [/^Sequence flow has superfluous label$/, () => '顺序流的名称多余（它不是网关的出口）'],
  [/^Termination is superfluous\.?$/, () => '终止结束事件多余：这里用普通结束事件即可'],
  [/^Event has multiple event definitions$/, () => '事件有多个事件定义：只能有一个'],
  [/^Conditional event is missing a condition$/, () => '条件事件缺少条件'],
  [/^Link event is missing link name$/, () => '链接事件缺少链接名称'],
  [/^Element is missing name$/, () => '缺少名称（消息、错误或信号）'],
  [/^Element is unused$/, () => '未被使用（没有任何元素引用它）'],
  [/^Element name is not unique$/, () => '名称重复：另一个消息、错误或信号已经用了这个名称'],
  [/^Element type <([^>]+)> is discouraged$/, (type) => `不建议使用 ${type}`],
  [/^Flow splits implicitly$/, () => '多个出口没有经过网关（隐式分支），请加排他网关并写明条件'],
  [/^Gateway is superfluous.*$/, () => '多余的网关：只有一个入口和一个出口'],
  [/^(\w+) job type "([^"]+)" is not in workers\/catalog\.json.*$/, (_type, jobType) => `作业类型「${jobType}」不在 workers/catalog.json 中：没有作业执行器会处理它`],
  [/^formId "([^"]+)" matches no form in forms\/.*$/, (formId) => `表单编号「${formId}」在 forms/ 中找不到对应的表单`],
  [/^candidate group "([^"]+)" is not a role in config\/roles\.json$/, (group) => `候选组「${group}」不是 config/roles.json 中的岗位`],
  [/^called process "([^"]+)" is not an executable process in bpmn\/$/, (id) => `被调用的流程「${id}」不在 bpmn/ 中`],
  [/^message "([^"]+)" \(([^)]+)\) has no publisher.*$/, (message) => `消息「${message}」没有发送方：没有模型抛出它，bpmn/message-publishers.json 也没有列出`],
  [/^job type "([^"]+)" checks the entered data and may throw DATA_ENTRY_ERROR.*$/, (jobType) =>
    `作业类型「${jobType}」会校验录入的数据，可能抛出 DATA_ENTRY_ERROR：请加「录入数据有误」错误边界事件，把案件退回录入数据的窗口人员`],
  [/^\w+ "(.*)" neither cites a line of the flowchart.*$/, (element) => `「${element}」既没有引用流程图的行号（L…），也没有在说明中标注“补充（流程图未画出）”及理由`],
  [/^end event "([^"]+)" is reached on a path without a generate-refusal-notice task.*$/, (end) =>
    `结束事件「${end}」有一条路径没有经过「出具不予受理告知书」（generate-refusal-notice）：不予受理须书面告知申请人理由和复议、诉讼途径`],
  [/^end event "([^"]+)" is reached on a path without a generate-decision-notice task whose decision is (\S+) .*$/, (end, decision) =>
    `结束事件「${end}」有一条路径没有经过决定为「${decision}」的「出具${decision}告知书」（generate-decision-notice）：${decision}须书面告知申请人理由和复议、诉讼途径`],
  [/^end event "([^"]+)" refuses by a decision generate-decision-notice does not know \((.+)\)$/, (end, known) =>
    `结束事件「${end}」的决定不在「出具告知书」（generate-decision-notice）可出具的决定之中（${known.split(', ').join('、')}）`],
  [/^generate-decision-notice task states no decision it knows: set its input decision to one of (.+)$/, (known) =>
    `「出具告知书」（generate-decision-notice）没有写明决定：请在属性面板的「决定」中选择${known
      .split(', ')
      .map((choice) => choice.replace(/^="|"$/g, ''))
      .join('、')}之一，否则案件到达此步时作业执行器会拒绝作业，案件停在异常`],
  [/^fourEyes\.differsFrom names "([^"]+)", which is not a user task of this process$/, (task) => `四眼原则属性指向的「${task}」不是本流程的用户任务`],
  [/^fourEyes\.differsFrom names the task itself$/, () => '四眼原则属性不能指向任务自己'],
  [/^"(.*)" shifts by a fixed PT8H: .*$/s, (expression) =>
    `表达式「${expression}」用固定的 8 小时（PT8H）推算办公地日期：只有 now() 为 UTC 时才对，Camunda 集群的 now() 是服务器所在时区；请写 date(date and time(now(), "Asia/Shanghai"))`],
  [/^read-only list "([^"]+)" shows other options than (.+), where it is filled: .*$/, (key, files) =>
    `只读清单「${key}」的选项或顺序与填写它的表单（${files}）不同：请两边使用相同的选项和顺序`],
  [/^read-only \w+ "([^"]+)" shows the codes \((.*)\) that a list fills it with in (.+): make it .*$/, (key, codes, files) =>
    `只读字段「${key}」显示的是 ${files} 中选项存储的代码（${codes}）：请改为选项相同的禁用单选或下拉，审核人员看到的才是选项的文字`],
  [/^field "([^"]+)" is readonly: form-js submits it on completion.*; disable every field of the list "([^"]+)".*$/, (key, list) =>
    `字段「${key}」为只读（readonly）：办结时仍会提交，用副本覆盖原变量；它在列表「${list}」中，请把列表的每个字段都改为禁用（"disabled": true）：只禁用一个字段，提交的列表就少了它并覆盖原变量`],
  [/^list "([^"]+)" has disabled fields \(([^)]*)\) and submitted ones \(([^)]*)\).*$/, (list, disabled, submitted) =>
    `列表「${list}」中有禁用字段（${disabled}）也有会提交的字段（${submitted}）：办结时提交的列表不含禁用字段并覆盖原变量，这些值会丢失；请禁用列表的全部字段，或都不禁用`],
  [/^disabled field "([^"]+)" has "validate" rules.*$/, (key) =>
    `禁用字段「${key}」带有校验规则（validate）：表单打开时已有值的字段即使禁用也会被校验，不符合时显示经办人员无法修改的错误；请删除副本的 validate`],
  [/^field "([^"]+)" is readonly: form-js submits it on completion.*$/, (key) =>
    `字段「${key}」为只读（readonly）：办结时仍会提交，用副本覆盖原变量；只显示的副本请改为禁用（"disabled": true，不提交）`],
  [/^(editable|readonly) field "([^"]+)" is the record of user task "([^"]+)", yet task "([^"]+)" submits it: .*$/, (how, key, step, task) =>
    `${how === 'readonly' ? '只读' : '可编辑'}字段「${key}」是用户任务「${step}」的记录，任务「${task}」办结时却会提交它并覆盖原值：请改为禁用字段（"disabled": true，不提交）`],
  [/^(\w+) "([^"]+)" is a FEEL expression, known only at run time.*$/, (what, value) => `${what}「${value}」是 FEEL 表达式，运行时才知道取值，未做检查`],
];

export function lintMessageZh(finding: Finding): string {
  for (const [pattern, render] of PATTERNS) {
    const match = pattern.exec(finding.message);
    if (match) return render(...match.slice(1));
  }
  return finding.message;
}
