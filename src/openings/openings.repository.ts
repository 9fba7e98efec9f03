import { isStageKind, type StageKind } from './interview-plan';
import type { DbOrTrx as Db } from '../db/database';
import type { Viewer } from '../auth/scopes';
import { applicationVisibleTo, openingVisibleTo, seesEverything } from '../auth/scopes';
import type { Language } from '../i18n/i18n';
import { seededRole, seededStageName, stageLabel } from '../i18n/seeded-texts';
import type { StageDraft } from './interview-plan';

import type { OpeningStatus } from './opening';

export { OPENING_STATUSES, type OpeningStatus } from './opening';

export interface Opening {
  readonly id: number;
  readonly title: string;
  readonly roleId: number;
  readonly roleKey: string;
  readonly roleName: string;
  readonly rubricId: number;
  readonly rubricVersion: number;
  readonly currentRubricVersion: number;
  readonly hiringManagerId: number;
  readonly hiringManagerName: string;
  readonly headcount: number;
  readonly status: OpeningStatus;
  readonly payPlan: string;
  readonly createdAt: string;
  /** Raised by every change to what the comparison shows: what the comparison keeps is kept under it. */
  readonly compareVersion: number;
}

export interface Stage {
  readonly id: number;
  readonly position: number;
  readonly name: string;
  readonly focus: string[];
  readonly interviewerIds: number[];
  readonly durationMinutes: number;
  /** Set while the name is the seeded one: it then reads in each reader's language. */
  readonly seedKey: string | null;
  /** What the stage is (null: another kind), kept through renames. */
  readonly kind: StageKind | null;
}

function openingsQuery(db: Db) {
  return db
    .selectFrom('openings')
    .innerJoin('sales_roles', 'sales_roles.id', 'openings.role_id')
    .innerJoin('rubrics', 'rubrics.id', 'openings.rubric_id')
    .innerJoin('users', 'users.id', 'openings.hiring_manager_id')
    .select([
      'openings.id',
      'openings.title',
      'openings.role_id',
      'sales_roles.key as role_key',
      'sales_roles.name as role_name',
      'sales_roles.seed_key as role_seed_key',
      'openings.rubric_id',
      'openings.rubric_version',
      'rubrics.current_version',
      'openings.hiring_manager_id',
      'users.name as hiring_manager_name',
      'openings.headcount',
      'openings.status',
      'openings.pay_plan',
      'openings.created_at',
      'openings.compare_version',
    ]);
}

type OpeningRow = Awaited<ReturnType<ReturnType<typeof openingsQuery>['executeTakeFirstOrThrow']>>;

function toOpening(row: OpeningRow, language: Language): Opening {
  return {
    id: row.id,
    title: row.title,
    roleId: row.role_id,
    roleKey: row.role_key,
    roleName: seededRole(row.role_seed_key, language)?.name ?? row.role_name,
    rubricId: row.rubric_id,
    rubricVersion: row.rubric_version,
    currentRubricVersion: row.current_version,
    hiringManagerId: row.hiring_manager_id,
    hiringManagerName: row.hiring_manager_name,
    headcount: row.headcount,
    status: row.status,
    payPlan: row.pay_plan,
    createdAt: row.created_at,
    compareVersion: Number(row.compare_version),
  };
}

export async function listOpenings(db: Db, viewer: Viewer, language: Language): Promise<(Opening & { activeCount: number; hiredCount: number })[]> {
  const rows = await openingsQuery(db)
    .where(openingVisibleTo(viewer))
    .select((eb) => [
      eb.selectFrom('applications').select((e) => e.fn.countAll<number>().as('n')).whereRef('applications.opening_id', '=', 'openings.id').where('applications.status', '=', 'active').as('active_count'),
      eb.selectFrom('applications').select((e) => e.fn.countAll<number>().as('n')).whereRef('applications.opening_id', '=', 'openings.id').where('applications.status', '=', 'hired').as('hired_count'),
    ])
    // Open first, then on hold, closed last; newest first within each.
    .orderBy((eb) => eb.case().when('openings.status', '=', 'open').then(0).when('openings.status', '=', 'on_hold').then(1).else(2).end())
    .orderBy('openings.created_at', 'desc')
    .execute();
  return rows.map((row) => ({ ...toOpening(row, language), activeCount: Number(row.active_count ?? 0), hiredCount: Number(row.hired_count ?? 0) }));
}

