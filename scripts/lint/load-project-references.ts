/** Reads the reference files of project-references.ts from a project root. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  JOB_CATALOG_FILE,
  MESSAGE_PUBLISHERS_FILE,
  parseProjectReferences,
  ROLES_FILE,
  type ProjectReferences,
  type ReferenceTexts,
} from './project-references.js';

export type { ProjectReferences } from './project-references.js';

export function loadProjectReferences(root: string): ProjectReferences {
  return parseProjectReferences(readReferenceTexts(root));
}

export function readReferenceTexts(root: string): ReferenceTexts {
  const read = (file: string) => (existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : undefined);
  return { jobCatalog: read(JOB_CATALOG_FILE), roles: read(ROLES_FILE), messagePublishers: read(MESSAGE_PUBLISHERS_FILE) };
}
