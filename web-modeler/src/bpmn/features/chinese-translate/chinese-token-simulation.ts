/**
 * bpmn-js-token-simulation (0.39) writes its palette titles, log, notifications and context-pad titles as English
 * literals, with no `translate` service to go through. Its elements all live in the canvas container, so this
 * behaviour replaces those whole texts there as they are rendered (watchRenderedText, as for form-js). Names the
 * analyst gave the elements are Chinese and pass unchanged.
 */
import { watchRenderedText } from '../../../../../web-shared/src/form-js/chinese-rendered-text.js';

const TEXTS: Readonly<Record<string, string>> = {
  'Token Simulation': '模拟令牌',
  'Simulation Log': '模拟日志',
  'No Entries': '暂无记录',
  'Close': '关闭',
  'Play/Pause Simulation': '继续/暂停模拟',
  'Reset Simulation': '重置模拟',
  'Toggle Simulation Log': '显示/隐藏模拟日志',
  'Set Sequence Flow': '选择下一步要走的顺序流',
  'Trigger Event': '触发事件',
  'Add pause point': '在此设暂停点',
  'Remove pause point': '取消暂停点',
  'Set animation speed = Slow': '动画速度：慢',
  'Set animation speed = Normal': '动画速度：正常',
  'Set animation speed = Fast': '动画速度：快',
  'Pause Simulation': '模拟已暂停',
  'Play Simulation': '模拟继续',
  'Finished': '模拟结束',
  'Found unsupported elements': '发现不支持模拟的元素',
  'Not supported': '不支持模拟',
  // the log's names for elements the analyst left unnamed
  'Process': '流程',
  'SubProcess': '子流程',
  'Task': '任务',
  'Service Task': '服务任务',
  'User Task': '用户任务',
  'Call Activity': '调用活动',
  'Script Task': '脚本任务',
  'Business Rule Task': '业务规则任务',
  'Manual Task': '手工任务',
  'Receive Task': '接收任务',
  'Send Task': '发送任务',
  'Exclusive Gateway': '排他网关',
  'Parallel Gateway': '并行网关',
  'Inclusive Gateway': '包容网关',
  'Start Event': '开始事件',
  'Intermediate Event': '中间事件',
  'Boundary Event': '边界事件',
  'End Event': '结束事件',
};

const SCOPE_EVENTS: Readonly<Record<string, string>> = { started: '开始', finished: '结束', canceled: '已取消' };

export function translateTokenSimulationText(rendered: string): string {
  const text = rendered.trim();
  const whole = TEXTS[text];
  if (whole) return whole;
  // "<scope> started|finished|canceled", the scope a named subprocess or one of the fallbacks above
  const scope = /^(.+) (started|finished|canceled)$/.exec(text);
  if (scope) return `${TEXTS[scope[1]!] ?? scope[1]}${SCOPE_EVENTS[scope[2]!]}`;
  const focus = /^Focus process instance (.+)$/.exec(text);
  if (focus) return `只看流程实例 ${focus[1]}`;
  return rendered;
}

interface EventBus {
  on(event: string, callback: () => void): void;
}

export class ChineseTokenSimulation {
  static $inject = ['eventBus', 'canvas'];

  constructor(eventBus: EventBus, canvas: { getContainer(): HTMLElement }) {
    const stop = watchRenderedText(canvas.getContainer(), translateTokenSimulationText);
    eventBus.on('diagram.destroy', stop);
  }
}
