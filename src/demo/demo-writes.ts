import { findFirstStageId, insertApplication, insertEvent } from '../candidates/applications.repository';
import type { UnitOfWork } from '../events/unit-of-work';

/** Applies a demo candidate to an opening at its first stage, with the history line, as of `uow.now` (openings closed long ago included). */
export async function applyInDemo(uow: UnitOfWork, input: { candidateId: number; openingId: number; actorId: number }): Promise<number> {
  const stageId = await findFirstStageId(uow.trx, input.openingId);
  const applicationId = await insertApplication(uow.trx, { candidateId: input.candidateId, openingId: input.openingId, stageId }, uow.now);
  await insertEvent(uow.trx, { applicationId, actorId: input.actorId, kind: 'applied', stageId, status: 'active', note: '' }, uow.now);
  return applicationId;
}
