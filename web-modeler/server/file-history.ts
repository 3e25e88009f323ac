/**
 * Who changed a model, form or decision, when and how (经办留痕 for the models themselves). Two stores behind one
 * interface, chosen by the project folder:
 *
 * - a git repository (the default: this repository): every save is a commit of the saved files, author and
 *   committer the analyst (git-history.ts);
 * - any other folder: an append-only history file with the saved texts next to the models (journal-history.ts).
 */
import { execFileSync } from 'node:child_process';
import { GitHistory } from './git-history.js';
import { JournalHistory } from './journal-history.js';

export interface HistoryAuthor {
  username: string;
  displayName: string;
}

export interface FileVersion {
  /** A commit hash, or the journal's sequence number as a string. */
  version: string;
  author: string;
  /** The login, when the store knows it. */
  username: string | null;
  /** ISO 8601. */
  at: string;
  message: string;
}

export interface FileHistory {
  readonly kind: 'git' | 'journal';
  /** Called with a file's text just before a save overwrites it (undefined: a new file). */
  beforeSave(file: string, text: string | undefined): void;
  /** Records one save of `files` (project-relative, already written). Returns the new version. */
  record(files: readonly string[], author: HistoryAuthor, message: string): Promise<string>;
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
