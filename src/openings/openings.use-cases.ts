import { requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import { lockOpenings } from '../db/locks';
import { runInUnitOfWork, type UnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { type Language, translator } from '../i18n/i18n';
import { keptSeedKey, seededStageName } from '../i18n/seeded-texts';
import { findRoleById } from '../roles/roles.service';
import { findRubric, findVersionDimensions } from '../rubrics/rubrics.service';
import { NotFoundError, ValidationError } from '../shared/errors';
import { defaultPlan, type StageDraft } from './interview-plan';
import { findOpening, insertOpening, insertStages, listStages, type OpeningInput, openingHasScorecards, saveStages, setRubricVersion, stagesInUse, updateOpening } from './openings.repository';

/**
 * Creates an opening on its role's current rubric version (pinned from now on) with the role's
 * default interview plan, named in the company language.
 */
export async function createOpening(deps: UseCaseDeps, actor: Viewer, input: OpeningInput, companyLanguage: Language): Promise<number> {
  requirePermission(actor, 'openings:manage');
  return runInUnitOfWork(deps, (uow) => createOpeningIn(uow, actor.id, input, companyLanguage));
}

/** `createOpening` in a unit of work the caller holds (fixtures that build a whole company at once). */
export async function createOpeningIn(uow: UnitOfWork, actorId: number, input: OpeningInput, companyLanguage: Language): Promise<number> {
  const role = await findRoleById(uow.trx, input.roleId, companyLanguage);
  const rubric = role?.rubricId ? await findRubric(uow.trx, role.rubricId, companyLanguage) : undefined;
  if (!role || !rubric) throw new ValidationError({ role_id: 'validation.invalid' });
  const dimensions = (await findVersionDimensions(uow.trx, rubric.id, rubric.currentVersion, companyLanguage)) ?? [];
  const openingId = await insertOpening(uow.trx, { ...input, payPlan: input.payPlan || role.payModel, rubricId: rubric.id, rubricVersion: rubric.currentVersion, createdBy: actorId }, uow.now);
  await insertStages(uow.trx, openingId, defaultPlan(role.key, dimensions.map((d) => d.key), input.hiringManagerId, translator(companyLanguage)));
  uow.record({ type: 'OpeningCreated', actorId, subject: { type: 'opening', id: openingId }, openingId });
  return openingId;
}

/** Title, hiring manager, recruiters, headcount, status and pay plan; a blank pay plan keeps the current one. The role never changes. */
export async function editOpening(deps: UseCaseDeps, actor: Viewer, openingId: number, input: Omit<OpeningInput, 'roleId'>): Promise<void> {
  requirePermission(actor, 'openings:manage');
  await runInUnitOfWork(deps, async (uow) => {
    await lockOpenings(uow.trx, [openingId]);
    const opening = await findOpening(uow.trx, openingId, 'en');
    if (!opening) throw new NotFoundError();
    await updateOpening(uow.trx, openingId, { ...input, payPlan: input.payPlan || opening.payPlan }, uow.now);
    uow.record({ type: 'OpeningEdited', actorId: actor.id, subject: { type: 'opening', id: openingId }, openingId });
  });
}

/** Moves an opening to its rubric's current version; refused once anything has been scored. Returns the version. */
export async function moveOpeningToCurrentRubric(deps: UseCaseDeps, actor: Viewer, openingId: number): Promise<number> {
  requirePermission(actor, 'openings:manage');
  return runInUnitOfWork(deps, async (uow) => {
    await lockOpenings(uow.trx, [openingId]);
    const opening = await findOpening(uow.trx, openingId, 'en');
    if (!opening) throw new ValidationError({ _form: 'validation.invalid' });
    if (await openingHasScorecards(uow.trx, openingId)) throw new ValidationError({ _form: 'openings.rubricLocked' });
    await setRubricVersion(uow.trx, openingId, opening.currentRubricVersion, uow.now);
    uow.record({ type: 'OpeningRubricMoved', actorId: actor.id, subject: { type: 'opening', id: openingId }, counts: { version: opening.currentRubricVersion }, openingId, rubricVersion: opening.currentRubricVersion });
    return opening.currentRubricVersion;
  });
}

/**
 * Saves the interview plan: stages kept by id are updated, new ones added, missing ones removed.
 * A stage that interviews refer to cannot be removed (checked again here, with the opening locked).
 */
export async function saveInterviewPlan(deps: UseCaseDeps, actor: Viewer, openingId: number, stages: readonly (StageDraft & { id: number | null })[]): Promise<void> {
  requirePermission(actor, 'openings:manage');
  await runInUnitOfWork(deps, async (uow) => {
    await lockOpenings(uow.trx, [openingId]);
    if (!(await findOpening(uow.trx, openingId, 'en'))) throw new NotFoundError();
    const kept = new Set(stages.flatMap((s) => (s.id === null ? [] : [s.id])));
    const inUse = await stagesInUse(uow.trx, openingId);
    if ([...inUse].some((id) => !kept.has(id))) throw new ValidationError({ _form: 'plan.error.inUse' });
    // A stage saved under its seeded name (in any language) keeps following each reader's language; a renamed one shows as written.
    const seedKeys = new Map((await listStages(uow.trx, openingId, 'en')).map((s) => [s.id, s.seedKey]));
    const named = stages.map((s) => ({ ...s, seedKey: s.id === null ? null : keptSeedKey(seedKeys.get(s.id) ?? null, (key, language) => { const name = seededStageName(key, language); return name === undefined ? undefined : { name }; }, { name: s.name }) }));
    await saveStages(uow.trx, openingId, named);
    uow.record({ type: 'InterviewPlanChanged', actorId: actor.id, subject: { type: 'opening', id: openingId }, counts: { stages: stages.length }, openingId });
  });
}
