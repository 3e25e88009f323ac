/**
 * What the editors' libraries (bpmn-js, dmn-js, form-js) say when a file cannot be opened, or opens with parts
 * they could not read, worded in Chinese for the analyst; the library's own English goes under 技术详情 for
 * support staff. A message without a wording here is still shown, as the technical detail of a general sentence.
 */
import type { Failure } from '../../../web-shared/src/api/failure.js';

export type EditorKind = 'bpmn' | 'dmn' | 'form';

const WHAT: Record<EditorKind, string> = { bpmn: '模型', dmn: '决策表', form: '表单' };
const FORMAT: Record<EditorKind, string> = { bpmn: 'BPMN 2.0', dmn: 'DMN 1.3', form: '表单（JSON）' };
/** At most this many of an import's warnings in the technical detail. */
const SHOWN_WARNINGS = 20;

/** The common reasons, as the libraries word them (moddle-xml's parser, bpmn-js, dmn-js, form-js, JSON.parse). */
const REASONS: [RegExp, (kind: EditorKind, ...groups: string[]) => string][] = [
  [/^unparsable content [\s\S]*?detected\s+line: (\d+)\s+column: (\d+)/, (_kind, line, column) => `文件第 ${line} 行第 ${column} 列的内容无法读取，文件可能已损坏或不完整`],
  [/^failed to parse document as </, (kind) => `文件不是有效的 ${FORMAT[kind]} 文件`],
  [/^no diagram to display/, () => '文件中没有流程图（缺少图形信息 BPMN DI）'],
  [/^no process or collaboration to display/, () => '文件中没有可以显示的流程或协作图'],
  [/^no displayable contents/, () => '文件中没有可以显示的决策表或决策图'],
  [/^unsupported DMN (\S+) file detected/, (_kind, version) => `这是 DMN ${version} 文件，只能打开 DMN 1.3 文件`],
  [/^duplicate ID <([^>]+)>/, (_kind, id) => `元素编号「${id}」重复：同一文件中每个编号只能用一次`],
  [/^illegal ID <([^>]+)>/, (_kind, id) => `元素编号「${id}」不合法：只能用字母、数字、下划线和连字符，且以字母开头`],
  [/^unresolved reference <([^>]+)>/, (_kind, id) => `引用的元素「${id}」不存在`],
  [/^form field of type <([^>]+)> not supported/, (_kind, type) => `表单中有不支持的组件类型「${type}」`],
  [/^element .* referenced by .* not yet drawn/, () => '有连线或边界事件指向的元素没有画在图上'],
  [/^multiple DI elements defined for /, () => '同一元素有多份图形信息（BPMN DI 重复）'],
  [/\bJSON\b/, () => '文件不是有效的 JSON'],
];

/** A file that did not open: `模型无法打开：<reason>`, the library's message as the technical detail. */
export function importFailure(kind: EditorKind, error: unknown): Failure {
  const message = error instanceof Error ? error.message : String(error);
  const warnings = warningMessages(error);
  return {
    text: `${WHAT[kind]}无法打开：${reasonZh(kind, message) ?? '文件内容有误。请联系技术支持，并提供下面的技术详情'}`,
    technical: [message, ...warnings.slice(0, SHOWN_WARNINGS)].join('\n'),
  };
}

/**
 * A file that opened with parts the library could not read or draw (`{ warnings }` of importXML / importSchema):
 * what the analyst sees may lack them, and a save writes the file without them. Undefined when there were none.
 */
export function importWarnings(kind: EditorKind, warnings: readonly unknown[] | undefined): Failure | undefined {
  if (!warnings || warnings.length === 0) return undefined;
  const messages = warnings.map(messageOf);
  const reasons = [...new Set(messages.map((message) => reasonZh(kind, message)).filter((reason) => reason !== undefined))];
  const more = messages.length > SHOWN_WARNINGS ? [`…（另有 ${messages.length - SHOWN_WARNINGS} 条）`] : [];
  return {
    text: `${WHAT[kind]}已打开，但有 ${messages.length} 处内容未能读取或显示${reasons.length > 0 ? `（${reasons.slice(0, 3).join('；')}）` : ''}。保存时这些内容可能丢失，请先联系技术支持。`,
    technical: [...messages.slice(0, SHOWN_WARNINGS), ...more].join('\n'),
  };
}

/** The live lint failed (not the file): the problems list may be incomplete. */
export function lintFailure(error: unknown): Failure {
  return { text: '检查失败：问题列表可能不完整。请稍后再试，或刷新页面。', technical: error instanceof Error ? error.message : String(error) };
}

// helpers

function reasonZh(kind: EditorKind, message: string): string | undefined {
  for (const [pattern, render] of REASONS) {
    const match = pattern.exec(message);
    if (match) return render(kind, ...match.slice(1));
  }
  return undefined;
}

function warningMessages(error: unknown): string[] {
  const warnings = (error as { warnings?: unknown } | null)?.warnings;
  return Array.isArray(warnings) ? warnings.map(messageOf) : [];
}

function messageOf(warning: unknown): string {
  if (typeof warning === 'string') return warning;
  const message = (warning as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(warning);
}
