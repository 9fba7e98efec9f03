import { sql } from 'kysely';
import { owesScorecardOn, type PanelViewer } from '../auth/independence';
import type { DbOrTrx as Db } from '../db/database';
import type { Language } from '../i18n/i18n';
import { stageLabel } from '../i18n/seeded-texts';
import type { ApplicationEventKind, ApplicationStatus } from './candidate';
import { refreshCandidateActivity } from './candidates.repository';

export interface PipelineEntry {
  readonly applicationId: number;
  readonly candidateId: number;
  readonly candidateName: string;
  readonly stageId: number | null;
  readonly status: ApplicationStatus;
  readonly statusReason: string;
  readonly updatedAt: string;
  /** When the application reached its current stage (applied there or moved there). */
  readonly inStageSince: string;
  /** The mean rating of its latest submitted scorecard (1–4); null when none is in, or when the viewer may not see the panel's verdicts yet. */
  readonly latestScore: number | null;
  /** The viewer still owes a scorecard here: the panel's verdicts (the score) are withheld. */
  readonly scoreWithheld: boolean;
}

/**
 * Every application of an opening with its candidate's name, when it reached its stage, and the
 * latest score as the viewer may see it: one query. The score is left out (not hidden later) on the
 * applications where the viewer still owes a scorecard under the independence rule.
 */
export async function listPipeline(db: Db, openingId: number, viewer: PanelViewer): Promise<PipelineEntry[]> {
  const rows = await db
    .selectFrom('applications')
    .innerJoin('candidates', 'candidates.id', 'applications.candidate_id')
    .select(['applications.id', 'applications.candidate_id', 'candidates.name', 'applications.stage_id', 'applications.status', 'applications.status_reason', 'applications.updated_at', 'applications.created_at'])
    .select((eb) => [
      eb
        .selectFrom('application_events')
        .select((e) => e.fn.max('application_events.created_at').as('at'))
        .whereRef('application_events.application_id', '=', 'applications.id')
        .where('application_events.kind', 'in', ['applied', 'stage'])
        .whereRef('application_events.stage_id', '=', 'applications.stage_id')
        .as('in_stage_since'),
      sql<number>`case when ${owesScorecardOn(viewer, db)(eb)} then 1 else 0 end`.as('withheld'),
    ])
    .select((eb) =>
      eb
        .selectFrom('scorecard_ratings')
        .select((e) => e.fn.avg<number | string | null>('scorecard_ratings.rating').as('score'))
        .where('scorecard_ratings.rating', 'is not', null)
        .where('scorecard_ratings.scorecard_id', '=', (inner) =>
          inner
            .selectFrom('scorecards')
            .select('scorecards.id')
            .whereRef('scorecards.application_id', '=', 'applications.id')
            .where('scorecards.status', '=', 'submitted')
            .orderBy('scorecards.submitted_at', 'desc')
            .orderBy('scorecards.id', 'desc')
            .limit(1),
        )
        .as('latest_score'),
    )
    .where('applications.opening_id', '=', openingId)
    .orderBy('applications.updated_at', 'desc')
    .limit(1000)
    .execute();
  return rows.map((r) => {
    const withheld = Number(r.withheld) === 1;
    return {
      applicationId: r.id,
      candidateId: r.candidate_id,
      candidateName: r.name,
      stageId: r.stage_id,
      status: r.status,
      // A rejection's reason may be the panel's verdict: withheld with the score.
      statusReason: withheld ? '' : r.status_reason,
      updatedAt: r.updated_at,
      inStageSince: r.in_stage_since ?? r.created_at,
      latestScore: withheld || r.latest_score === null ? null : Number(r.latest_score),
      scoreWithheld: withheld,
    };
  });
}

export interface ApplicationSummary {
  readonly id: number;
  readonly candidateId: number;
  readonly openingId: number;
  readonly openingTitle: string;
  readonly hiringManagerId: number;
  readonly rubricId: number;
  readonly rubricVersion: number;
  readonly stageId: number | null;
  readonly stageName: string | null;
  readonly status: ApplicationStatus;
  readonly statusReason: string;
  readonly createdAt: string;
}

