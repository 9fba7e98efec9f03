import type { DbOrTrx as Db } from '../db/database';
import type { CandidateRecord, ErasureCounts } from './privacy';

/**
 * Everything stored about one candidate, as stored (snake_case rows), plus the titles of the
 * openings and stages the rows point at so the export reads on its own. A handful of queries,
 * each keyed by the candidate's applications.
 */
export async function collectCandidateRecord(db: Db, candidateId: number): Promise<CandidateRecord | undefined> {
  const candidate = await db.selectFrom('candidates').selectAll().where('id', '=', candidateId).executeTakeFirst();
  if (!candidate) return undefined;
  const applications = await db.selectFrom('applications').selectAll().where('candidate_id', '=', candidateId).orderBy('id').execute();
  const applicationIds = applications.map((a) => a.id);
  const ofApplications = applicationIds.length > 0;
  const [events, interviews, scorecards, decisions, reopenedDecisions] = ofApplications
    ? await Promise.all([
        db.selectFrom('application_events').selectAll().where('application_id', 'in', applicationIds).orderBy('id').execute(),
        db.selectFrom('interviews').selectAll().where('application_id', 'in', applicationIds).orderBy('id').execute(),
        db.selectFrom('scorecards').selectAll().where('application_id', 'in', applicationIds).orderBy('id').execute(),
        db.selectFrom('decisions').selectAll().where('application_id', 'in', applicationIds).orderBy('id').execute(),
        db.selectFrom('reopened_decisions').selectAll().where('application_id', 'in', applicationIds).orderBy('id').execute(),
      ])
    : [[], [], [], [], []];
  const interviewIds = interviews.map((i) => i.id);
  const scorecardIds = scorecards.map((s) => s.id);
  const [interviewers, ratings, history] = await Promise.all([
    interviewIds.length > 0 ? db.selectFrom('interview_interviewers').selectAll().where('interview_id', 'in', interviewIds).orderBy('interview_id').orderBy('user_id').execute() : [],
    scorecardIds.length > 0 ? db.selectFrom('scorecard_ratings').selectAll().where('scorecard_id', 'in', scorecardIds).orderBy('scorecard_id').orderBy('dimension_key').execute() : [],
    scorecardIds.length > 0 ? db.selectFrom('scorecard_history').selectAll().where('scorecard_id', 'in', scorecardIds).orderBy('id').execute() : [],
  ]);
  const careersApplications = await db.selectFrom('careers_applications').selectAll().where('candidate_id', '=', candidateId).orderBy('id').execute();
  const fileIds = [...new Set([candidate.resume_file_id, ...careersApplications.map((c) => c.resume_file_id)].filter((id): id is number => id !== null))];
  const files = fileIds.length > 0 ? await db.selectFrom('stored_files').selectAll().where('id', 'in', fileIds).orderBy('id').execute() : [];
  const openingIds = [...new Set(applications.map((a) => a.opening_id))];
  const openings = openingIds.length > 0 ? await db.selectFrom('openings').select(['id', 'title']).where('id', 'in', openingIds).orderBy('id').execute() : [];
  const stages = openingIds.length > 0 ? await db.selectFrom('interview_stages').select(['id', 'opening_id', 'name']).where('opening_id', 'in', openingIds).orderBy('id').execute() : [];
  return { candidate, applications, events, interviews, interviewers, scorecards, ratings, history, decisions, reopenedDecisions, files, openings, stages, careersApplications };
}

/**
 * Deletes every row about the candidate, children first (so nothing hangs on a cascade that a
 * dialect might not apply), and returns how many rows of each kind went and the storage keys of
 * the files whose rows were deleted. Run inside a transaction; remove the files after it commits.
 */
