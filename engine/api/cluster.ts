/** Topology, status, license and the clock: what a client checks before it starts working. */
import { Router } from 'express';
import { z } from 'zod';
import type { Engine } from '../engine.js';

export const ENGINE_VERSION = '8.8.0';

export function clusterRouter(engine: Engine, address: () => { host: string; port: number }): Router {
  const router = Router();
  router.get('/topology', (_req, res) => {
    const { host, port } = address();
    res.json({
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
    res.json({ validLicense: true, licenseType: 'embedded (open source, not Camunda)', isCommercial: false });
  });
  router.put('/clock', (req, res) => {
    const { timestamp } = z.object({ timestamp: z.number().int() }).parse(req.body);
    engine.pinClock(timestamp);
    res.status(204).end();
  });
  router.post('/clock/reset', (_req, res) => {
    engine.resetClock();
    res.status(204).end();
  });
  return router;
}
