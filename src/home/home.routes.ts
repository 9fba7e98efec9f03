import { Router } from 'express';
import { signedIn } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import { viewerTimes } from '../interviews/interviews.service';
import { languageOf } from '../web/locals';
import { renderPage } from '../web/render';
import { todayOf } from '../onboarding/plan';
import { homeOf } from './home.service';
import { failedBackup } from '../backup/backups.service';
import type { BackupConfig } from '../config';


/** Home: what needs me. New hires land on their onboarding checklist. */
export function createHomeRouter(deps: UseCaseDeps & { readonly mailConfigured: boolean; readonly backup: BackupConfig }): Router {
  const router = Router();
  router.get('/', signedIn(), async (req, res) => {
    const viewer = req.user!;
    if (viewer.role === 'new_hire') return res.redirect(303, '/onboarding');
    const now = deps.clock.now();
    const [home, times, backupFailed] = await Promise.all([
      homeOf(deps.db, viewer, { now, today: todayOf(now), mailConfigured: deps.mailConfigured, language: languageOf(req) }),
      viewerTimes(deps.db, req, res, now),
      // Admins hear about a failed backup where they look first.
      viewer.role === 'admin' ? failedBackup(deps.db, deps.backup, now) : undefined,
    ]);
    // The navigation's "My interviews" count is the scorecards I owe, which this page has just counted.
    if (home.interviews) {
      const owed = home.interviews.counts.toScore;
      res.locals.navBadges = () => Promise.resolve({ '/interviews': owed });
    }
    await renderPage(req, res, 'home/index', { title: 'home.title', role: viewer.role, home, times, backupFailed });
  });
  return router;
}
