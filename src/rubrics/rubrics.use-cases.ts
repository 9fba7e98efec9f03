import { requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import type { Language } from '../i18n/i18n';
import { keptSeedKey, seededDimension } from '../i18n/seeded-texts';
import { NotFoundError } from '../shared/errors';
import { type Dimension, diffDimensions } from './rubric';
import { findRubric, findVersionDimensions, insertVersion } from './rubrics.repository';

export type SaveOutcome = { kind: 'saved'; version: number } | { kind: 'unchanged' } | { kind: 'conflict'; currentVersion: number };

/**
 * Saves an edit as a new version. Versions are never changed in place, so a scorecard keeps the
 * version it was scored on. `baseVersion` is the version the editor started from: if someone saved
 * in between, nothing is written and the caller shows the conflict.
 */
export async function saveRubricVersion(deps: UseCaseDeps, actor: Viewer, input: { rubricId: number; baseVersion: number; dimensions: readonly Dimension[]; note: string | null; language: Language }): Promise<SaveOutcome> {
  requirePermission(actor, 'rubrics:edit');
  return runInUnitOfWork(deps, async (uow) => {
    const rubric = await findRubric(uow.trx, input.rubricId, input.language);
    if (!rubric) throw new NotFoundError();
    if (rubric.currentVersion !== input.baseVersion) return { kind: 'conflict', currentVersion: rubric.currentVersion };
    // Compared in the editor's language: the words they were shown, sent back untouched, are no change.
    const current = (await findVersionDimensions(uow.trx, rubric.id, rubric.currentVersion, input.language)) ?? [];
    if (diffDimensions(current, input.dimensions).length === 0) return { kind: 'unchanged' };
    const version = rubric.currentVersion + 1;
    const seedKeys = new Map(current.map((d) => [d.key, d.seedKey]));
    // A dimension whose words were left as seeded keeps following each reader's language; an edited one shows as written.
    const dimensions = input.dimensions.map((d) => ({ ...d, seedKey: keptSeedKey(seedKeys.get(d.key) ?? null, seededDimension, { name: d.name, description: d.description, anchors: d.anchors, questions: d.questions }) }));
    await insertVersion(uow.trx, rubric.id, version, dimensions, { note: input.note, createdBy: actor.id }, uow.now);
    uow.record({ type: 'RubricVersionSaved', actorId: actor.id, subject: { type: 'rubric', id: rubric.id }, counts: { version, dimensions: input.dimensions.length }, rubricId: rubric.id, version });
    return { kind: 'saved', version };
  });
}
