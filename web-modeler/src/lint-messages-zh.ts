/**
 * The lint's messages in Chinese for the problems list: the project's own rules and the Camunda rules analysts
 * meet most. The rules themselves (scripts/lint/) report in English, as the CLI prints them; a message without a
 * translation is shown as it is.
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
};

const name = (english: string) => `「${NAMES[english] ?? english}」`;

const PATTERNS: [RegExp, (...groups: string[]) => string][] = [
  [/^An? <([^>]+)> must have a (?:defined )?<([^>]+)>$/, (element, property) => `${name(element)}必须设置${name(property)}`],
  [/^An? <([^>]+)> with (?:defined )?<([^>]+)> must have a defined <([^>]+)>$/, (element, condition, property) =>
    `${name(element)}（${name(condition)}）必须设置${name(property)}`],
  [/^Element of type <([^>]+)> not supported by (.+)$/, (element, platform) => `${name(element)}不受 ${platform} 支持`],
  [/^Element is missing label\/name$/, () => '缺少名称：办事人员在任务列表、监控和办理记录中看到的就是它'],
  [/^Element is missing bpmndi$/, () => '元素没有图形（缺少 BPMN DI）'],
  [/^Element is not connected$/, () => '元素没有连线'],
  [/^Element has implicit end$/, () => '元素没有出口（隐式结束），请连到结束事件'],
  [/^Element has implicit start$/, () => '元素没有入口（隐式开始）'],
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
  [/^fourEyes\.differsFrom names "([^"]+)", which is not a user task of this process$/, (task) => `四眼原则属性指向的「${task}」不是本流程的用户任务`],
  [/^fourEyes\.differsFrom names the task itself$/, () => '四眼原则属性不能指向任务自己'],
  [/^(\w+) "([^"]+)" is a FEEL expression, known only at run time.*$/, (what, value) => `${what}「${value}」是 FEEL 表达式，运行时才知道取值，未做检查`],
];

export function lintMessageZh(finding: Finding): string {
  for (const [pattern, render] of PATTERNS) {
    const match = pattern.exec(finding.message);
    if (match) return render(...match.slice(1));
  }
  return finding.message;
}