/**
 * Openings to pick from (a filter, applying a candidate): the open and on-hold openings in the
 * viewer's scope — all for admins and recruiters; for others the openings they manage or where they
 * interview, so no other opening's title reaches them.
 */
export async function listOpeningChoices(db: Db, viewer: Viewer): Promise<{ id: number; title: string; status: string }[]> {
  let query = db.selectFrom('openings').select(['openings.id', 'openings.title', 'openings.status']).where('openings.status', '!=', 'closed');
  if (!seesEverything(viewer)) {
    query = query.where((eb) =>
      eb.or([
        eb('openings.hiring_manager_id', '=', viewer.id),
        eb.exists(eb.selectFrom('applications').select('applications.id').whereRef('applications.opening_id', '=', 'openings.id').where(applicationVisibleTo(viewer))),
      ]),
    );
  }
  return query.orderBy('openings.title').execute();
}

/** An opening, its role named in the reader's language while the role is as seeded. */
export async function findOpening(db: Db, id: number, language: Language): Promise<Opening | undefined> {
  const row = await openingsQuery(db).where('openings.id', '=', id).executeTakeFirst();
  return row && toOpening(row, language);
}

export async function findRecruiterIds(db: Db, openingId: number): Promise<number[]> {
  return (await db.selectFrom('opening_recruiters').select('user_id').where('opening_id', '=', openingId).execute()).map((r) => r.user_id);
}

export interface OpeningInput {
  readonly title: string;
  readonly roleId: number;
  readonly hiringManagerId: number;
  readonly recruiterIds: readonly number[];
  readonly headcount: number;
  readonly status: OpeningStatus;
  readonly payPlan: string;
}

