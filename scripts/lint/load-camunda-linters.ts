/**
 * @camunda/linting, @camunda/form-linting and @bpmn-io/feel-lint, loaded from one esbuild bundle.
 *
 * The first two are published as ESM sources without `"type": "module"` and with extension-less imports, so
 * plain Node (and tsx) cannot import them (shared/reference/bpmn-tooling.md §2a, §10.2). They are bundled for
 * Node on the fly into `node_modules/.cache/lint-models/` (never committed); the file name carries a hash of the
 * entry source, package-lock.json and the esbuild version, so a dependency change rebuilds it. Builds write a
 * temporary file and rename it, so parallel test workers cannot see half a bundle.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, version as esbuildVersion } from 'esbuild';
import type { ModdleElement } from './moddle-element.js';

/** A report of @camunda/linting (bpmnlint report plus the rule name and a Modeler-style message). */
export interface CamundaLintReport {
  id?: string;
  name?: string;
  category: string;
  message: string;
  rule: string;
}

/** A report of @camunda/form-linting. It names no rule. */
export interface FormLintReport {
  id?: string;
  label?: string;
  message: string;
  category: string;
}

/** A problem reported by @bpmn-io/feel-lint's `lintExpression`; `from`/`to` are offsets in the expression. */
export interface FeelLintProblem {
  from: number;
  to: number;
  severity: string;
  type: string;
  message: string;
}

export interface BpmnImportWarning {
  message: string;
  element?: { id?: string };
}

export interface CamundaLinters {
  /** Parses BPMN XML with the linter's own moddle (bpmn + zeebe + modeler extensions). Throws on broken XML. */
  parseBpmn(xml: string): Promise<{ rootElement: ModdleElement; warnings: BpmnImportWarning[] }>;
  /** Lints a parsed `bpmn:Definitions` for the platform and version its `modeler:` attributes name. */
  lintBpmn(definitions: ModdleElement): Promise<CamundaLintReport[]>;
  /** Lints a form schema for the platform and version it names (synchronous). */
  lintForm(schema: object): FormLintReport[];
  /** Lints one FEEL expression (without the leading `=`). */
  lintFeel(expression: string): FeelLintProblem[];
}

let loading: Promise<CamundaLinters> | undefined;

/** Builds the bundle if needed and loads it once per process. */
export function loadCamundaLinters(): Promise<CamundaLinters> {
  loading ??= load();
  return loading;
}

// helpers

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'lint-models');
const BUNDLE_PREFIX = 'camunda-linters-';

/** The bundle's entry module. */
const ENTRY = `
export { Linter } from '@camunda/linting';
export { FormLinter } from '@camunda/form-linting';
export { lintExpression } from '@bpmn-io/feel-lint';
`;

/** What the bundle exports, as far as we use it. */
interface BundleExports {
  Linter: new (options: { modeler: 'desktop' | 'web'; type: 'cloud' | 'platform' }) => BundledBpmnLinter;
  FormLinter: new () => { lint(schema: object): FormLintReport[] };
  lintExpression(expression: string): FeelLintProblem[];
}

interface BundledBpmnLinter {
  lint(definitions: ModdleElement): Promise<CamundaLintReport[]>;
  /**
   * The linter's BpmnModdle (private in @camunda/linting 3.57.0, pinned exactly). Parsing with it gives the tree
   * the linter expects, without a second moddle setup here (bpmn-moddle stays in engine/model/, its only importer).
   */
  _moddle?: { fromXML(xml: string): Promise<{ rootElement: ModdleElement; warnings: BpmnImportWarning[] }> };
}

async function load(): Promise<CamundaLinters> {
  const bundle = await ensureBundle();
  const exports = (await import(pathToFileURL(bundle).href)) as BundleExports;
  const bpmnLinter = new exports.Linter({ modeler: 'desktop', type: 'cloud' });
  const moddle = bpmnLinter._moddle;
  if (!moddle) throw new Error('@camunda/linting: Linter has no _moddle (API changed?); cannot parse BPMN for the lint');
  const formLinter = new exports.FormLinter();
  return {
    parseBpmn: (xml) => moddle.fromXML(xml),
    lintBpmn: (definitions) => bpmnLinter.lint(definitions),
    lintForm: (schema) => formLinter.lint(schema),
    lintFeel: (expression) => exports.lintExpression(expression),
  };
}

async function ensureBundle(): Promise<string> {
  const lock = existsSync(join(REPO_ROOT, 'package-lock.json')) ? readFileSync(join(REPO_ROOT, 'package-lock.json')) : '';
  const key = createHash('sha256').update(ENTRY).update(lock).update(esbuildVersion).digest('hex').slice(0, 16);
  const bundle = join(CACHE_DIR, `${BUNDLE_PREFIX}${key}.mjs`);
  if (existsSync(bundle)) return bundle;

  mkdirSync(CACHE_DIR, { recursive: true });
  const temporary = join(CACHE_DIR, `.${BUNDLE_PREFIX}${key}.${process.pid}.${Date.now()}.mjs`);
  await build({
    stdin: { contents: ENTRY, resolveDir: REPO_ROOT, loader: 'js', sourcefile: 'camunda-linters-entry.js' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: temporary,
    logLevel: 'error',
  });
  renameSync(temporary, bundle);
  removeStaleBundles(bundle);
  return bundle;
}

/** Best effort: bundles of older package-lock.json states. */
function removeStaleBundles(current: string): void {
  for (const name of readdirSync(CACHE_DIR)) {
    const path = join(CACHE_DIR, name);
    if (path !== current && name.startsWith(BUNDLE_PREFIX) && name.endsWith('.mjs')) rmSync(path, { force: true });
  }
}
