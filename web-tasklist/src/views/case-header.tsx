/**
 * The case at a glance: case number, process title and national item, applicant, and its deadline
 * (web-shared/src/dates/case-deadline.tsx, as the monitor's case page shows it): acceptance date, statutory limit,
 * the deadline and the remaining working days (red when overdue) counted from the engine's clock; before
 * acceptance a timed case says its limit starts at acceptance (it has one, it does not run yet); a 即时办结 case
 * without an acceptance day names its rule (即时办结, 以登记日计): a clerk may not read the case's start, the day it
 * counts from (web-shared/src/dates/case-due.ts).
 */
import { useCallback } from 'preact/hooks';
import type { UserTask } from '../../../web-shared/src/api/camunda-types.js';
import { CaseDeadlineFacts } from '../../../web-shared/src/dates/case-deadline.js';
import { refusalAtIntake } from '../../../web-shared/src/format/refused-at-intake.js';
import { maskIdNumber } from '../../../web-shared/src/masking/personal-data.js';
import { t } from '../texts.js';
import { useAppData } from '../use-app-data.js';

export interface CaseHeaderProps {
  task: UserTask;
  values: Record<string, unknown>;
  /** Full ID number only for who may work the task. */
  showPersonalData: boolean;
}

export function CaseHeader({ task, values, showPersonalData }: CaseHeaderProps) {
  const { process, api } = useAppData();
  const entry = process(task.processDefinitionId);
  const deadline = task.dueDate ?? (typeof values.deadlineDate === 'string' ? values.deadlineDate : undefined);
  const acceptedAt = typeof values.acceptedAt === 'string' ? values.acceptedAt : undefined;
  // a case refused at intake waits only for its notice to be handed over (FC18/FC22 送达不予受理告知书, FC17 送达不予备案告知书)
  const refused = refusalAtIntake(values);
  const count = useCallback((now: string, dates: string[]) => api.workingDays(now, dates), [api]);

  const applicant = [values.personName, values.unitName].filter((value) => typeof value === 'string' && value).join(' / ');
  const idNumber = typeof values.idNumber === 'string' ? values.idNumber : undefined;

  return (
    <section class="case-header" aria-label={t.caseHeader.caseNumber}>
      <h1>
        {entry?.titleZh ?? task.processName} · {task.name}
      </h1>
      <dl>
        <div>
          <dt>{t.caseHeader.caseNumber}</dt>
          <dd data-testid="case-number">{task.processInstanceKey}</dd>
        </div>
        <div>
          <dt>{t.caseHeader.nationalItem}</dt>
          <dd>{entry?.nationalItem ? `${entry.nationalItem.code} ${entry.nationalItem.name}` : '—'}</dd>
        </div>
        <div>
          <dt>{t.caseHeader.applicant}</dt>
          <dd>{applicant || '—'}</dd>
        </div>
        {idNumber && (
          <div>
            <dt>{t.caseHeader.idNumber}</dt>
            <dd data-testid="case-id-number">{showPersonalData ? idNumber : maskIdNumber(idNumber)}</dd>
          </div>
        )}
        <CaseDeadlineFacts count={count} deadline={deadline} acceptedAt={acceptedAt} timeLimitZh={entry?.timeLimitZh} limitRule={entry?.limitRule} refused={refused} refusedBySystem={values.refusedBySystem === true} />
      </dl>
    </section>
  );
}
