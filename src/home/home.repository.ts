import type { ExpressionBuilder } from 'kysely';
import type { Language } from '../i18n/i18n';
import { stageLabel } from '../i18n/seeded-texts';
import type { Database, DbOrTrx as Db } from '../db/database';

/*
 * What the home page lists: read-only SQL across applications, interviews and scorecards, each list
 * one indexed query limited to what fits on a page. Callers pass only openings the viewer may see.
 */

/** How many rows a home list shows before "and more". */
export const HOME_LIST_LIMIT = 10;

/** Which openings a list covers: some, or every one (an admin's home). */
export type OpeningScope = readonly number[] | 'all';

const isEmpty = (scope: OpeningScope) => scope !== 'all' && scope.length === 0;

export interface HomeOpening {
  readonly id: number;
  readonly title: string;
}

/** Open openings a hiring manager manages (every open opening for `all`). */
export async function listManagedOpenings(db: Db, userId: number, all: boolean): Promise<HomeOpening[]> {
  let query = db.selectFrom('openings').select(['id', 'title']).where('status', '=', 'open');
  if (!all) query = query.where('hiring_manager_id', '=', userId);
  return query.orderBy('title').orderBy('id').limit(50).execute();
}

/** Open openings a recruiter works on (every open opening for `all`). */
export async function listRecruitingOpenings(db: Db, userId: number, all: boolean): Promise<HomeOpening[]> {
  let query = db.selectFrom('openings').select(['openings.id', 'openings.title']).where('openings.status', '=', 'open');
  if (!all) query = query.where((eb) => eb.exists(eb.selectFrom('opening_recruiters').select('opening_recruiters.opening_id').whereRef('opening_recruiters.opening_id', '=', 'openings.id').where('opening_recruiters.user_id', '=', userId)));
  return query.orderBy('openings.title').orderBy('openings.id').limit(50).execute();
}

/*
 * The names a list shows, as subqueries on the application rather than joins: PostgreSQL plans every
 * statement anew, and planning these lists as joins of six or seven tables took it 1.5–3.5 ms, more
 * than ten times what running them took. Subqueries are planned on their own, and only for the
 * rows a list keeps.
 */
const candidateName = (eb: ExpressionBuilder<Database, 'applications'>) =>
  eb.selectFrom('candidates').select('candidates.name').whereRef('candidates.id', '=', 'applications.candidate_id').$asScalar().as('candidateName');
const openingTitle = (eb: ExpressionBuilder<Database, 'applications'>) =>
  eb.selectFrom('openings').select('openings.title').whereRef('openings.id', '=', 'applications.opening_id').$asScalar().as('openingTitle');

/** SQL: an interview of this application that has started (or has no time), is not cancelled, and lacks a panel member's submitted scorecard. */
function missingScorecard(eb: ExpressionBuilder<Database, 'applications'>, now: string) {
  return eb.exists(
    eb
      .selectFrom('interviews')
      .innerJoin('interview_interviewers', 'interview_interviewers.interview_id', 'interviews.id')
      .select('interviews.id')
      .whereRef('interviews.application_id', '=', 'applications.id')
      .where('interviews.status', '!=', 'cancelled')
      .where((w) => w.or([w('interviews.scheduled_at', 'is', null), w('interviews.scheduled_at', '<=', now)]))
      .where('interview_interviewers.scored', '=', 0),
  );
}

export interface HomeApplication {
  readonly applicationId: number;
  readonly candidateName: string;
  readonly openingId: number;
  readonly openingTitle: string;
}

/**
 * Active applications of these openings with no decision yet, at least one submitted scorecard, and
 * every held interview's scorecards in: the panel is complete, the debrief can happen.
 */
export async function listReadyForDecision(db: Db, openingIds: OpeningScope, now: Date): Promise<HomeApplication[]> {
  if (isEmpty(openingIds)) return [];
  const at = now.toISOString();
  const rows = await db
    .selectFrom('applications')
    .select((eb) => ['applications.id as applicationId', candidateName(eb), 'applications.opening_id as openingId', openingTitle(eb)])
    .$if(openingIds !== 'all', (q) => q.where('applications.opening_id', 'in', openingIds as number[]))
    .where('applications.status', '=', 'active')
    .where((eb) => eb.exists(eb.selectFrom('scorecards').select('scorecards.id').whereRef('scorecards.application_id', '=', 'applications.id').where('scorecards.status', '=', 'submitted')))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('decisions').select('decisions.id').whereRef('decisions.application_id', '=', 'applications.id'))))
    .where((eb) => eb.not(missingScorecard(eb, at)))
    .orderBy('applications.updated_at', 'desc')
    .orderBy('applications.id', 'desc')
    .limit(HOME_LIST_LIMIT)
    .execute();
  return rows;
}

export interface OwedScorecard {
  readonly interviewId: number;
  readonly applicationId: number;
  readonly candidateName: string;
  readonly openingTitle: string;
  readonly stageName: string;
  readonly interviewerId: number;
  readonly interviewerName: string;
  readonly scheduledAt: string | null;
  readonly durationMinutes: number;
}

