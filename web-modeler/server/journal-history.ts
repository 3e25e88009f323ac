/**
 * File history of a project folder that is not a git repository: `.modeler-history/` next to the models, with
 * `history.jsonl` (one line per saved file, appended and never rewritten: sequence, file, who, when, message,
 * SHA-256 of the text) and the texts themselves in `texts/<sha256>` (stored once however often they recur).
 * The first save of a file records the text found before it as version 0 (作者「保存前的文件」), so the
 * first change can be compared too.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { FileHistory, FileVersion, HistoryAuthor, RecordResult } from './file-history.js';

export const JOURNAL_DIR = '.modeler-history';
const BEFORE_FIRST_SAVE = '保存前的文件';

const entrySchema = z.object({
  seq: z.number().int().nonnegative(),
  file: z.string(),
  username: z.string().nullable(),
  author: z.string(),
  at: z.string(),
  message: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

type JournalEntry = z.infer<typeof entrySchema>;

export class JournalHistory implements FileHistory {
  readonly kind = 'journal';
  private readonly dir: string;
  /** The text each file had before the save being recorded (set by `beforeSave`). */
  private readonly previous = new Map<string, string>();

  constructor(private readonly projectRoot: string) {
    this.dir = join(projectRoot, JOURNAL_DIR);
  }

  /** The text of a file before it is overwritten: becomes version 0 if the file has no history yet. */
  beforeSave(file: string, text: string | undefined): void {
    if (text !== undefined) this.previous.set(file, text);
  }

  async record(files: readonly string[], author: HistoryAuthor, message: string): Promise<RecordResult> {
    mkdirSync(join(this.dir, 'texts'), { recursive: true });
    const entries = this.entries();
    const last = entries.reduce((max, entry) => Math.max(max, entry.seq), 0);
    let seq = last;
    const at = new Date().toISOString();
    for (const file of files) {
      const before = this.previous.get(file);
      this.previous.delete(file);
      const known = entries.some((entry) => entry.file === file);
      const text = readFileSync(join(this.projectRoot, ...file.split('/')), 'utf8');
      // saved as it was, and its text is in the journal already: no new version (as git makes no commit)
      if (known && before === text) continue;
      if (before !== undefined && !known) {
        this.append({ seq: ++seq, file, username: null, author: BEFORE_FIRST_SAVE, at, message: BEFORE_FIRST_SAVE, sha256: this.store(before) });
      }
      this.append({ seq: ++seq, file, username: author.username, author: author.displayName || author.username, at, message, sha256: this.store(text) });
    }
    if (seq > last) return { version: String(seq), recorded: true };
    const latest = entries.filter((entry) => files.includes(entry.file)).reduce((max, entry) => Math.max(max, entry.seq), 0);
    return { version: String(latest), recorded: false };
  }

  async versions(file: string, limit = 200): Promise<FileVersion[]> {
    return this.entries()
      .filter((entry) => entry.file === file)
      .reverse()
      .slice(0, limit)
      .map((entry) => ({ version: String(entry.seq), kind: kindOf(entry), author: entry.author, username: entry.username, at: entry.at, message: entry.message }));
  }

  async read(file: string, version: string): Promise<string | undefined> {
    const entry = this.entries().find((candidate) => candidate.file === file && String(candidate.seq) === version);
    return entry ? readFileSync(join(this.dir, 'texts', entry.sha256), 'utf8') : undefined;
  }

  // helpers

  private entries(): JournalEntry[] {
    const path = join(this.dir, 'history.jsonl');
    if (!existsSync(path)) return [];
    // a line cut short by a crash is skipped, never fatal: the lines before and after it stay readable
    return readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line) => {
        if (line.trim() === '') return [];
        try {
          return [entrySchema.parse(JSON.parse(line))];
        } catch {
          return [];
        }
      });
  }

  private append(entry: JournalEntry): void {
    appendFileSync(join(this.dir, 'history.jsonl'), `${JSON.stringify(entry)}\n`);
  }

  private store(text: string): string {
    const sha256 = createHash('sha256').update(text).digest('hex');
    const path = join(this.dir, 'texts', sha256);
    if (!existsSync(path)) writeFileSync(path, text);
    return sha256;
  }
}

/** Every entry is a save, but a file's first one when it holds the text found before the first save. */
function kindOf(entry: JournalEntry): FileVersion['kind'] {
  return entry.username === null && entry.author === BEFORE_FIRST_SAVE ? 'original' : 'save';
}
