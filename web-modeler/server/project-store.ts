/**
 * Saving in the modeler: one save at a time per project, each
 *
 * 1. refused (409) when the file changed since the analyst opened it (someone else saved, or an edit outside);
 *    a file that differs from the saved one only in how its editor writes it down is not written: the saved text
 *    stays, no new version, 「文件没有修改」 — a model's diagram entries in another order (bpmn-js writes them as its
 *    canvas holds them) or its XML comments gone (diagram-representation.ts), a decision as dmn-js formats it
 *    (decision-representation.ts), a form with
 *    form-js's key order, exporter and defaults (form-representation.ts);
 * 2. written, then linted with the project (project-index.ts): a file with errors is saved as a **draft**, which
 *    cannot be deployed until fixed;
 * 3. after a model, its catalogue data or a decision table (the time limits are rows of statutory-time-limit),
 *    `bpmn/catalog.json` regenerated (as `npm run catalog` would) when the models, their catalogue data and the
 *    tables allow it; the reason is reported when they do not;
 * 4. recorded in the history (a git commit with the analyst as author, or the journal) with the files it wrote.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProcessCatalog, formatCatalog, ProcessCatalogError } from '../../scripts/catalog/process-catalog.js';
import type { Finding } from '../../scripts/lint/finding.js';
import { differsOnlyInDecisionRepresentation } from './decision-representation.js';
import { differsOnlyInDiagramRepresentation } from './diagram-representation.js';
import type { FileHistory, HistoryAuthor } from './file-history.js';
import { differsOnlyInFormRepresentation } from './form-representation.js';
import { ProjectIndex, type FileLintStatus } from './project-index.js';
import { revisionOf, type ProjectFileKind, type ProjectFiles } from './project-files.js';

export const CATALOG_FILE = 'bpmn/catalog.json';

export interface SaveRequest {
  file: string;
  text: string;
  /** The revision the analyst edited (`null`: a new file that must not exist yet). */
  baseRevision: string | null;
  author: HistoryAuthor;
  /** What changed, in the analyst's words (optional). */
  message?: string;
  /** More files written in the same save (a new model's catalogue data). */
  companions?: { file: string; text: string }[];
}

export interface SaveResult {
  file: string;
  revision: string;
  version: string;
  /** False when the save changed no file: no new version, the 修改说明 was not recorded. */
  recorded: boolean;
  findings: Finding[];
  status: FileLintStatus;
  catalog: { updated: boolean; problems: string[] };
}

export class RevisionConflictError extends Error {
  readonly code = 'REVISION_CONFLICT';
  constructor(
    readonly file: string,
    readonly currentRevision: string | null,
  ) {
    super(
      currentRevision === null
        ? `${file} 已不存在（可能已被删除），请重新打开`
        : `${file} 在您打开之后已被修改（他人保存或在其他地方编辑），请重新打开后再修改，以免覆盖他人的修改`,
    );
  }
}

export class ProjectStore {
  readonly index: ProjectIndex;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly files: ProjectFiles,
    readonly history: FileHistory,
    lintCacheFile?: string,
  ) {
    this.index = new ProjectIndex(files, lintCacheFile);
  }

  save(request: SaveRequest): Promise<SaveResult> {
    const run = () => this.saveNow(request);
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  // helpers

  private async saveNow({ file, text: sent, baseRevision, author, message, companions = [] }: SaveRequest): Promise<SaveResult> {
    const kind = this.files.kindOf(file);
    for (const companion of companions) this.files.kindOf(companion.file);
    const current = this.files.readIfExists(file);
    if (revisionOf(current) !== baseRevision) throw new RevisionConflictError(file, revisionOf(current));
    // reopened and saved unchanged, the editor may still write the file otherwise than it was saved: not a version
    const text = current !== undefined && (await differsOnlyInRepresentation(kind, current, sent)) ? current : sent;

    const written = [file];
    this.history.beforeSave(file, current);
    this.files.write(file, text);
    for (const companion of companions) {
      this.history.beforeSave(companion.file, this.files.readIfExists(companion.file));
      this.files.write(companion.file, companion.text);
      written.push(companion.file);
    }
    const { findings, status } = await this.index.fileStatus(file);

    const catalog = { updated: false, problems: [] as string[] };
    // a decision table too: the catalogue's time limits are rows of statutory-time-limit
    if (kind === 'bpmn' || kind === 'dmn' || kind === 'meta' || companions.some((companion) => companion.file.startsWith('bpmn/meta/'))) {
      try {
        const formatted = formatCatalog(await buildProcessCatalog(this.files.root));
        const path = join(this.files.root, ...CATALOG_FILE.split('/'));
        if (readIfPresent(path) !== formatted) {
          this.history.beforeSave(CATALOG_FILE, readIfPresent(path));
          writeCatalog(path, formatted);
          written.push(CATALOG_FILE);
          catalog.updated = true;
        }
      } catch (error) {
        if (!(error instanceof ProcessCatalogError)) throw error;
        catalog.problems = error.problems;
      }
    }

    const summary = message?.trim() || defaultMessage(file, current === undefined);
    const prefix = status.draft ? `草稿（${status.counts.error} 个错误）：` : '';
    const { version, recorded } = await this.history.record(written, author, `${prefix}${summary}`);
    return { file, revision: revisionOf(text)!, version, recorded, findings, status, catalog };
  }
}

// helpers

/** Whether `sent` is `saved` as its editor (bpmn-js, dmn-js, form-js) writes it down, with nothing else changed. */
async function differsOnlyInRepresentation(kind: ProjectFileKind, saved: string, sent: string): Promise<boolean> {
  if (kind === 'bpmn') return differsOnlyInDiagramRepresentation(saved, sent);
  if (kind === 'dmn') return differsOnlyInDecisionRepresentation(saved, sent);
  if (kind === 'form') return differsOnlyInFormRepresentation(saved, sent);
  return false;
}

function defaultMessage(file: string, created: boolean): string {
  return `${created ? '新建' : '修改'} ${file}（流程建模）`;
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The catalogue is not a file the analyst edits (ProjectFiles refuses it), so it is written here, atomically. */
function writeCatalog(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
