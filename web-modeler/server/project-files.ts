/**
 * The files the modeler edits, in the project folder (default: this repository): models and decisions under
 * `bpmn/`, forms under `forms/`, each model's catalogue data under `bpmn/meta/`. Paths are project-relative with
 * `/`; anything else (`..`, other folders, other extensions) is refused, so a request can never reach outside.
 * Writes go to a temporary file first and are renamed into place, so a reader never sees half a file.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export type ProjectFileKind = 'bpmn' | 'dmn' | 'form' | 'meta';

const FOLDERS: Record<ProjectFileKind, { folder: string; extension: string }> = {
  bpmn: { folder: 'bpmn', extension: '.bpmn' },
  dmn: { folder: 'bpmn', extension: '.dmn' },
  form: { folder: 'forms', extension: '.form' },
  meta: { folder: 'bpmn/meta', extension: '.json' },
};

/** A file name segment: letters, digits, `-`, `_`, `.`; no leading dot. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export class ProjectPathError extends Error {
  readonly code = 'PROJECT_PATH_INVALID';
}

export class ProjectFiles {
  constructor(readonly root: string) {}

  /** The kind of a project-relative path, or throws ProjectPathError. */
  kindOf(file: string): ProjectFileKind {
    const segments = file.split('/');
    if (segments.length < 2 || !segments.every((segment) => SEGMENT.test(segment))) throw new ProjectPathError(`不是项目中的文件：${file}`);
    if (file.startsWith('bpmn/meta/')) {
      if (segments.length === 3 && file.endsWith('.json')) return 'meta';
    } else if (file.startsWith('bpmn/')) {
      if (file.endsWith('.bpmn')) return 'bpmn';
      if (file.endsWith('.dmn')) return 'dmn';
    } else if (file.startsWith('forms/') && file.endsWith('.form')) {
      return 'form';
    }
    throw new ProjectPathError(`不是项目中的模型、决策或表单：${file}`);
  }

  /** Every model, decision and form, sorted, as project-relative paths. */
  list(): { bpmn: string[]; dmn: string[]; form: string[] } {
    return { bpmn: this.listKind('bpmn'), dmn: this.listKind('dmn'), form: this.listKind('form') };
  }

  /** The catalogue data files (bpmn/meta/*.json). */
  listMeta(): string[] {
    return this.listKind('meta');
  }

  exists(file: string): boolean {
    this.kindOf(file);
    return existsSync(this.absolute(file));
  }

  read(file: string): string {
    this.kindOf(file);
    return readFileSync(this.absolute(file), 'utf8');
  }

  /** The file's text, or undefined when it does not exist. */
  readIfExists(file: string): string | undefined {
    return this.exists(file) ? this.read(file) : undefined;
  }

  write(file: string, text: string): void {
    this.kindOf(file);
    const path = this.absolute(file);
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  }

  absolute(file: string): string {
    return join(this.root, ...file.split('/'));
  }

  // helpers

  private listKind(kind: ProjectFileKind): string[] {
    const { folder, extension } = FOLDERS[kind];
    const dir = join(this.root, folder);
    if (!existsSync(dir)) return [];
    const names = kind === 'meta' ? readdirSync(dir) : readdirSync(dir, { recursive: true, encoding: 'utf8' });
    return names
      .filter((name) => name.endsWith(extension))
      .map((name) => relative(this.root, join(dir, name)).split(sep).join('/'))
      .filter((file) => kind === 'meta' || !file.startsWith('bpmn/meta/'))
      .sort();
  }
}

/** What a client sends back to say which state of the file it edited (optimistic concurrency). */
export function revisionOf(text: string | undefined): string | null {
  return text === undefined ? null : createHash('sha256').update(text).digest('hex').slice(0, 20);
}
