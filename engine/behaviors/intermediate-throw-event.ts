/**
 * Intermediate throw events. A none event marks a milestone (告知查询结果) and completes at once; a message
 * throw event is sent by a job worker, as in Zeebe, so it behaves like a send task.
 */
import type { IntermediateThrowEventElement } from '../model/executable-process.js';
import { jobWorkerTaskBehavior } from './job-worker-task.js';
import type { ElementBehavior } from './shared/element-behavior.js';

export const intermediateThrowEventBehavior: ElementBehavior<IntermediateThrowEventElement> = {
  onActivate: (context) => {
    const { element } = context;
    return element.job ? jobWorkerTaskBehavior.onActivate({ ...context, element }) : 'COMPLETE';
  },
  onTerminate: (context) => {
    if (context.element.job) jobWorkerTaskBehavior.onTerminate(context);
  },
};
