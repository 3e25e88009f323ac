/**
 * The task list server's own routes (next to /v2): the catalogue, working days of due dates, saved views. Same
 * session, same CSRF token as /v2 (the V2Client sends both).
 */
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import type { SavedView, TasklistCatalog, ViewInput, WorkingDays } from './tasklist-types.js';

const API = '/tasklist/api';

/**
 * The catalogue asked for as the page starts, beside the session check (the cookie goes with it), so the first
 * screen does not wait for one after the other; undefined when nobody is signed in yet.
 */
const earlyCatalog: Promise<TasklistCatalog | undefined> = fetch(`${API}/catalog`, { credentials: 'same-origin' })
  .then((response) => (response.ok ? (response.json() as Promise<TasklistCatalog>) : undefined))
  .catch(() => undefined);
let earlyAnswer: TasklistCatalog | undefined;
void earlyCatalog.then((catalog) => (earlyAnswer = catalog));

/** The early catalogue when it came before the first render (the app's data is there at once), else undefined. */
export function catalogAlreadyLoaded(): TasklistCatalog | undefined {
  return earlyAnswer;
}

export class TasklistApi {
  constructor(private readonly client: V2Client) {}

  async catalog(): Promise<TasklistCatalog> {
    return (await earlyCatalog) ?? this.client.json('GET', `${API}/catalog`, undefined, {});
  }

  workingDays(now: string, dates: string[]): Promise<WorkingDays> {
    return this.client.json('POST', `${API}/working-days`, { now, dates }, { polling: true });
  }

  views(): Promise<{ items: SavedView[] }> {
    return this.client.json('GET', `${API}/views`, undefined, {});
  }

  createView(input: ViewInput): Promise<SavedView> {
    return this.client.json('POST', `${API}/views`, input, {});
  }

  async deleteView(id: number): Promise<void> {
    await this.client.json('DELETE', `${API}/views/${id}`, undefined, {});
  }
}
