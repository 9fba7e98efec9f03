import { Router } from 'express';
import { signedIn } from '../auth/guard';
import { renderPage } from '../web/render';

export function createHomeRouter(): Router {
  const router = Router();
  router.get('/', signedIn(), async (req, res) => {
    await renderPage(req, res, 'home/index', { title: 'home.title', role: req.user!.role });
  });
  return router;
}
