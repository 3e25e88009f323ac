/** Reads a Camunda form (form-js JSON); its `id` is the formId user tasks link to. */
import { ModelRejection } from './errors.js';

export interface ParsedForm {
  readonly formId: string;
  readonly schema: string;
  readonly versionTag: string | undefined;
}

export function parseForm(content: string): ParsedForm {
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new ModelRejection(`the form is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ModelRejection('the form must be a JSON object');
  const { id, components, versionTag } = json as Record<string, unknown>;
  if (typeof id !== 'string' || id.trim() === '') throw new ModelRejection('the form needs a non-empty "id" (its formId)');
  if (!Array.isArray(components)) throw new ModelRejection('the form needs a "components" array');
  return { formId: id, schema: content, versionTag: typeof versionTag === 'string' ? versionTag : undefined };
}
