/**
 * The task list server's own routes (next to /v2): the catalogue, working days of due dates, saved views. Same
 * session, same CSRF token as /v2 (the V2Client sends both).
 */
import { earlyGet } from '../../web-shared/src/api/early-get.js';
import type { V2Client } from '../../web-shared/src/api/v2-client.js';
import type { SavedView, TasklistCatalog, ViewInput, WorkingDays } from './tasklist-types.js';

const API = '/tasklist/api';

/** The catalogue, asked for as the page starts. */
const earlyCatalog = earlyGet<TasklistCatalog>(`${API}/catalog`);

/**
 * The early catalogue when it came before the app's data provider first rendered (the app's data is there at once),
 * else undefined. That render waits for the session check's answer, by which time the catalogue has often come.
 */
export const catalogAlreadyLoaded = earlyCatalog.alreadyAnswered;

export class TasklistApi {
  constructor(private readonly client: V2Client) {}

  async catalog(): Promise<TasklistCatalog> {
    return (await earlyCatalog.answer) ?? this.client.json('GET', `${API}/catalog`, undefined, {});
  }

  workingDays(now: string, dates: string[], signal?: AbortSignal): Promise<WorkingDays> {
    return this.client.json('POST', `${API}/working-days`, { now, dates }, { polling: true, signal });
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
