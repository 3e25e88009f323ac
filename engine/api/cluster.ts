/** Topology, status, license and the clock: what a client checks before it starts working. */
import { Router } from 'express';
import { z } from 'zod';
import { PINNABLE, PINNABLE_RANGE, type Engine } from '../engine.js';
import { answerJson } from './json-answer.js';

export const ENGINE_VERSION = '8.8.0';

// the range the engine clock can be pinned to (engine/clock.ts), checked here to answer 400 with the problem detail
const clockBody = z.object({
  timestamp: z.number().int().min(PINNABLE.earliest, `must be ${PINNABLE_RANGE}`).max(PINNABLE.latest, `must be ${PINNABLE_RANGE}`),
});

export function clusterRouter(engine: Engine, address: () => { host: string; port: number }): Router {
  const router = Router();
  router.get('/topology', (_req, res) => {
    const { host, port } = address();
    answerJson(res, {
      brokers: [{ nodeId: 0, host, port, partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }], version: ENGINE_VERSION }],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: ENGINE_VERSION,
      lastCompletedChangeId: '-1',
    });
  });
  router.get('/status', (_req, res) => {
    res.status(204).end();
  });
  router.get('/license', (_req, res) => {
    answerJson(res, { validLicense: true, licenseType: 'embedded (open source, not Camunda)', isCommercial: false });
  });
  // both answer once every timer due at the new time has fired and its work is committed
  router.put('/clock', async (req, res) => {
    const { timestamp } = clockBody.parse(req.body);
    await engine.pinClock(timestamp);
    res.status(204).end();
  });
  router.post('/clock/reset', async (_req, res) => {
    await engine.resetClock();
    res.status(204).end();
  });
  return router;
}
