/**
 * What a 生育保险 claim is about (FC18 生育津贴（含计划生育津贴）, FC22 异地生育医疗费): a birth, a miscarriage, or one
 * of the family-planning operations (计划生育手术) the 计划生育津贴 pays for. One schema for the forms' `maternityEvent`
 * group and the printed 申报表 (docs/domain/amounts.md).
 *
 * What each kind means for the case is in the decision tables, keyed by `kind`: the leave days
 * (bpmn/maternity-leave-days.dmn) and the submission limit (bpmn/maternity-submission-limit.dmn). A new kind needs
 * a row in both, or their allowed values refuse it.
 */
import { z } from 'zod';

export const MATERNITY_EVENT_KINDS = ['birth', 'miscarriage', 'inducedAbortion', 'iudInsertion', 'iudRemoval', 'tubalLigation', 'vasectomy'] as const;
export type MaternityEventKind = (typeof MATERNITY_EVENT_KINDS)[number];

/** The forms' labels, also printed on the 申报表. */
export const MATERNITY_EVENT_LABELS: Readonly<Record<MaternityEventKind, string>> = {
  birth: '分娩',
  miscarriage: '流产（自然流产）',
  inducedAbortion: '人工流产、引产（计划生育手术）',
  iudInsertion: '放置宫内节育器（计划生育手术）',
  iudRemoval: '取出宫内节育器（计划生育手术）',
  tubalLigation: '输卵管结扎（计划生育手术）',
  vasectomy: '输精管结扎（计划生育手术）',
};

const pregnancyMonths = z.number().int().min(0).max(10);

export const maternityEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('birth'), infants: z.number().int().min(1).max(10), difficultLabour: z.boolean().default(false) }),
  z.object({ kind: z.literal('miscarriage'), completedPregnancyMonths: pregnancyMonths }),
  z.object({ kind: z.literal('inducedAbortion'), completedPregnancyMonths: pregnancyMonths }),
  z.object({ kind: z.literal('iudInsertion') }),
  z.object({ kind: z.literal('iudRemoval') }),
  z.object({ kind: z.literal('tubalLigation') }),
  z.object({ kind: z.literal('vasectomy') }),
]);

export type MaternityEvent = z.output<typeof maternityEventSchema>;

/** The 申报表's wording of the event, e.g. 分娩（双胎，难产）, 人工流产、引产（怀孕3个月）. */
export function describeMaternityEvent(event: MaternityEvent): string {
  switch (event.kind) {
    case 'birth':
      return `分娩（${event.infants > 1 ? `${event.infants}胎` : '单胎'}${event.difficultLabour ? '，难产' : ''}）`;
    case 'miscarriage':
      return `流产（怀孕${event.completedPregnancyMonths}个月）`;
    case 'inducedAbortion':
      return `人工流产、引产（怀孕${event.completedPregnancyMonths}个月）`;
    default:
      return MATERNITY_EVENT_LABELS[event.kind];
  }
}
