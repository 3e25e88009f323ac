/**
 * The case at a glance: case number, process title and national item, applicant, acceptance date, statutory
 * limit, the deadline and the remaining working days (red when overdue) counted from the engine's clock; before
 * acceptance a timed case says its limit starts at acceptance (it has one, it does not run yet).
 */
import { useEffect, useState } from 'preact/hooks';
import type { UserTask } from '../../../web-shared/src/api/camunda-types.js';
import { serverNow } from '../../../web-shared/src/api/server-clock.js';
import { formatDate } from '../../../web-shared/src/format/dates.js';
import { maskIdNumber } from '../../../web-shared/src/masking/personal-data.js';
import { t } from '../texts.js';
import type { DueInfo } from '../tasklist-types.js';
import { useAppData } from '../use-app-data.js';
import { DueBadge } from './due-badge.js';

export interface CaseHeaderProps {
  task: UserTask;
  values: Record<string, unknown>;
  /** Full ID number only for who may work the task. */
  showPersonalData: boolean;
}

export function CaseHeader({ task, values, showPersonalData }: CaseHeaderProps) {
  const { process, api } = useAppData();
  const entry = process(task.processDefinitionId);
  const [due, setDue] = useState<DueInfo | undefined>(undefined);
  const [accepted, setAccepted] = useState<string | undefined>(undefined);
  const deadline = task.dueDate ?? (typeof values.deadlineDate === 'string' ? values.deadlineDate : undefined);
  const acceptedAt = typeof values.acceptedAt === 'string' ? values.acceptedAt : undefined;

  useEffect(() => {
    const dates = [deadline, acceptedAt].filter((date): date is string => Boolean(date));
    if (dates.length === 0) return setDue(undefined);
    api.workingDays(new Date(serverNow()).toISOString(), dates).then(
      (result) => {
        setDue(deadline ? result.results[deadline] : undefined);
        setAccepted(acceptedAt ? result.results[acceptedAt]?.date : undefined);
      },
      () => setDue(undefined),
    );
  }, [api, deadline, acceptedAt]);

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
        <div>
          <dt>{t.caseHeader.acceptedAt}</dt>
          <dd>{accepted ?? (acceptedAt ? formatDate(acceptedAt) : t.caseHeader.notAccepted)}</dd>
        </div>
        <div>
          <dt>{t.caseHeader.timeLimit}</dt>
          <dd>{entry?.timeLimitZh ?? '—'}</dd>
        </div>
        <div>
          <dt>{t.caseHeader.deadline}</dt>
          <dd>{due?.date ?? (deadline ? formatDate(deadline) : '—')}</dd>
        </div>
        <div>
          <dt>{t.caseHeader.remaining}</dt>
          <dd data-testid="remaining-working-days">
            <DueBadge due={due} hasDueDate={Boolean(deadline)} notStarted={!deadline && !acceptedAt && Boolean(entry?.timed)} />
          </dd>
        </div>
      </dl>
    </section>
  );
}
