import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../db/database';
import type { MessageKey } from '../i18n/i18n';
import { findRoleById } from '../roles/roles.repository';
import { findRubric, findVersionDimensions } from '../rubrics/rubrics.repository';
import { seesEverything, type Viewer } from '../candidates/access';
import { positiveInt } from '../web/body';
import { NotFoundError, ValidationError } from '../web/errors';
import { defaultPlan } from './interview-plan';
import { findOpening, insertOpening, insertStages, type Opening, type OpeningInput, openingHasScorecards, setRubricVersion } from './openings.repository';

/**
 * Creates an opening on its role's current rubric version (pinned from now on) with the role's
 * default interview plan, named in the company language.
 */
export async function createOpening(db: Kysely<Database>, input: OpeningInput, createdBy: number, companyTranslate: (key: MessageKey) => string, now: Date): Promise<number> {
  return db.transaction().execute((trx) => createOpeningIn(trx, input, createdBy, companyTranslate, now));
}

/** `createOpening` inside a transaction the caller holds (e.g. the demo data). */
export async function createOpeningIn(trx: DbOrTrx, input: OpeningInput, createdBy: number, companyTranslate: (key: MessageKey) => string, now: Date): Promise<number> {
  const role = await findRoleById(trx, input.roleId);
  if (!role || role.rubricId === null) throw new ValidationError({ role_id: 'validation.invalid' });
  const rubric = await findRubric(trx, role.rubricId);
  if (!rubric) throw new ValidationError({ role_id: 'validation.invalid' });
  const dimensions = (await findVersionDimensions(trx, rubric.id, rubric.currentVersion)) ?? [];
  const openingId = await insertOpening(trx, { ...input, payPlan: input.payPlan || role.payModel, rubricId: rubric.id, rubricVersion: rubric.currentVersion, createdBy }, now);
  await insertStages(trx, openingId, defaultPlan(role.key, dimensions.map((d) => d.key), input.hiringManagerId, companyTranslate));
  return openingId;
}

/** Moves an opening to its rubric's current version; refused once anything has been scored. */
export async function moveToCurrentRubric(db: Kysely<Database>, openingId: number, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const opening = await findOpening(trx, openingId);
    if (!opening) throw new ValidationError({ _form: 'validation.invalid' });
    if (await openingHasScorecards(trx, openingId)) throw new ValidationError({ _form: 'openings.rubricLocked' });
    await setRubricVersion(trx, openingId, opening.currentRubricVersion, now);
    return opening.currentRubricVersion;
  });
}

/**
 * The opening a route parameter names, if the viewer may see it (admins and recruiters all, hiring
 * managers their own); otherwise NotFoundError, so its existence is not disclosed.
 */
export async function findVisibleOpening(db: DbOrTrx, viewer: Viewer, idParam: unknown): Promise<Opening> {
  const id = positiveInt(idParam);
  const opening = id === undefined ? undefined : await findOpening(db, id);
  if (!opening || (!seesEverything(viewer) && opening.hiringManagerId !== viewer.id)) throw new NotFoundError();
  return opening;
}
