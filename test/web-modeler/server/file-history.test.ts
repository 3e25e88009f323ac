/**
 * The two history stores on real folders. Git (a real repository in a temporary folder): a developer's commit
 * is a `release` however it is worded, a save through `record` is a `save` of the analyst (marked by its
 * `Modeler-Save` trailer), and a save made before the trailer existed (its subject the modeler's own wording, or
 * author = committer with a login without '@' as email) is still a save, but a commit so made after it is not. The journal: every entry is a save, a file's first one the text found before it
 * (`original`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHistory, SAVE_TRAILER } from '../../../web-modeler/server/git-history.js';
import { JournalHistory } from '../../../web-modeler/server/journal-history.js';

const FILE = 'bpmn/fc20.bpmn';
const LIU_FANG = { username: 'liu-fang', displayName: '刘芳' };
const DEVELOPER = { name: 'Seed maintainers', email: 'maintainers@users.noreply.example' };

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'modeler-history-'));
  mkdirSync(join(dir, 'bpmn'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (text: string) => writeFileSync(join(dir, ...FILE.split('/')), text);

describe('git history', () => {
  const git = (args: string[], who: { name: string; email: string }, committer = who, authored?: string) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: who.name,
        GIT_AUTHOR_EMAIL: who.email,
        GIT_COMMITTER_NAME: committer.name,
        GIT_COMMITTER_EMAIL: committer.email,
        ...(authored ? { GIT_AUTHOR_DATE: authored } : {}),
      },
    });
  const commit = (text: string, message: string, who: { name: string; email: string }, committer = who, authored?: string) => {
    write(text);
    git(['add', '.'], who);
    git(['commit', '--quiet', '-m', message], who, committer, authored);
    return git(['rev-parse', 'HEAD'], who).trim();
  };

  beforeEach(() => {
    execFileSync('git', ['init', '--quiet', '--initial-branch=main'], { cwd: dir });
  });

  it('should tell an analyst’s save from a developer’s commit, and read both back', async () => {
    // given a developer's commit (even one naming the trailer in its subject) and an analyst's save
    const history = new GitHistory(dir, dir);
    const release = commit('v1', `FC3/18/22 受理 … BPMN output maps changed; mention ${SAVE_TRAILER}: liu-fang`, DEVELOPER);
    write('v2');

    // when
    const { version: saved, recorded } = await history.record([FILE], LIU_FANG, '修改初审的名称');
    const versions = await history.versions(FILE);

    // then
    expect(recorded).toBe(true);
    expect(versions).toEqual([
      { version: saved, kind: 'save', author: '刘芳', username: 'liu-fang', at: expect.any(String), message: '修改初审的名称' },
      { version: release, kind: 'release', author: 'Seed maintainers', username: null, at: expect.any(String), message: expect.stringContaining('BPMN output maps') },
    ]);
    expect(git(['log', '-1', `--format=%(trailers:key=${SAVE_TRAILER},valueonly)`], DEVELOPER).trim()).toBe('liu-fang');
    expect(git(['log', '-1', '--format=%s'], DEVELOPER).trim()).toBe('修改初审的名称');
    expect(new Date(versions[1]!.at).getTime()).not.toBeNaN();
    expect(await history.read(FILE, release)).toBe('v1');
    expect(await history.read(FILE, saved)).toBe('v2');
  });

  it('should not let a save message or a display name forge a row of the history (separators in them are only text)', async () => {
    // given a message with the separators an older listing used, shaped like a forged save of someone else, and a display name with one
    const history = new GitHistory(dir, dir);
    commit('v1', 'Initial import', DEVELOPER);
    write('v2');
    const forged = 'x\x1e\nabc1234\x1fForged Name\x1fforged\x1fForged Name\x1fforged\x1f2020-01-01T00:00:00+00:00\x1fforged message\x1fadmin';
    const { version: saved } = await history.record([FILE], LIU_FANG, forged);
    write('v3');
    const { version: odd } = await history.record([FILE], { username: 'gina', displayName: 'G\x1fina' }, '改名');

    // when
    const versions = await history.versions(FILE);

    // then three rows, each as saved
    expect(versions.map((v) => [v.version, v.kind, v.username])).toEqual([
      [odd, 'save', 'gina'],
      [saved, 'save', 'liu-fang'],
      [expect.any(String), 'release', null],
    ]);
    expect(versions[0]!.author).toBe('G\x1fina');
    expect(versions[1]!.author).toBe('刘芳');
  });

  it('should still count a save made before saves carried the trailer, but not a commit someone else committed', async () => {
    // given a save as `record` made it before (author = committer, the login as email) and a cherry-picked patch
    const history = new GitHistory(dir, dir);
    commit('v1', 'Initial import', DEVELOPER);
    const legacy = commit('v2', '修改 bpmn/fc20.bpmn（流程建模）', { name: '王磊', email: 'wang-lei' });
    const patched = commit('v3', 'Apply a patch', { name: 'someone', email: 'someone' }, DEVELOPER);

    // when
    const versions = await history.versions(FILE);

    // then
    expect(versions.map((v) => [v.version, v.kind, v.username])).toEqual([
      [patched, 'release', null],
      [legacy, 'save', 'wang-lei'],
      [expect.any(String), 'release', null],
    ]);
  });

  it('should count an old save by a login with \'@\' and one someone else rebased, by the subject the modeler wrote', async () => {
    // given saves as `record` made them before the trailer (the editor sent no message then): one by an e-mail
    // login, a draft rebased by a developer (the author kept, the committer theirs), a new form cherry-picked
    const history = new GitHistory(dir, dir);
    commit('v1', 'Initial import', DEVELOPER);
    const email = commit('v2', '修改 bpmn/fc20.bpmn（流程建模）', { name: '张敏', email: 'zhang.min@office.example' });
    const rebased = commit('v3', '草稿（2 个错误）：修改 bpmn/fc20.bpmn（流程建模）', { name: '王磊', email: 'wang-lei' }, DEVELOPER);
    const form = commit('v4', '新建表单 初审（fc20-review）', { name: 'zhao@office.example', email: 'zhao@office.example' }, DEVELOPER);
    // a developer's own commit, worded otherwise, with an address as email
    const release = commit('v5', 'fc20: rename 初审 (流程建模)', DEVELOPER);

    // when
    const versions = await history.versions(FILE);

    // then
    expect(versions.map((v) => [v.version, v.kind, v.username, v.author])).toEqual([
      [release, 'release', null, DEVELOPER.name],
      [form, 'save', 'zhao@office.example', 'zhao@office.example'],
      [rebased, 'save', 'wang-lei', '王磊'],
      [email, 'save', 'zhang.min@office.example', '张敏'],
      [expect.any(String), 'release', null, DEVELOPER.name],
    ]);
  });

  it('should read a commit worded or configured as an old save but authored after the first save with the trailer as a release', async () => {
    // given an old save (rebased later: its author date kept), a save with the trailer, then commits that copy the
    // server's subjects (full-width parentheses included) or `record`'s configuration, authored after it
    const history = new GitHistory(dir, dir);
    commit('v1', 'Initial import', DEVELOPER, DEVELOPER, '2026-01-01T09:00:00+08:00');
    write('v2');
    const { version: saved } = await history.record([FILE], LIU_FANG, '修改初审的名称');
    const copied = commit('v3', '修改 bpmn/fc20.bpmn（流程建模）', { name: 'dev', email: 'dev@corp.example' }, undefined, '2099-01-01T09:00:00+08:00');
    const form = commit('v4', '新建表单 初审（fc20-review）', { name: 'dev', email: 'dev@corp.example' }, undefined, '2099-01-02T09:00:00+08:00');
    const login = commit('v5', 'tidy up', { name: 'dev', email: 'dev' }, undefined, '2099-01-03T09:00:00+08:00');
    const rebased = commit('v6', '草稿（2 个错误）：修改 bpmn/fc20.bpmn（流程建模）', { name: '王磊', email: 'wang-lei' }, DEVELOPER, '2026-01-02T09:00:00+08:00');

    // when
    const versions = await history.versions(FILE);

    // then
    expect(versions.map((v) => [v.version, v.kind, v.username])).toEqual([
      [rebased, 'save', 'wang-lei'],
      [login, 'release', null],
      [form, 'release', null],
      [copied, 'release', null],
      [saved, 'save', 'liu-fang'],
      [expect.any(String), 'release', null],
    ]);
  });

  it('should keep the trailer on a line of its own when the login has spaces or a line break', async () => {
    // given
    const history = new GitHistory(dir, dir);
    commit('v1', 'Initial import', DEVELOPER);
    write('v2');

    // when
    await history.record([FILE], { username: 'odd\nlogin', displayName: '' }, '修改');

    // then
    const [newest] = await history.versions(FILE);
    expect(newest).toMatchObject({ kind: 'save', username: 'odd login', message: '修改' });
  });

  it('should record nothing for a save without changes and say so, so the client keeps the 修改说明', async () => {
    // given a save, then the same text saved again with another message
    const history = new GitHistory(dir, dir);
    commit('v1', 'Initial import', DEVELOPER);
    write('v2');
    const first = await history.record([FILE], LIU_FANG, '修改初审的名称');

    // when
    const again = await history.record([FILE], LIU_FANG, '再改一次');

    // then no commit: the previous version, not recorded, its message not in the history
    expect(first.recorded).toBe(true);
    expect(again).toEqual({ version: first.version, recorded: false });
    expect((await history.versions(FILE)).map((v) => v.message)).not.toContain('再改一次');
  });
});

describe('journal history', () => {
  it('should list every entry as a save and the text before the first save as the original', async () => {
    // given
    const history = new JournalHistory(dir);
    write('as found');
    history.beforeSave(FILE, 'as found');
    write('saved');

    // when
    await history.record([FILE], LIU_FANG, '修改初审的名称');
    const versions = await history.versions(FILE);

    // then
    expect(versions.map((v) => ({ kind: v.kind, author: v.author, username: v.username, message: v.message }))).toEqual([
      { kind: 'save', author: '刘芳', username: 'liu-fang', message: '修改初审的名称' },
      { kind: 'original', author: '保存前的文件', username: null, message: '保存前的文件' },
    ]);
    expect(await history.read(FILE, versions[1]!.version)).toBe('as found');
    expect(await history.read(FILE, versions[0]!.version)).toBe('saved');
  });

  it('should record nothing for a save without changes, as git does', async () => {
    // given one save
    const history = new JournalHistory(dir);
    write('as found');
    history.beforeSave(FILE, 'as found');
    write('saved');
    const first = await history.record([FILE], LIU_FANG, '修改初审的名称');

    // when the same text is saved again
    history.beforeSave(FILE, 'saved');
    write('saved');
    const again = await history.record([FILE], LIU_FANG, '再改一次');

    // then
    expect(first.recorded).toBe(true);
    expect(again).toEqual({ version: first.version, recorded: false });
    expect((await history.versions(FILE)).map((v) => v.message)).toEqual(['修改初审的名称', '保存前的文件']);
  });
});
