import type { Request, Response } from 'express';
import type { DbOrTrx as Db } from '../db/database';
import type { Language } from '../i18n/i18n';
import { timeZoneOf } from '../settings/settings.service';
import { formatDateTime } from '../shared/dates';
import { offsetAt } from '../shared/zoned-time';
import { isWebLink } from './schedule';

/** How a page shows times: in the viewer's zone, with its name or offset ("Thu, Dec 3, 2026, 02:00 PM GMT+1"). */
export interface ViewerTimes {
  readonly zone: string;
  /** A moment as the viewer reads it ('' for none). */
  readonly when: (moment: string | Date | null) => string;
  /** The zone's offset now ("+01:00"), for labels. */
  readonly offset: string;
  /** Whether a location is a link to open. */
  readonly isLink: (location: string) => boolean;
}

/** The viewer's zone (their own, else the company's) and the helpers views use to show times in it. */
export async function viewerTimes(db: Db, req: Request, res: Response, now: Date): Promise<ViewerTimes> {
  const zone = await timeZoneOf(db, req.user!);
  const language = res.locals.lang as Language;
  return { zone, when: (moment) => (moment === null || moment === '' ? '' : formatDateTime(moment, language, zone)), offset: offsetAt(now, zone), isLink: isWebLink };
}
