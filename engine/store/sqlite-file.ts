/**
 * Tools for any SQLite file of a deployment (the engine's, the workers' state, the web apps' own), for the
 * backup script and the reliability runs: an online backup (SQLite's backup API, consistent while writers go on,
 * WAL included) and an integrity check. The only place outside the stores that opens such a file.
 */
import Database from 'better-sqlite3';

/** Copies `source` to `target` while other processes may keep writing to it; answers the pages copied. */
export async function backupSqliteFile(source: string, target: string): Promise<number> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    const { totalPages } = await db.backup(target);
    return totalPages;
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` and the number of rows of `table` (when given). */
export function inspectSqliteFile(path: string, table?: string): { integrity: string; rows?: number } {
  const db = new Database(path, { fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
    const rows = table ? (db.prepare(`SELECT count(*) AS n FROM "${table.replace(/"/g, '')}"`).get() as { n: number }).n : undefined;
    return { integrity, rows };
  } finally {
    db.close();
  }
}

/** A read-only connection (tests that look at what a request left in the file, beside the running engine). */
export function openSqliteReadonly(path: string): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true });
}

/** A writable connection to a stopped deployment's file (tests that give it an older version's state). */
export function openSqliteStopped(path: string): Database.Database {
  return new Database(path, { fileMustExist: true });
}
