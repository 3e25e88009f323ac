import { describe, expect, it } from 'vitest';
import { t } from '../../web-monitor/src/texts.js';

// Camunda 8.8's incident error types (IncidentErrorTypeEnum of the Orchestration Cluster API)
const CAMUNDA_ERROR_TYPES = [
  'AD_HOC_SUB_PROCESS_NO_RETRIES',
  'CALLED_DECISION_ERROR',
  'CALLED_ELEMENT_ERROR',
  'CONDITION_ERROR',
  'DECISION_EVALUATION_ERROR',
  'EXECUTION_LISTENER_NO_RETRIES',
  'EXTRACT_VALUE_ERROR',
  'FORM_NOT_FOUND',
  'IO_MAPPING_ERROR',
  'JOB_NO_RETRIES',
  'MESSAGE_SIZE_EXCEEDED',
  'RESOURCE_NOT_FOUND',
  'TASK_LISTENER_NO_RETRIES',
  'UNHANDLED_ERROR_EVENT',
  'UNKNOWN',
  'UNSPECIFIED',
];

describe('monitor texts', () => {
  it('should name every Camunda 8.8 incident error type in Chinese', () => {
    const named = t.instance.errorTypes;
    expect(CAMUNDA_ERROR_TYPES.filter((type) => !/[\u4e00-\u9fff]/.test(named[type] ?? ''))).toEqual([]);
    expect(Object.keys(named).sort()).toEqual(CAMUNDA_ERROR_TYPES);
  });
});
