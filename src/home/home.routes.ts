import { Router } from 'express';
import { signedIn } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import { viewerTimes } from '../interviews/interviews.service';
import { languageOf, navBadgesOf } from '../web/locals';
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
    // The navigation's "My interviews" count is the scorecards I owe, which home lists too: read once.
    const navBadges = navBadgesOf(res);
    const owedCount = navBadges ? navBadges().then((badges) => badges['/interviews'] ?? 0) : undefined;
    const [home, times, backupFailed] = await Promise.all([
      homeOf(deps.db, viewer, { now, today: todayOf(now), mailConfigured: deps.mailConfigured, language: languageOf(req), owedCount }),
      viewerTimes(deps.db, req, res, now),
      // Admins hear about a failed backup where they look first.
      viewer.role === 'admin' ? failedBackup(deps.db, deps.backup, now) : undefined,
    ]);
    await renderPage(req, res, 'home/index', { title: 'home.title', role: viewer.role, home, times, backupFailed });
  });
  return router;
}
