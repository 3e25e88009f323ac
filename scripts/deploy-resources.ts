/**
 * Deploys every .bpmn, .dmn and .form under the given folders in one deployment, through the REST API with
 * @camunda8/sdk, so it works against the embedded engine and a real Camunda 8 cluster alike.
 *
 * Files are read as UTF-8 text: the SDK's deployResourcesFromFiles reads them as 'binary' strings, which
 * garbles Chinese names and labels on the wire.
 */
import type { Camunda8 } from '@camunda8/sdk';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export function findResources(folders: readonly string[]): string[] {
  return folders
    .filter((folder) => existsSync(folder))
    .flatMap((folder) => readdirSync(folder, { recursive: true, encoding: 'utf8' }).map((name) => join(folder, name)))
    .filter((path) => path.endsWith('.bpmn') || path.endsWith('.dmn') || path.endsWith('.form'))
    .sort();
}

export async function deployResources(camunda: Camunda8, files: readonly string[]) {
  if (files.length === 0) return undefined;
  const client = camunda.getCamundaRestClient();
  return client.deployResources(files.map((file) => ({ name: basename(file), content: readFileSync(file, 'utf8') })));
}
