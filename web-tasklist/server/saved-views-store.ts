/**
 * Saved views of the task list (本组逾期件 …) on the server, in a SQLite file of the task list's own
 * (`DATA_DIR/tasklist.sqlite`, never the engine's tables): each belongs to the user who saved it and may be
 * shared with one of their groups. Camunda's Tasklist keeps custom filters only in the browser's localStorage.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { SavedView, ViewInput, ViewQuery } from '../src/tasklist-types.js';

export type { SavedView, ViewInput, ViewQuery };

/** What a view selects: the list, filters and sort of the task list page. */
export const viewQuerySchema: z.ZodType<ViewQuery> = z.strictObject({
  list: z.enum(['mine', 'claimable', 'all']),
  processId: z.string().max(200).optional(),
  dueState: z.enum(['overdue', 'dueSoon', 'normal', 'noLimit']).optional(),
  search: z.string().max(100).optional(),
  sort: z.enum(['dueDate', 'creationDate', '-creationDate']).optional(),
});

export const viewInputSchema: z.ZodType<ViewInput, unknown> = z.strictObject({
  name: z.string({ error: '请填写视图名称' }).trim().min(1, '请填写视图名称').max(40, '视图名称最多 40 个字'),
  sharedWithGroup: z.string().min(1).max(100).nullable().default(null),
  query: viewQuerySchema,
});

interface Row {
  id: number;
  owner: string;
  name: string;
  shared_group: string | null;
  query: string;
  created_at: string;
  updated_at: string;
}

export class SavedViewsStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS saved_views (
      id INTEGER PRIMARY KEY,
      owner TEXT NOT NULL,
      name TEXT NOT NULL,
      shared_group TEXT,
      query TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS saved_views_owner ON saved_views (owner);
    CREATE INDEX IF NOT EXISTS saved_views_group ON saved_views (shared_group);`);
  }

  /** The user's own views and those shared with one of their groups, by name. */
  visibleTo(username: string, groups: readonly string[]): SavedView[] {
    const placeholders = groups.map(() => '?').join(',');
    const rows = this.db
      .prepare(`SELECT * FROM saved_views WHERE owner = ?${groups.length ? ` OR shared_group IN (${placeholders})` : ''} ORDER BY name, id`)
      .all(username, ...groups) as Row[];
    return rows.map(toView);
  }

  get(id: number): SavedView | undefined {
    const row = this.db.prepare('SELECT * FROM saved_views WHERE id = ?').get(id) as Row | undefined;
    return row && toView(row);
  }

  create(owner: string, input: ViewInput, now = new Date()): SavedView {
    const at = now.toISOString();
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO saved_views (owner, name, shared_group, query, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(owner, input.name, input.sharedWithGroup, JSON.stringify(input.query), at, at);
    return this.get(Number(lastInsertRowid))!;
  }

  update(id: number, input: ViewInput, now = new Date()): SavedView {
    this.db
      .prepare('UPDATE saved_views SET name = ?, shared_group = ?, query = ?, updated_at = ? WHERE id = ?')
      .run(input.name, input.sharedWithGroup, JSON.stringify(input.query), now.toISOString(), id);
    return this.get(id)!;
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM saved_views WHERE id = ?').run(id);
  }

  close(): void {
    this.db.close();
  }
}

// helpers

function toView(row: Row): SavedView {
  return {
    id: row.id,
    owner: row.owner,
    name: row.name,
    sharedWithGroup: row.shared_group,
    query: viewQuerySchema.parse(JSON.parse(row.query)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