export async function insertOpening(db: Db, input: OpeningInput & { rubricId: number; rubricVersion: number; createdBy: number }, now: Date): Promise<number> {
  const { id } = await db
    .insertInto('openings')
    .values({
      title: input.title,
      role_id: input.roleId,
      rubric_id: input.rubricId,
      rubric_version: input.rubricVersion,
      hiring_manager_id: input.hiringManagerId,
      headcount: input.headcount,
      status: input.status,
      pay_plan: input.payPlan,
      created_by: input.createdBy,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceRecruiters(db, id, input.recruiterIds);
  return id;
}

export async function updateOpening(db: Db, id: number, input: Omit<OpeningInput, 'roleId'>, now: Date): Promise<void> {
  await db
    .updateTable('openings')
    .set({ title: input.title, hiring_manager_id: input.hiringManagerId, headcount: input.headcount, status: input.status, pay_plan: input.payPlan, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
  await replaceRecruiters(db, id, input.recruiterIds);
}

async function replaceRecruiters(db: Db, openingId: number, userIds: readonly number[]): Promise<void> {
  await db.deleteFrom('opening_recruiters').where('opening_id', '=', openingId).execute();
  if (userIds.length > 0) await db.insertInto('opening_recruiters').values(userIds.map((user_id) => ({ opening_id: openingId, user_id }))).execute();
}

export async function setRubricVersion(db: Db, openingId: number, version: number, now: Date): Promise<void> {
  await db.updateTable('openings').set({ rubric_version: version, updated_at: now.toISOString() }).where('id', '=', openingId).execute();
}

/** True once any scorecard (draft or submitted) exists for the opening: its rubric version is then fixed. */
export async function openingHasScorecards(db: Db, openingId: number): Promise<boolean> {
  const row = await db
    .selectFrom('scorecards')
    .innerJoin('applications', 'applications.id', 'scorecards.application_id')
    .select('scorecards.id')
    .where('applications.opening_id', '=', openingId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** An opening's stages in order, named in the reader's language while a stage's name is as seeded. */
export async function listStages(db: Db, openingId: number, language: Language): Promise<Stage[]> {
  const rows = await db.selectFrom('interview_stages').selectAll().where('opening_id', '=', openingId).orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, position: r.position, name: stageLabel(r.name, r.seed_key, language), seedKey: seededStageName(r.seed_key, language) === undefined ? null : r.seed_key, focus: JSON.parse(r.focus) as string[], interviewerIds: JSON.parse(r.interviewer_ids) as number[], durationMinutes: Number(r.duration_minutes), kind: isStageKind(r.kind) ? r.kind : null }));
}

/** The stages of several openings' plans, in plan order (for a filter grouped by opening), named in the reader's language while as seeded: one query. */
export async function listStagesOf(db: Db, openingIds: readonly number[], language: Language): Promise<{ id: number; openingId: number; name: string }[]> {
  if (openingIds.length === 0) return [];
  const rows = await db.selectFrom('interview_stages').select(['id', 'opening_id', 'name', 'seed_key']).where('opening_id', 'in', openingIds).orderBy('opening_id').orderBy('position').execute();
  return rows.map((r) => ({ id: r.id, openingId: r.opening_id, name: stageLabel(r.name, r.seed_key, language) }));
}

/** The opening a stage belongs to, if the stage exists. */
export async function findOpeningIdOfStage(db: Db, stageId: number): Promise<number | undefined> {
  const row = await db.selectFrom('interview_stages').select('opening_id').where('id', '=', stageId).executeTakeFirst();
  return row?.opening_id;
}

export async function insertStages(db: Db, openingId: number, stages: readonly StageDraft[]): Promise<void> {
  if (stages.length === 0) return;
  await db
    .insertInto('interview_stages')
    .values(stages.map((s, position) => ({ opening_id: openingId, position, name: s.name, focus: JSON.stringify(s.focus), interviewer_ids: JSON.stringify(s.interviewerIds), duration_minutes: s.durationMinutes, seed_key: s.seedKey ?? null, kind: s.kind ?? null })))
    .execute();
}

/** Saves the plan: existing stages (by id) are updated in place, new ones inserted, missing ones deleted. */
export async function saveStages(db: Db, openingId: number, stages: readonly (StageDraft & { id: number | null })[]): Promise<void> {
  const keep = stages.flatMap((s) => (s.id === null ? [] : [s.id]));
  let remove = db.deleteFrom('interview_stages').where('opening_id', '=', openingId);
  if (keep.length > 0) remove = remove.where('id', 'not in', keep);
  await remove.execute();
  for (const [position, stage] of stages.entries()) {
    const values = { position, name: stage.name, focus: JSON.stringify(stage.focus), interviewer_ids: JSON.stringify(stage.interviewerIds), duration_minutes: stage.durationMinutes, seed_key: stage.seedKey ?? null, kind: stage.kind ?? null };
    if (stage.id === null) await db.insertInto('interview_stages').values({ opening_id: openingId, ...values }).execute();
    else await db.updateTable('interview_stages').set(values).where('id', '=', stage.id).where('opening_id', '=', openingId).execute();
  }
}

/** Stage ids that interviews refer to: such stages cannot be removed from the plan. */
export async function stagesInUse(db: Db, openingId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('interviews')
    .innerJoin('interview_stages', 'interview_stages.id', 'interviews.stage_id')
    .select('interviews.stage_id')
    .distinct()
    .where('interview_stages.opening_id', '=', openingId)
    .execute();
  return new Set(rows.map((r) => r.stage_id));
}

/** People who can be picked as hiring manager, recruiter or interviewer. */
export async function listStaff(db: Db): Promise<{ id: number; name: string; role: string }[]> {
  return db.selectFrom('users').select(['id', 'name', 'role']).where('status', '=', 'active').where('role', '!=', 'new_hire').orderBy('name').execute();
}