function applicationsQuery(db: Db) {
  return db
    .selectFrom('applications')
    .innerJoin('openings', 'openings.id', 'applications.opening_id')
    .leftJoin('interview_stages', 'interview_stages.id', 'applications.stage_id')
    .select([
      'applications.id',
      'applications.candidate_id',
      'applications.opening_id',
      'openings.title as opening_title',
      'openings.hiring_manager_id',
      'openings.rubric_id',
      'openings.rubric_version',
      'applications.stage_id',
      'interview_stages.name as stage_name',
      'interview_stages.seed_key as stage_seed_key',
      'applications.status',
      'applications.status_reason',
      'applications.created_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof applicationsQuery>['executeTakeFirstOrThrow']>>;

function toSummary(r: Row, language: Language): ApplicationSummary {
  return {
    id: r.id,
    candidateId: r.candidate_id,
    openingId: r.opening_id,
    openingTitle: r.opening_title,
    hiringManagerId: r.hiring_manager_id,
    rubricId: r.rubric_id,
    rubricVersion: r.rubric_version,
    stageId: r.stage_id,
    stageName: r.stage_name === null ? null : stageLabel(r.stage_name, r.stage_seed_key, language),
    status: r.status,
    statusReason: r.status_reason,
    createdAt: r.created_at,
  };
}

/** An application, its stage named in the reader's language while the stage is as seeded. */
export async function findApplication(db: Db, id: number, language: Language): Promise<ApplicationSummary | undefined> {
  const row = await applicationsQuery(db).where('applications.id', '=', id).executeTakeFirst();
  return row && toSummary(row, language);
}

/** The applications of several candidates at once (for a list page): one query. */
export async function listApplicationsOf(db: Db, candidateIds: readonly number[], language: Language): Promise<ApplicationSummary[]> {
  if (candidateIds.length === 0) return [];
  return (await applicationsQuery(db).where('applications.candidate_id', 'in', candidateIds).orderBy('applications.id').execute()).map((row) => toSummary(row, language));
}

/** Candidate id → their application on the opening, for those of these candidates who have one: one query. */
export async function findApplicationIdsOn(db: Db, openingId: number, candidateIds: readonly number[]): Promise<Map<number, number>> {
  if (candidateIds.length === 0) return new Map();
  const rows = await db.selectFrom('applications').select(['id', 'candidate_id']).where('opening_id', '=', openingId).where('candidate_id', 'in', candidateIds).execute();
  return new Map(rows.map((r) => [r.candidate_id, r.id]));
}

export async function applicationExists(db: Db, candidateId: number, openingId: number): Promise<boolean> {
  return (await db.selectFrom('applications').select('id').where('candidate_id', '=', candidateId).where('opening_id', '=', openingId).executeTakeFirst()) !== undefined;
}

/** The first stage of an opening's interview plan, where new applications start. */
export async function findFirstStageId(db: Db, openingId: number): Promise<number | null> {
  const first = await db.selectFrom('interview_stages').select('id').where('opening_id', '=', openingId).orderBy('position').limit(1).executeTakeFirst();
  return first?.id ?? null;
}

/** Inserts an active application at a stage (and the candidate's last activity); the history row is the caller's (`insertEvent`). */
export async function insertApplication(db: Db, input: { candidateId: number; openingId: number; stageId: number | null }, now: Date): Promise<number> {
  const { id } = await db
    .insertInto('applications')
    .values({ candidate_id: input.candidateId, opening_id: input.openingId, stage_id: input.stageId, status: 'active', status_reason: '', created_at: now.toISOString(), updated_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await refreshCandidateActivity(db, input.candidateId, now);
  return id;
}

/** One line of an application's history. */
export async function insertEvent(db: Db, event: { applicationId: number; actorId: number | null; kind: ApplicationEventKind; stageId: number | null; status: ApplicationStatus | null; note: string }, now: Date): Promise<void> {
  await db
    .insertInto('application_events')
    .values({ application_id: event.applicationId, actor_id: event.actorId, kind: event.kind, stage_id: event.stageId, status: event.status, note: event.note, created_at: now.toISOString() })
    .execute();
}

/** Changes an application's stage or status, and keeps its candidate's sort keys (active, last activity) in step. */
export async function updateApplication(db: Db, id: number, changes: { stageId?: number; status?: ApplicationStatus; statusReason?: string }, now: Date): Promise<void> {
  const updated = await db
    .updateTable('applications')
    .set({
      ...(changes.stageId !== undefined ? { stage_id: changes.stageId } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.statusReason !== undefined ? { status_reason: changes.statusReason } : {}),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .returning('candidate_id')
    .executeTakeFirst();
  if (updated) await refreshCandidateActivity(db, updated.candidate_id, now);
}

export interface ApplicationEvent {
  readonly kind: string;
  readonly stageName: string | null;
  readonly status: string | null;
  readonly note: string;
  readonly actorName: string | null;
  readonly createdAt: string;
}

export async function listEvents(db: Db, applicationId: number, language: Language): Promise<ApplicationEvent[]> {
  const rows = await db
    .selectFrom('application_events')
    .leftJoin('interview_stages', 'interview_stages.id', 'application_events.stage_id')
    .leftJoin('users', 'users.id', 'application_events.actor_id')
    .select(['application_events.kind', 'interview_stages.name as stage_name', 'interview_stages.seed_key as stage_seed_key', 'application_events.status', 'application_events.note', 'users.name as actor_name', 'application_events.created_at'])
    .where('application_events.application_id', '=', applicationId)
    .orderBy('application_events.id', 'desc')
    .execute();
  return rows.map((r) => ({ kind: r.kind, stageName: r.stage_name === null ? null : stageLabel(r.stage_name, r.stage_seed_key, language), status: r.status, note: r.note, actorName: r.actor_name, createdAt: r.created_at }));
}

/**
 * Applies many candidates to one opening at one stage (an import): per 500 candidates, one insert of
 * the applications, one of their 'applied' history lines, and one that marks the candidates active
 * (their last activity now). Returns candidate id → application id.
 */
export async function insertApplications(db: Db, input: { candidateIds: readonly number[]; openingId: number; stageId: number | null; actorId: number }, now: Date): Promise<Map<number, number>> {
  const at = now.toISOString();
  const out = new Map<number, number>();
  for (let i = 0; i < input.candidateIds.length; i += 500) {
    const part = input.candidateIds.slice(i, i + 500);
    const rows = await db
      .insertInto('applications')
      .values(part.map((candidateId) => ({ candidate_id: candidateId, opening_id: input.openingId, stage_id: input.stageId, status: 'active' as const, status_reason: '', created_at: at, updated_at: at })))
      .returning(['id', 'candidate_id'])
      .execute();
    await db
      .insertInto('application_events')
      .values(rows.map((r) => ({ application_id: r.id, actor_id: input.actorId, kind: 'applied', stage_id: input.stageId, status: 'active' as const, note: '', created_at: at })))
      .execute();
    await db
      .insertInto('candidate_activity')
      .values(part.map((candidateId) => ({ candidate_id: candidateId, has_active: 1, last_activity_at: at })))
      // A row already saying so (a candidate created a moment ago, by an import) is left as it is: no new row version to write.
      .onConflict((oc) =>
        oc
          .column('candidate_id')
          .doUpdateSet({ has_active: 1, last_activity_at: at })
          .where((eb) => eb.or([eb('candidate_activity.has_active', '<>', 1), eb('candidate_activity.last_activity_at', '<>', at)])),
      )
      .execute();
    for (const r of rows) out.set(r.candidate_id, r.id);
  }
  return out;
}
