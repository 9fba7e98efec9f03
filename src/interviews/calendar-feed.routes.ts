import { Router } from 'express';
import { publicAccess, signedIn } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import { translator } from '../i18n/i18n';
import { getCompanySettings, timeZoneOf } from '../settings/settings.service';
import { NotFoundError } from '../shared/errors';
import { absoluteUrl } from '../shared/links';
import { findUserById } from '../users/users.service';
import { addFlash } from '../web/flash';
import { calendarFile, entryOf } from './calendar';
import { findFeedOwner } from './calendar-feed.repository';
import { createCalendarFeed, turnOffCalendarFeed } from './calendar-feed.use-cases';
import { listCalendarOf } from './schedule.repository';

const FEED_FILE = /^([A-Za-z0-9_-]{43})\.ics$/;
/** The feed lists interviews from this long ago on (recent ones stay in the calendar), at most FEED_LIMIT. */
const FEED_PAST_MS = 30 * 86_400_000;
const FEED_LIMIT = 500;

/** A person's secret calendar feed (`/calendar/<token>.ics`), and the account page's buttons to make or switch it off. */
export function createCalendarFeedRouter(deps: UseCaseDeps & { readonly publicUrl: string }): Router {
  const router = Router();
  const link = (path: string) => absoluteUrl(deps.publicUrl, path);

  // Calendar programs fetch it without a session: the token in the path is the credential.
  router.get('/calendar/:file', publicAccess(), async (req, res) => {
    const token = FEED_FILE.exec(String(req.params.file))?.[1];
    const now = deps.clock.now();
    const ownerId = token === undefined ? undefined : await findFeedOwner(deps.db, token, now);
    const owner = ownerId === undefined ? undefined : await findUserById(deps.db, ownerId);
    if (!owner || owner.status !== 'active') throw new NotFoundError();
    const [company, zone, interviews] = await Promise.all([getCompanySettings(deps.db), timeZoneOf(deps.db, owner), listCalendarOf(deps.db, owner.id, new Date(now.getTime() - FEED_PAST_MS), FEED_LIMIT)]);
    const words = translator(owner.language ?? company.language);
    const entries = interviews.map((interview) => entryOf(interview, { t: words, link, stamp: now, cancelled: false }));
    const body = calendarFile(entries, { method: null, zone, name: words('calendar.feedName', { company: company.name || 'Salesbench' }) });
    res.set({ 'Cache-Control': 'private, max-age=300', 'X-Robots-Tag': 'noindex' });
    res.type('text/calendar; charset=utf-8').send(body);
  });

  router.post('/account/calendar', signedIn(), async (req, res) => {
    const { token } = await createCalendarFeed(deps, req.user!);
    addFlash(req, { kind: 'success', message: 'account.calendar.made', value: link(`/calendar/${token}.ics`) });
    res.redirect(303, '/account#calendar');
  });

  router.post('/account/calendar/off', signedIn(), async (req, res) => {
    await turnOffCalendarFeed(deps, req.user!);
    addFlash(req, { kind: 'success', message: 'account.calendar.off' });
    res.redirect(303, '/account#calendar');
  });

  return router;
}
