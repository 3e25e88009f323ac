/** Writing a file so that readers see the old bytes or the new ones, never a part. */
import { randomUUID } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';

/** A failed write (disk full) leaves nothing behind: the temporary file is removed, the error passes on. */
export function writeAtomically(path: string, bytes: Buffer): void {
  const temporary = `${path}.${process.pid}.${randomUUID()}.tmp`;
  try {
    writeFileSync(temporary, bytes);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
