/**
 * Who changed a model, form or decision, when and how (经办留痕 for the models themselves). Two stores behind one
 * interface, chosen by the project folder:
 *
 * - a git repository (the default: this repository): every save is a commit of the saved files, author and
 *   committer the analyst, marked as a save by a trailer (git-history.ts); the file's other commits are the
 *   software's own releases;
 * - any other folder: an append-only history file with the saved texts next to the models (journal-history.ts).
 */
import { execFileSync } from 'node:child_process';
import { GitHistory } from './git-history.js';
import { JournalHistory } from './journal-history.js';

export interface HistoryAuthor {
  username: string;
  displayName: string;
}

/**
 * What a version is, for the analysts reading the history:
 * - `save`: an analyst saved it in the modeler (`author` their display name, `message` their words);
 * - `release`: a git commit not made by the modeler's save — the file as this software shipped it (a developer's
 *   commit, its message in English: technical detail only);
 * - `original`: the journal's first entry of a file, its text as found before the first save.
 */
export type FileVersionKind = 'save' | 'release' | 'original';

export interface FileVersion {
  /** A commit hash, or the journal's sequence number as a string. */
  version: string;
  kind: FileVersionKind;
  author: string;
  /** The login of a save; null for any other version. */
  username: string | null;
  /** ISO 8601. */
  at: string;
  message: string;
}

export interface RecordResult {
  version: string;
  /** False when the save changed nothing, so no version (and no message) was recorded. */
  recorded: boolean;
}

export interface FileHistory {
  readonly kind: 'git' | 'journal';
  /** Called with a file's text just before a save overwrites it (undefined: a new file). */
  beforeSave(file: string, text: string | undefined): void;
  /**
   * Records one save of `files` (project-relative, already written). When none of them changed, nothing is recorded
   * (the message is dropped) and `version` is the files' latest version, `recorded` false: the caller says so.
   */
  record(files: readonly string[], author: HistoryAuthor, message: string): Promise<RecordResult>;
  /** The versions of a file, newest first (at most `limit`). */
  versions(file: string, limit?: number): Promise<FileVersion[]>;
  /** The file's text at a version, or undefined when it did not exist then. */
  read(file: string, version: string): Promise<string | undefined>;
}

/** Git when the project folder is inside a git work tree (and git is installed), the journal otherwise. */
export function openFileHistory(projectRoot: string): FileHistory {
  const topLevel = gitTopLevel(projectRoot);
  return topLevel ? new GitHistory(projectRoot, topLevel) : new JournalHistory(projectRoot);
}

// helpers

function gitTopLevel(dir: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}
