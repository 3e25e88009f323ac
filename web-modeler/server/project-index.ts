/**
 * What the lint knows about every file of the project, kept current as files are saved: each file's own
 * findings and facts (lint-bpmn.ts, lint-form.ts), computed once per text, and the cross-file checks over all of
 * them (cross-file-checks.ts) — together exactly what `npm run lint` reports, file by file, without linting the
 * whole project on every save. The first look at the project lints every file (a few seconds); later looks only
 * the files whose text changed (saved here or edited outside). Models, forms and decision tables are linted on a
 * thread of their own (file-lint-thread.ts). Given a cache file, each file's own results outlive the process
 * (lint-cache.ts): the first look after a restart lints only what changed meanwhile.
 */
import { readFileSync } from 'node:fs';
import type { BpmnFacts } from '../../scripts/lint/bpmn-facts.js';
import { crossFileChecks, oneFindingPerField, type FormFacts } from '../../scripts/lint/cross-file-checks.js';
import { countFindings, NO_ELEMENT, type Finding, type Severity } from '../../scripts/lint/finding.js';
import { readReferenceTexts } from '../../scripts/lint/load-project-references.js';
import type { DmnFacts } from '../../scripts/lint/dmn-facts.js';
import { parseProjectReferences, type ReferenceTexts } from '../../scripts/lint/project-references.js';
import { parseProcessMeta, ProcessMetaError } from '../../scripts/catalog/process-meta.js';
import { lintFileOffThread } from './file-lint-thread.js';
import { readLintCache, writeLintCache, type CachedLint } from './lint-cache.js';
import { revisionOf, type ProjectFiles } from './project-files.js';

export interface ProjectLint {
  /** Findings per file (models, decisions, forms, and the reference files), as `npm run lint` reports them. */
  findingsByFile: Map<string, Finding[]>;
  models: BpmnFacts[];
  forms: FormFacts[];
  decisions: DmnFacts[];
  referenceTexts: ReferenceTexts;
}

export interface FileLintStatus {
  counts: Record<Severity, number>;
  /** True when the file has errors: saved as a draft, not deployable. */
  draft: boolean;
}

export class ProjectIndex {
  private readonly own: Map<string, CachedLint>;
  private running: Promise<ProjectLint> | undefined;

  constructor(
    private readonly files: ProjectFiles,
    private readonly cacheFile?: string,
  ) {
    this.own = cacheFile ? readLintCache(cacheFile) : new Map();
  }

  /** Lints what changed since the last look and answers the whole project's findings. One look at a time. */
  lint(): Promise<ProjectLint> {
    const previous = this.running ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => this.compute());
    this.running = next;
    return next;
  }

  /** A file's findings and draft state within the project. */
  async fileStatus(file: string): Promise<{ findings: Finding[]; status: FileLintStatus }> {
    const findings = (await this.lint()).findingsByFile.get(file) ?? [];
    return { findings, status: statusOf(findings) };
  }

  // helpers

  private async compute(): Promise<ProjectLint> {
    const { bpmn, dmn, form } = this.files.list();
    const metas = this.files.listMeta();
    const referenceTexts = readReferenceTexts(this.files.root);
    const references = parseProjectReferences(referenceTexts);
    const current = new Set([...bpmn, ...dmn, ...form, ...metas]);
    let changed = false;
    for (const file of [...this.own.keys()]) {
      if (current.has(file)) continue;
      this.own.delete(file);
      changed = true;
    }

    for (const file of current) {
      const text = readFileSync(this.files.absolute(file), 'utf8');
      const revision = revisionOf(text);
      if (this.own.get(file)?.revision === revision) continue;
      changed = true;
      if (file.endsWith('.bpmn') || file.endsWith('.form') || file.endsWith('.dmn')) {
        this.own.set(file, { revision, ...(await lintFileOffThread(file, text)) });
      } else if (file.startsWith('bpmn/meta/')) {
        this.own.set(file, { revision, findings: metaFindings(file, text) });
      } else {
        this.own.set(file, { revision, findings: [] });
      }
    }
    if (changed && this.cacheFile) this.saveCache(this.cacheFile);

    const entries = [...this.own.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const models = entries.flatMap(([, own]) => (own.model ? [own.model] : []));
    const forms = entries.flatMap(([, own]) => (own.form ? [own.form] : []));
    const decisions = entries.flatMap(([, own]) => (own.decision ? [own.decision] : []));
    const findingsByFile = new Map<string, Finding[]>();
    const add = (finding: Finding) => {
      if (!findingsByFile.has(finding.file)) findingsByFile.set(finding.file, []);
      findingsByFile.get(finding.file)!.push(finding);
    };
    for (const [file, own] of entries) {
      findingsByFile.set(file, []);
      own.findings.forEach(add);
    }
    references.findings.forEach(add);
    crossFileChecks({ models, forms, decisions, references }).forEach(add);
    for (const [file, found] of findingsByFile) findingsByFile.set(file, oneFindingPerField(found));
    return { findingsByFile, models, forms, decisions, referenceTexts };
  }

  /** A cache that cannot be written (a read-only data folder) costs the next start its speed, nothing else. */
  private saveCache(path: string): void {
    try {
      writeLintCache(path, this.own);
    } catch (error) {
      console.warn(`[modeler] lint cache ${path} not written: ${(error as Error).message}`);
    }
  }
}

export function statusOf(findings: readonly Finding[]): FileLintStatus {
  const counts = countFindings(findings);
  return { counts, draft: counts.error > 0 };
}

// helpers

/** A meta file must satisfy the catalogue's schema (scripts/catalog/process-meta.ts). */
function metaFindings(file: string, text: string): Finding[] {
  try {
    parseProcessMeta(file, text);
    return [];
  } catch (error) {
    if (!(error instanceof ProcessMetaError)) throw error;
    return error.problems.map((message) => ({ file, severity: 'error' as const, elementId: NO_ELEMENT, rule: 'process-meta', message }));
  }
}
