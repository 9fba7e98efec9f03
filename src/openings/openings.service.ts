import type { DbOrTrx } from '../db/database';
import type { Language } from '../i18n/i18n';
import { seesEverything, type Viewer } from '../auth/scopes';
import { positiveInt } from '../shared/ids';
import { NotFoundError } from '../shared/errors';
import { findOpening, type Opening } from './openings.repository';

/** What other features read of openings and their interview plans. */
export { findOpening, findOpeningIdOfStage, findRecruiterIds, listOpeningChoices, listOpenings, listStaff, listStages, listStagesOf, type Opening, type Stage } from './openings.repository';

/**
 * The opening a route parameter names, if the viewer may see it (admins and recruiters all, hiring
 * managers their own); otherwise NotFoundError, so its existence is not disclosed.
 */
export async function findVisibleOpening(db: DbOrTrx, viewer: Viewer, idParam: unknown, language: Language): Promise<Opening> {
  const id = positiveInt(idParam);
  const opening = id === undefined ? undefined : await findOpening(db, id, language);
  if (!opening || (!seesEverything(viewer) && opening.hiringManagerId !== viewer.id)) throw new NotFoundError();
  return opening;
}
