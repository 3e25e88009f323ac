/**
 * The deployment parser's thread (started by deployment-parser.ts): reads and checks one deployment's resources
 * at a time and posts back the executable models, or why they were refused.
 */
import { parentPort } from 'node:worker_threads';
import { DeploymentRejectedError } from '../errors.js';
import type { ParserReply, ParserRequest } from './deployment-parser.js';
import { parseResources } from './deployment-resources.js';

const port = parentPort;
if (!port) throw new Error('deployment-parser-worker.ts runs only as a worker thread (deployment-parser.ts)');

port.on('message', (request: ParserRequest) => {
  void answer(request).then((reply) => port.postMessage(reply));
});
// loaded: a deployment's time limit starts now, not while the thread was starting
port.postMessage('ready');

async function answer({ id, resources }: ParserRequest): Promise<ParserReply> {
  try {
    const parsed = await parseResources(resources.map((r) => ({ name: r.name, content: Buffer.from(r.content.buffer, r.content.byteOffset, r.content.byteLength) })));
    return { id, parsed };
  } catch (error) {
    if (error instanceof DeploymentRejectedError) {
      return { id, rejection: { message: error.message, resourceName: error.resourceName, elementId: error.elementId } };
    }
    return { id, failure: (error as Error).stack ?? String(error) };
  }
}