export async function deleteCandidateRows(trx: Db, candidateId: number): Promise<{ counts: ErasureCounts; storageKeys: string[] } | undefined> {
  const candidate = await trx.selectFrom('candidates').select(['id', 'resume_file_id']).where('id', '=', candidateId).executeTakeFirst();
  if (!candidate) return undefined;
  const applicationIds = (await trx.selectFrom('applications').select('id').where('candidate_id', '=', candidateId).execute()).map((r) => r.id);
  const none = applicationIds.length === 0;
  const interviewIds = none ? [] : (await trx.selectFrom('interviews').select('id').where('application_id', 'in', applicationIds).execute()).map((r) => r.id);
  const scorecardIds = none ? [] : (await trx.selectFrom('scorecards').select('id').where('application_id', 'in', applicationIds).execute()).map((r) => r.id);

  const careersFileIds = (await trx.selectFrom('careers_applications').select('resume_file_id').where('candidate_id', '=', candidateId).execute()).flatMap((r) => (r.resume_file_id === null ? [] : [r.resume_file_id]));
  const removed = (result: { numDeletedRows: bigint }[]) => result.reduce((sum, r) => sum + Number(r.numDeletedRows), 0);
  // The list's sort keys say nothing of the person: gone with them, not counted.
  await trx.deleteFrom('candidate_activity').where('candidate_id', '=', candidateId).execute();
  const counts: ErasureCounts = {
    scorecardHistory: scorecardIds.length === 0 ? 0 : removed(await trx.deleteFrom('scorecard_history').where('scorecard_id', 'in', scorecardIds).execute()),
    scorecardRatings: scorecardIds.length === 0 ? 0 : removed(await trx.deleteFrom('scorecard_ratings').where('scorecard_id', 'in', scorecardIds).execute()),
    scorecards: scorecardIds.length === 0 ? 0 : removed(await trx.deleteFrom('scorecards').where('id', 'in', scorecardIds).execute()),
    interviewInterviewers: interviewIds.length === 0 ? 0 : removed(await trx.deleteFrom('interview_interviewers').where('interview_id', 'in', interviewIds).execute()),
    interviews: interviewIds.length === 0 ? 0 : removed(await trx.deleteFrom('interviews').where('id', 'in', interviewIds).execute()),
    // Reopened decisions count with the rest: every decision ever made on the applications.
    decisions: none ? 0 : removed(await trx.deleteFrom('reopened_decisions').where('application_id', 'in', applicationIds).execute()) + removed(await trx.deleteFrom('decisions').where('application_id', 'in', applicationIds).execute()),
    applicationEvents: none ? 0 : removed(await trx.deleteFrom('application_events').where('application_id', 'in', applicationIds).execute()),
    careersApplications: removed(await trx.deleteFrom('careers_applications').where('candidate_id', '=', candidateId).execute()),
    applications: none ? 0 : removed(await trx.deleteFrom('applications').where('id', 'in', applicationIds).execute()),
    candidates: removed(await trx.deleteFrom('candidates').where('id', '=', candidateId).execute()),
    files: 0,
  };
  const storageKeys: string[] = [];
  for (const fileId of new Set([candidate.resume_file_id, ...careersFileIds].filter((id): id is number => id !== null))) {
    const file = await trx.selectFrom('stored_files').select(['id', 'storage_key']).where('id', '=', fileId).executeTakeFirst();
    // Another record could share the row only by a bug; keep it then rather than break that record.
    const sharedByTask = await trx.selectFrom('onboarding_plan_tasks').select('id').where('evidence_file_id', '=', fileId).limit(1).executeTakeFirst();
    const sharedByCandidate = await trx.selectFrom('candidates').select('id').where('resume_file_id', '=', fileId).limit(1).executeTakeFirst();
    const sharedByApplication = await trx.selectFrom('careers_applications').select('id').where('resume_file_id', '=', fileId).limit(1).executeTakeFirst();
    if (file && !sharedByTask && !sharedByCandidate && !sharedByApplication) {
      counts.files += removed(await trx.deleteFrom('stored_files').where('id', '=', file.id).execute());
      storageKeys.push(file.storage_key);
    }
  }
  return { counts, storageKeys };
}