/** Scorecards others owe on these openings' active applications (held, not cancelled, not submitted): who owes which, the longest waiting first. */
export async function listOwedScorecards(db: Db, openingIds: OpeningScope, now: Date, exceptUserId: number, language: Language): Promise<OwedScorecard[]> {
  if (isEmpty(openingIds)) return [];
  // From the panel rows still owed (an index): few, whatever the size of the history.
  const rows = await db
    .selectFrom('interview_interviewers')
    .innerJoin('interviews', 'interviews.id', 'interview_interviewers.interview_id')
    .innerJoin('applications', 'applications.id', 'interviews.application_id')
    .innerJoin('interview_stages', 'interview_stages.id', 'interviews.stage_id')
    .select((eb) => [
      'interviews.id as interviewId',
      'applications.id as applicationId',
      candidateName(eb),
      openingTitle(eb),
      'interview_stages.name as stageName',
      'interview_stages.seed_key as stageSeedKey',
      'interview_interviewers.user_id as interviewerId',
      eb.selectFrom('users').select('users.name').whereRef('users.id', '=', 'interview_interviewers.user_id').$asScalar().as('interviewerName'),
      'interviews.scheduled_at as scheduledAt',
      'interviews.duration_minutes as durationMinutes',
    ])
    .where('interview_interviewers.scored', '=', 0)
    .$if(openingIds !== 'all', (q) => q.where('applications.opening_id', 'in', openingIds as number[]))
    .where('applications.status', '=', 'active')
    // The viewer's own owed scorecards are in their own list.
    .where('interview_interviewers.user_id', '!=', exceptUserId)
    .where('interviews.status', '!=', 'cancelled')
    .where((w) => w.or([w('interviews.scheduled_at', 'is', null), w('interviews.scheduled_at', '<=', now.toISOString())]))
    .orderBy('interviews.scheduled_at')
    .orderBy('interviews.id')
    .orderBy('interview_interviewers.user_id')
    .limit(HOME_LIST_LIMIT)
    .execute();
  return rows.map(({ stageSeedKey, ...r }) => ({ ...r, stageName: stageLabel(r.stageName, stageSeedKey, language), durationMinutes: Number(r.durationMinutes) }));
}

/** Applications added to each of these openings since `since`. */
export async function countNewApplications(db: Db, openingIds: readonly number[], since: Date): Promise<Map<number, number>> {
  const counts = new Map<number, number>(openingIds.map((id) => [id, 0]));
  if (openingIds.length === 0) return counts;
  const rows = await db
    .selectFrom('applications')
    .select(['opening_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('opening_id', 'in', openingIds)
    .where('created_at', '>=', since.toISOString())
    .groupBy('opening_id')
    .execute();
  for (const r of rows) counts.set(r.opening_id, Number(r.n));
  return counts;
}

export interface WaitingApplication extends HomeApplication {
  readonly stageName: string;
  readonly since: string;
}

/** Active applications of these openings sitting in a stage with no interview scheduled for it (cancelled ones do not count), the longest waiting first. */
/** Seeded stages are named in the reader's language. */
export async function listWithoutInterview(db: Db, openingIds: OpeningScope, language: Language): Promise<WaitingApplication[]> {
  if (isEmpty(openingIds)) return [];
  const rows = await db
    .selectFrom('applications')
    .innerJoin('interview_stages', 'interview_stages.id', 'applications.stage_id')
    .select((eb) => ['applications.id as applicationId', candidateName(eb), 'applications.opening_id as openingId', openingTitle(eb), 'interview_stages.name as stageName', 'interview_stages.seed_key as stageSeedKey', 'applications.updated_at as since'])
    .$if(openingIds !== 'all', (q) => q.where('applications.opening_id', 'in', openingIds as number[]))
    .where('applications.status', '=', 'active')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('interviews').select('interviews.id').whereRef('interviews.application_id', '=', 'applications.id').whereRef('interviews.stage_id', '=', 'applications.stage_id').where('interviews.status', '!=', 'cancelled'),
        ),
      ),
    )
    .orderBy('applications.updated_at')
    .orderBy('applications.id')
    .limit(HOME_LIST_LIMIT)
    .execute();
  return rows.map(({ stageSeedKey, ...r }) => ({ ...r, stageName: stageLabel(r.stageName, stageSeedKey, language) }));
}

export interface SetupState {
  readonly openings: number;
  readonly openingsWithoutManager: number;
  readonly people: number;
  readonly rubricsEdited: number;
}

/** What a new instance still lacks, in one query: openings, openings whose hiring manager has left, people besides the first admin, rubrics ever edited. */
export async function readSetupState(db: Db): Promise<SetupState> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('openings').select((s) => s.fn.countAll<number>().as('n')).as('openings'),
      eb
        .selectFrom('openings')
        .innerJoin('users', 'users.id', 'openings.hiring_manager_id')
        .select((s) => s.fn.countAll<number>().as('n'))
        .where('openings.status', '!=', 'closed')
        .where('users.status', '!=', 'active')
        .as('openingsWithoutManager'),
      eb.selectFrom('users').select((s) => s.fn.countAll<number>().as('n')).as('people'),
      eb.selectFrom('rubric_versions').select((s) => s.fn.countAll<number>().as('n')).where('version', '>', 1).as('rubricsEdited'),
    ])
    .executeTakeFirstOrThrow();
  return { openings: Number(row.openings), openingsWithoutManager: Number(row.openingsWithoutManager), people: Number(row.people), rubricsEdited: Number(row.rubricsEdited) };
}
