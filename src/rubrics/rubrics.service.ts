import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { NotFoundError } from '../web/errors';
import { type Dimension, diffDimensions } from './rubric';
import { findRubric, findVersionDimensions, insertVersion } from './rubrics.repository';

export type SaveOutcome = { kind: 'saved'; version: number } | { kind: 'unchanged' } | { kind: 'conflict'; currentVersion: number };

/**
 * Saves an edit as a new version. Versions are never changed in place, so a scorecard keeps the
 * version it was scored on. `baseVersion` is the version the editor started from: if someone saved
 * in between, nothing is written and the caller shows the conflict.
 */
export async function saveRubricVersion(
  db: Kysely<Database>,
  input: { rubricId: number; baseVersion: number; dimensions: readonly Dimension[]; note: string | null; userId: number },
  now: Date,
): Promise<SaveOutcome> {
  return db.transaction().execute(async (trx) => {
    const rubric = await findRubric(trx, input.rubricId);
    if (!rubric) throw new NotFoundError();
    if (rubric.currentVersion !== input.baseVersion) return { kind: 'conflict', currentVersion: rubric.currentVersion };
    const current = (await findVersionDimensions(trx, rubric.id, rubric.currentVersion)) ?? [];
    if (diffDimensions(current, input.dimensions).length === 0) return { kind: 'unchanged' };
    const version = rubric.currentVersion + 1;
    await insertVersion(trx, rubric.id, version, input.dimensions, { note: input.note, createdBy: input.userId }, now);
    return { kind: 'saved', version };
  });
}
