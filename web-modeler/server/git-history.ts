/**
 * File history in the project's git repository, through the git binary (it knows worktrees, hooks and the
 * user's configuration; nothing to reimplement). A save commits exactly the saved paths (`git commit -- <paths>`,
 * so whatever else is staged stays staged), with the analyst as author and committer. Git commands run one at a
 * time: two saves at once would fight over the index lock.
 */
import { execFile } from 'node:child_process';
import { relative, sep } from 'node:path';
import type { FileHistory, FileVersion, HistoryAuthor } from './file-history.js';

const FIELD = '\x1f';
const RECORD = '\x1e';

export class GitHistory implements FileHistory {
  readonly kind = 'git';
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly projectRoot: string,
    private readonly topLevel: string,
  ) {}

  beforeSave(): void {
    // git has the committed text already
  }

  record(files: readonly string[], author: HistoryAuthor, message: string): Promise<string> {
    return this.serial(async () => {
      const paths = files.map((file) => this.repoPath(file));
      await this.git(['add', '--', ...paths]);
      if (!(await this.hasStagedChanges(paths))) {
        // saved as it was committed: no new version
        return (await this.git(['log', '-1', '--format=%H', '--', ...paths])).trim();
      }
      const env = {
        GIT_AUTHOR_NAME: author.displayName || author.username,
        GIT_AUTHOR_EMAIL: author.username,
        GIT_COMMITTER_NAME: author.displayName || author.username,
        GIT_COMMITTER_EMAIL: author.username,
      };
      await this.git(['commit', '--quiet', '-m', message, '--', ...paths], env);
      return (await this.git(['rev-parse', 'HEAD'])).trim();
    });
  }

  async versions(file: string, limit = 200): Promise<FileVersion[]> {
    const format = ['%H', '%an', '%ae', '%aI', '%s'].join(FIELD) + RECORD;
    const output = await this.serial(() => this.git(['log', `--max-count=${limit}`, `--format=${format}`, '--', this.repoPath(file)]));
    return output
      .split(RECORD)
      .map((record) => record.replace(/^\n/, ''))
      .filter((record) => record !== '')
      .map((record) => {
        const [version = '', author = '', email = '', at = '', message = ''] = record.split(FIELD);
        return { version, author, username: email || null, at, message };
      });
  }

  async read(file: string, version: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{7,64}$/.test(version)) return undefined;
    try {
      return await this.serial(() => this.git(['show', `${version}:${this.repoPath(file)}`]));
    } catch {
      return undefined;
    }
  }

  // helpers

  private repoPath(file: string): string {
    return relative(this.topLevel, `${this.projectRoot}${sep}${file.split('/').join(sep)}`).split(sep).join('/');
  }

  private async hasStagedChanges(paths: string[]): Promise<boolean> {
    try {
      await this.git(['diff', '--cached', '--quiet', '--', ...paths]);
      return false;
    } catch {
      return true;
    }
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private git(args: string[], env: Record<string, string> = {}): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        'git',
        ['-c', 'core.quotepath=off', ...args],
        { cwd: this.topLevel, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', ...env }, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
        (error, stdout, stderr) => (error ? reject(new Error(`git ${args[0]}: ${(stderr || error.message).trim()}`)) : resolve(stdout)),
      );
    });
  }
}
