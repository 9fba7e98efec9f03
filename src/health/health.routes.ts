import { Router } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { pingDatabase } from '../db/open-database';
import { publicAccess } from '../auth/guard';

export function createHealthRouter(db: Kysely<Database>): Router {
  const router = Router();
  router.get('/healthz', publicAccess(), async (_req, res) => {
    const up = await pingDatabase(db);
    res.set('Cache-Control', 'no-store');
    res.status(up ? 200 : 503).json({ status: up ? 'ok' : 'unavailable', db: up ? 'ok' : 'down' });
  });
  return router;
}
