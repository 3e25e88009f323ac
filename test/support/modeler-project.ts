/**
 * A temporary copy of the project for the modeler's tests: bpmn/ (models, catalogue data, element templates),
 * forms/, workers/catalog.json and config/roles.json, as a fresh git repository with one commit (or a plain
 * folder). That commit stands for the software's release (a developer's commit, an email address as author), not
 * for an analyst's save. Tests save into the copy, never into this repository.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface ModelerProject {
  dir: string;
  /** `git …` in the copy (git projects only). */
  git(...args: string[]): string;
  remove(): void;
}

export function copyModelerProject(options: { git: boolean } = { git: true }): ModelerProject {
  const dir = mkdtempSync(join(tmpdir(), 'modeler-project-'));
  cpSync(join(REPO, 'bpmn'), join(dir, 'bpmn'), { recursive: true });
  cpSync(join(REPO, 'forms'), join(dir, 'forms'), { recursive: true });
  mkdirSync(join(dir, 'workers'));
  mkdirSync(join(dir, 'config'));
  cpSync(join(REPO, 'workers/catalog.json'), join(dir, 'workers/catalog.json'));
  cpSync(join(REPO, 'config/roles.json'), join(dir, 'config/roles.json'));
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: '初始导入', GIT_AUTHOR_EMAIL: 'setup@example.invalid', GIT_COMMITTER_NAME: '初始导入', GIT_COMMITTER_EMAIL: 'setup@example.invalid' },
    });
  if (options.git) {
    git('init', '--quiet', '--initial-branch=main');
    git('add', '.');
    git('commit', '--quiet', '-m', 'Import the project: BPMN models, forms, worker catalog and roles (test copy)');
  }
  return { dir, git, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
