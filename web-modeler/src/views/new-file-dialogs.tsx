/** 新建流程 (from the two-level review template, with its forms and catalogue data) and 新建表单. */
import { useState } from 'preact/hooks';
import { Dialog } from '../../../web-shared/src/layout/dialog.js';
import { navigateTo } from '../../../web-shared/src/routing/history-router.js';
import type { ModelerApi } from '../modeler-api.js';
import { routePath } from '../routes.js';
import { t } from '../texts.js';
import { failureOf, type Failure } from '../../../web-shared/src/api/failure.js';
import { ErrorNotice } from '../../../web-shared/src/layout/error-notice.js';

interface DialogProps {
  api: ModelerApi;
  onClose(): void;
  onCreated(file: string): void;
}

/** Where a model's time limit is: the row of its national item code (docs/decision-tables.md). */
const TIME_LIMIT_TABLE = 'bpmn/statutory-time-limit.dmn';

export function NewModelDialog({ api, onClose, onCreated }: DialogProps) {
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  function openTable(event: Event) {
    event.preventDefault();
    navigateTo(routePath({ page: 'edit', file: TIME_LIMIT_TABLE }));
  }
  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.createModel({
        processId: text('processId'),
        titleZh: text('titleZh'),
        formPrefix: text('formPrefix'),
        flowchart: Number(text('flowchart')),
        nationalItem: { name: text('itemName'), code: text('itemCode') },
      });
      onCreated(created.file);
    } catch (failure) {
      setError(failureOf(failure));
      setBusy(false);
    }
  }
  return (
    <Dialog title={t.newModel.title} onClose={onClose} class="wide">
      <p class="muted">{t.newModel.intro}</p>
      <form class="dialog-form" onSubmit={submit}>
        <label>
          {t.newModel.titleZh}
          <input name="titleZh" required maxLength={60} />
        </label>
        <label>
          {t.newModel.processId}
          <input name="processId" required pattern="[a-z][a-z0-9]*(-[a-z0-9]+)*" />
        </label>
        <label>
          {t.newModel.formPrefix}
          <input name="formPrefix" required pattern="[a-z][a-z0-9]*(-[a-z0-9]+)*" />
        </label>
        <label>
          {t.newModel.flowchart}
          <input name="flowchart" type="number" min={1} max={22} required />
        </label>
        <label>
          {t.newModel.itemName}
          <input name="itemName" required maxLength={60} />
        </label>
        <label>
          {t.newModel.itemCode}
          <input name="itemCode" required pattern="\d{6,20}" />
        </label>
        <p class="muted" data-testid="time-limit-hint">
          {t.newModel.timeLimitHint}{' '}
          <a href={routePath({ page: 'edit', file: TIME_LIMIT_TABLE })} onClick={openTable}>
            {t.newModel.openTimeLimitTable}
          </a>
        </p>
        {error && <ErrorNotice class="error" failure={error} />}
        <div class="dialog-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button class="primary" disabled={busy}>
            {t.newModel.create}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function NewFormDialog({ api, onClose, onCreated }: DialogProps) {
  const [error, setError] = useState<Failure | string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  async function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.createForm({ formId: String(form.get('formId') ?? '').trim(), titleZh: String(form.get('titleZh') ?? '').trim() });
      onCreated(created.file);
    } catch (failure) {
      setError(failureOf(failure));
      setBusy(false);
    }
  }
  return (
    <Dialog title={t.newForm.title} onClose={onClose}>
      <form class="dialog-form" onSubmit={submit}>
        <label>
          {t.newForm.titleZh}
          <input name="titleZh" required maxLength={60} />
        </label>
        <label>
          {t.newForm.formId}
          <input name="formId" required pattern="[a-z][a-z0-9]*(-[a-z0-9]+)*" />
        </label>
        {error && <ErrorNotice class="error" failure={error} />}
        <div class="dialog-actions">
          <button type="button" onClick={onClose}>
            取消
          </button>
          <button class="primary" disabled={busy}>
            {t.newForm.create}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
