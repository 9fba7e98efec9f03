import { Router } from 'express';
import { signedIn } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import { viewerTimes } from '../interviews/interviews.service';
import { renderPage } from '../web/render';
import { todayOf } from '../onboarding/plan';
import { homeOf } from './home.service';


/** Home: what needs me. New hires land on their onboarding checklist. */
export function createHomeRouter(deps: UseCaseDeps & { readonly mailConfigured: boolean }): Router {
  const router = Router();
  router.get('/', signedIn(), async (req, res) => {
    const viewer = req.user!;
    if (viewer.role === 'new_hire') return res.redirect(303, '/onboarding');
    const now = deps.clock.now();
    const [home, times] = await Promise.all([homeOf(deps.db, viewer, { now, today: todayOf(now), mailConfigured: deps.mailConfigured }), viewerTimes(deps.db, req, res, now)]);
    await renderPage(req, res, 'home/index', { title: 'home.title', role: viewer.role, home, times });
  });
  return router;
}
