/**
 * File history in the project's git repository, through the git binary (it knows worktrees, hooks and the
 * user's configuration; nothing to reimplement). A save commits exactly the saved paths (`git commit -- <paths>`,
 * so whatever else is staged stays staged), with the analyst as author and committer. Git commands run one at a
 * time: two saves at once would fight over the index lock.
 *
 * The same file's history also holds commits that are not an analyst's: this software's own releases (developers'
 * commits with English messages). A save is told from them by the trailer `Modeler-Save: <login>` that `record`
 * adds to its message (read back with `%(trailers:key=Modeler-Save,valueonly)`); every other commit is a
 * `release` (reading trailers so needs git 2.22 or newer; an older git is refused by name, not misread).
 *
 * Saves made before the trailer existed are recognised by what the modeler wrote then ({@link legacySaveLogin}): the
 * API accepted a message from the start (baa0eb2), but the editor sent none, so every such save has a subject the server worded itself (「修改 bpmn/….bpmn（流程建模）」,
 * 「新建表单 …（…）」, after 「草稿（N 个错误）：」 for a draft), and its author's "email" is the login. That holds for a
 * login with '@' (an e-mail login from a cluster's Identity) and for a save someone else rebased or cherry-picked
 * (git keeps the author, the committer is theirs). A commit with another subject still counts when it was committed
 * as `record` commits, author and committer the same, their "email" a login without '@' (git itself, and every
 * developer's configuration, puts an address there). The modeler does not know the office's logins (they live in
 * the engine's identity store or the cluster's Identity), so no rule can ask whether the login exists.
 *
 * Anyone can copy that wording or that configuration, which is why the trailer came: so both old rules apply only to
 * commits authored before the oldest save with the trailer in the listing (or to all when it has none). The author
 * date is the one compared because a rebase or a cherry-pick keeps it; a copy made after the trailer is a `release`.
 */
import { execFile } from 'node:child_process';
import { relative, sep } from 'node:path';
import type { FileHistory, FileVersion, HistoryAuthor, RecordResult } from './file-history.js';

/** Git refuses NUL in messages and names, so a message cannot forge a field or a commit of the listing. */
const FIELD = '%x00';
const FIELDS_PER_COMMIT = 9;
/** The trailer that marks an analyst's save; its value is the login. */
export const SAVE_TRAILER = 'Modeler-Save';

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

  record(files: readonly string[], author: HistoryAuthor, message: string): Promise<RecordResult> {
    return this.serial(async () => {
      const paths = files.map((file) => this.repoPath(file));
      await this.git(['add', '--', ...paths]);
      if (!(await this.hasStagedChanges(paths))) {
        // saved as it was committed: no new version, and the message has nowhere to go
        return { version: (await this.git(['log', '-1', '--format=%H', '--', ...paths])).trim(), recorded: false };
      }
      const env = {
        GIT_AUTHOR_NAME: author.displayName || author.username,
        GIT_AUTHOR_EMAIL: author.username,
        GIT_COMMITTER_NAME: author.displayName || author.username,
        GIT_COMMITTER_EMAIL: author.username,
      };
      // the trailer as a paragraph of its own, last: git reads it as the message's trailer block
      await this.git(['commit', '--quiet', '-m', message, '-m', `${SAVE_TRAILER}: ${oneLine(author.username)}`, '--', ...paths], env);
      return { version: (await this.git(['rev-parse', 'HEAD'])).trim(), recorded: true };
    });
  }

  async versions(file: string, limit = 200): Promise<FileVersion[]> {
    const format = ['%H', '%an', '%ae', '%cn', '%ce', '%cI', '%aI', '%s', `%(trailers:key=${SAVE_TRAILER},valueonly)`].join(FIELD);
    // -z: NUL after each commit too, so the output is one NUL-separated list of fields
    const output = await this.serial(() => this.git(['log', '-z', `--max-count=${limit}`, `--format=${format}`, '--', this.repoPath(file)]));
    const fields = output.split('\0');
    const commits: { version: string; author: string; email: string; committer: string; committerEmail: string; date: string; authored: number; message: string; trailerLogin: string }[] = [];
    for (let at = 0; at + FIELDS_PER_COMMIT <= fields.length; at += FIELDS_PER_COMMIT) {
      const [version = '', author = '', email = '', committer = '', committerEmail = '', date = '', authorDate = '', message = '', trailer = ''] = fields.slice(at, at + FIELDS_PER_COMMIT);
      // git before 2.22 copies the placeholder it does not know: every release would read as a save
      if (trailer.startsWith('%(')) throw new Error('the modeler history needs git 2.22 or newer (it reads the Modeler-Save trailer)');
      commits.push({ version, author, email, committer, committerEmail, date, authored: Date.parse(authorDate), message, trailerLogin: trailer.split('\n')[0]!.trim() });
    }
    // the old rules only for what was authored before the first save with the trailer (see the top of this file)
    const trailerSince = Math.min(...commits.filter((c) => c.trailerLogin !== '').map((c) => c.authored));
    const versions: FileVersion[] = [];
    for (const { version, author, email, committer, committerEmail, date, authored, message, trailerLogin } of commits) {
      const savedBy = trailerLogin || (authored < trailerSince ? legacySaveLogin(author, email, committer, committerEmail, message) : undefined);
      versions.push(
        savedBy
          ? { version, kind: 'save', author, username: savedBy, at: date, message }
          : { version, kind: 'release', author, username: null, at: date, message },
      );
    }
    return versions;
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

/** A login on one line: it goes into a trailer. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The subjects the server wrote for a save while the editor sent no message (project-store.ts's default, new-files.ts's
 * new model and new form), after the draft prefix: a developer does not word a commit so.
 */
const MODELER_SUBJECT = /^(?:草稿（\d+ 个错误）：)?(?:(?:新建|修改) \S+（流程建模）|新建流程 .+（[a-z0-9-]+，模板：两级审核）|新建表单 .+（[a-z0-9-]+）)$/u;

/** The login of a save made before saves carried the trailer, or undefined (see the top of this file). */
function legacySaveLogin(author: string, email: string, committer: string, committerEmail: string, subject: string): string | undefined {
  if (email === '') return undefined;
  if (MODELER_SUBJECT.test(subject)) return email;
  return !email.includes('@') && email === committerEmail && author === committer ? email : undefined;
}
