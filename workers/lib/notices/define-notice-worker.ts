/**
 * One job worker per notice type, built the same way: the type's zod input, a function from its variables to
 * the notice's content, and the shared pipeline (issue-notice.ts). Every notice worker completes with
 * `<noticeType>Number` (e.g. 西宁城中医保〔2026〕补缴第0001号) and `<noticeType>Document`, a one-element list of
 * document references, which is what a form's documentPreview component takes as its data source. A worker that
 * issues one of several types (generate-decision-notice: 不予办理, 不予变更 … each numbered on its own) picks the type
 * from its input and completes with one pair of variables named by `outputName` whatever the type.
 */
import { z } from 'zod';
import type { DataEntryRule } from '../../runtime/data-entry-rules.js';
import { complete, defineJobWorker, type JobWorkerDefinition } from '../../runtime/job-worker-definition.js';
import type { WorkerParameters } from '../../runtime/worker-parameters.js';
import { issueNotice, type NoticeServices } from './issue-notice.js';
import type { NoticeContent } from './notice-content.js';
import type { NoticeType, OfficeSettings } from './notice-settings.js';

export interface NoticeWorkerSpec<I extends z.ZodObject> {
  /** Job type = file name in workers/ = zeebe:taskDefinition type. */
  readonly type: string;
  /** The type, or the type the input asks for (its title and number word, config/notices.json). */
  readonly noticeType: NoticeType | ((input: z.output<I>) => NoticeType);
  /** `<outputName>Number` and `<outputName>Document`; default: the notice type (which must then be one type). */
  readonly outputName?: string;
  readonly descriptionZh: string;
  readonly descriptionEn: string;
  readonly input: I;
  /** Rules across the entered fields (workers/runtime/data-entry-rules.ts). */
  readonly dataRules?: readonly DataEntryRule<z.output<I>>[];
  /**
   * `issuedOn`: the office's date of issue (YYYY-MM-DD), for deadlines counted from it; `parameters`: the
   * configuration the workers loaded at start (workers/runtime/worker-parameters.ts); `notice.caseNumber`: the
   * case's 件号 (its process instance key, as the task list and the monitor show it), for notices that cite it.
   */
  content(input: z.output<I>, office: OfficeSettings, issuedOn: string, parameters: WorkerParameters, notice: NoticeCase): NoticeContent;
}

/** What a notice may cite of the case it is issued in. */
export interface NoticeCase {
  /** The 件号: every job has its process instance key. */
  readonly caseNumber: string;
}

export const documentReferenceSchema = z.object({
  'camunda.document.type': z.literal('camunda'),
  storeId: z.string(),
  documentId: z.string(),
  contentHash: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  endpoint: z.string(),
});

export function noticeOutputSchema(outputName: string) {
  return z.object({
    [`${outputName}Number`]: z.string(),
    [`${outputName}Document`]: z.array(documentReferenceSchema).length(1),
  });
}

/** The notice type a job of the worker issues for its input. */
export function noticeTypeOf<I extends z.ZodObject>(spec: NoticeWorkerSpec<I>, input: z.output<I>): NoticeType {
  return typeof spec.noticeType === 'string' ? spec.noticeType : spec.noticeType(input);
}

/** The name of the worker's output variables (`<name>Number`, `<name>Document`). */
export function noticeOutputName(spec: NoticeWorkerSpec<z.ZodObject>): string {
  const name = spec.outputName ?? (typeof spec.noticeType === 'string' ? spec.noticeType : undefined);
  if (!name) throw new Error(`${spec.type}: a worker of several notice types needs an outputName`);
  return name;
}

export function defineNoticeWorker<I extends z.ZodObject>(
  spec: NoticeWorkerSpec<I>,
  services: () => Promise<NoticeServices>,
): JobWorkerDefinition<I, ReturnType<typeof noticeOutputSchema>> {
  const outputName = noticeOutputName(spec);
  const output = noticeOutputSchema(outputName);
  return defineJobWorker({
    type: spec.type,
    descriptionZh: spec.descriptionZh,
    descriptionEn: spec.descriptionEn,
    input: spec.input,
    output,
    errors: {},
    ...(spec.dataRules ? { dataRules: spec.dataRules } : {}),
    async handler(input, job) {
      const noticeType = noticeTypeOf(spec, input);
      const issued = await issueNotice(await services(), {
        noticeType,
        jobKey: job.jobKey,
        processInstanceKey: job.processInstanceKey,
        content: (office, issuedOn) => spec.content(input, office, issuedOn, job.parameters, { caseNumber: job.processInstanceKey }),
      });
      // the file name carries the notice number only (issue-notice.ts), so it may be logged
      job.log('info', 'notice issued', {
        noticeType,
        noticeNumber: issued.noticeNumber,
        fileName: issued.document.metadata.fileName,
        documentId: issued.document.documentId,
      });
      return complete(output, { [`${outputName}Number`]: issued.noticeNumber, [`${outputName}Document`]: [issued.document] });
    },
  });
}
