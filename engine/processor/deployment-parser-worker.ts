/**
 * The deployment parser's thread (a piscina worker started by deployment-parser.ts): reads and checks one
 * deployment's resources and answers the executable models, or why they were refused.
 */
import { DeploymentRejectedError } from '../errors.js';
import type { ParserReply, ParserRequest } from './deployment-parser.js';
import { parseResources } from './deployment-resources.js';

export default async function parseDeployment({ resources }: ParserRequest): Promise<ParserReply> {
  try {
    const parsed = await parseResources(resources.map((r) => ({ name: r.name, content: Buffer.from(r.content.buffer, r.content.byteOffset, r.content.byteLength) })));
    return { parsed };
  } catch (error) {
    if (error instanceof DeploymentRejectedError) {
      return { rejection: { message: error.message, resourceName: error.resourceName, elementId: error.elementId } };
    }
    return { failure: (error as Error).stack ?? String(error) };
  }
}

/** Answers once this module is loaded: the deployment's time limit starts after it. */
export function ready(): boolean {
  return true;
}
