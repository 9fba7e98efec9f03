import type { DbOrTrx } from '../db/database';
import { insertEvent } from './applications.repository';
import type { InterviewEventKind } from './candidate';

/** What other features read of candidates and their applications. */
export { findCandidate, insertCandidate, isCandidateEmailTaken, listCandidatesBefore, updateCandidate, type Candidate } from './candidates.repository';
export { applicationExists, findApplication, listApplicationsOf, listPipeline, type ApplicationSummary, type PipelineEntry } from './applications.repository';
export { type BulkRefusal, BulkRefusedError, bulkMoveApplications, bulkRejectApplications } from './applications.use-cases';
export { daysInStage, formatScore, suggestedStageId } from './board';

/** A line in an application's history about one of its interviews (scheduled, rescheduled, cancelled). */
export async function recordInterviewInHistory(db: DbOrTrx, entry: { applicationId: number; actorId: number; kind: InterviewEventKind; stageId: number; note: string }, now: Date): Promise<void> {
  await insertEvent(db, { ...entry, status: null }, now);
}
