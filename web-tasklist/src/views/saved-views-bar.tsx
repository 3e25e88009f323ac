/**
 * Saved views (本组逾期件 …): pick one to apply its list, filters and sort; save the current ones under a name,
 * shared with one of my groups or not; delete my own. Stored by the task list server, not in the browser.
 */
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../../web-shared/src/auth/session.js';
import { t } from '../texts.js';
import type { SavedView, ViewQuery } from '../tasklist-types.js';
import { useAppData } from '../use-app-data.js';
import type { PageMessage } from '../page-message.js';
import { failureOf } from '../../../web-shared/src/api/failure.js';

export interface SavedViewsBarProps {
  query: ViewQuery;
  onApply(query: ViewQuery): void;
  onMessage(message: PageMessage): void;
}

export function SavedViewsBar({ query, onApply, onMessage }: SavedViewsBarProps) {
  const { user } = useSession();
  const { api, groupName, personName } = useAppData();
  const [views, setViews] = useState<SavedView[]>([]);
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [saving, setSaving] = useState(false);

  const reload = () => api.views().then(({ items }) => setViews(items), (error: Error) => onMessage({ kind: 'error', ...failureOf(error) }));
  useEffect(() => void reload(), [api]);

  const current = views.find((view) => view.id === selected);

  async function save(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const name = String(form.get('name') ?? '').trim();
    const group = String(form.get('group') ?? '');
    try {
      const view = await api.createView({ name, sharedWithGroup: group || null, query });
      await reload();
      setSelected(view.id);
      setSaving(false);
      onMessage({ kind: 'ok', text: t.views.saved(view.name) });
    } catch (error) {
      onMessage({ kind: 'error', ...failureOf(error) });
    }
  }

  async function remove() {
    if (!current || !window.confirm(t.views.confirmDelete(current.name))) return;
    try {
      await api.deleteView(current.id);
      setSelected(undefined);
      await reload();
      onMessage({ kind: 'ok', text: t.views.deleted(current.name) });
    } catch (error) {
      onMessage({ kind: 'error', ...failureOf(error) });
    }
  }

  return (
    <div class="saved-views">
      <label>
        {t.views.label}
        <select
          value={selected ?? ''}
          onChange={(event) => {
            const id = Number((event.currentTarget as HTMLSelectElement).value);
            const view = views.find((candidate) => candidate.id === id);
            setSelected(view?.id);
            if (view) onApply(view.query);
          }}
        >
          <option value="">{t.views.none}</option>
          {views.map((view) => (
            <option key={view.id} value={view.id}>
              {view.name}
              {view.owner !== user.username ? `（${t.views.sharedBy(personName(view.owner))}）` : view.sharedWithGroup ? `（${groupName(view.sharedWithGroup)}）` : ''}
            </option>
          ))}
        </select>
      </label>
      {current?.owner === user.username && (
        <button class="link" onClick={() => void remove()}>
          {t.views.delete}
        </button>
      )}
      {!saving && (
        <button class="link" onClick={() => setSaving(true)}>
          {t.views.save}
        </button>
      )}
      {saving && (
        <form class="save-view" onSubmit={save}>
          <input name="name" aria-label={t.views.namePrompt} placeholder={t.views.namePrompt} maxLength={40} required autoFocus />
          <select name="group" aria-label={t.views.share}>
            <option value="">{t.views.notShared}</option>
            {user.groups.map((group) => (
              <option key={group} value={group}>
                {t.views.share} {groupName(group)}
              </option>
            ))}
          </select>
          <button type="submit" class="primary">
            {t.views.save}
          </button>
          <button type="button" onClick={() => setSaving(false)}>
            ✕
          </button>
        </form>
      )}
    </div>
  );
}
