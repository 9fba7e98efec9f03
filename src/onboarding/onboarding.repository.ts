import type { Selectable } from 'kysely';
import type { DbOrTrx as Db } from '../db/database';
import type { OnboardingPlansTable, OnboardingPlanTasksTable } from '../db/onboarding-tables';
import type { Language } from '../i18n/i18n';
import { taskColumns, toTaskTemplate } from './onboarding-templates.repository';
import type { NewPlanTask, PlanPeople, PlanTask, ReviewRating } from './plan';

/* Plans -------------------------------------------------------------------------------------- */

export interface PlanReview {
  readonly rating: ReviewRating;
  readonly note: string;
  readonly reviewedBy: number | null;
  readonly reviewedAt: string;
}

export interface PlanRecord {
  readonly id: number;
  readonly roleId: number;
  readonly roleName: string;
  /** Set while the role is as seeded: the service names it in the reader's language. */ readonly roleSeedKey: string | null;
  readonly startDate: string;
  readonly people: PlanPeople;
  readonly createdAt: string;
  readonly completedAt: string | null;
  readonly review: PlanReview | null;
}

function selectPlans(db: Db) {
  return db.selectFrom('onboarding_plans as p').innerJoin('sales_roles as r', 'r.id', 'p.role_id').selectAll('p').select(['r.name as role_name', 'r.seed_key as role_seed_key', 'r.position as role_position']);
}

function toPlan(row: Selectable<OnboardingPlansTable> & { role_name: string; role_seed_key: string | null }): PlanRecord {
  return {
    id: row.id,
    roleId: row.role_id,
    roleName: row.role_name,
    roleSeedKey: row.role_seed_key,
    startDate: row.start_date,
    people: { newHireId: row.new_hire_id, managerId: row.manager_id, buddyId: row.buddy_id, productLeadId: row.product_lead_id, csLeadId: row.cs_lead_id, sdrLeadId: row.sdr_lead_id },
    createdAt: row.created_at,
    completedAt: row.completed_at,
    review:
      row.review_rating !== null && row.reviewed_at !== null
        ? { rating: row.review_rating, note: row.review_note ?? '', reviewedBy: row.reviewed_by, reviewedAt: row.reviewed_at }
        : null,
  };
}

export async function findPlan(db: Db, id: number): Promise<PlanRecord | undefined> {
  const row = await selectPlans(db).where('p.id', '=', id).executeTakeFirst();
  return row && toPlan(row);
}

export async function findPlanOfNewHire(db: Db, userId: number): Promise<PlanRecord | undefined> {
  const row = await selectPlans(db).where('p.new_hire_id', '=', userId).executeTakeFirst();
  return row && toPlan(row);
}

export interface PlanFilter {
  /** Only plans this person manages (hiring managers see their reports only). */
  readonly managedBy?: number;
  readonly managerId?: number;
  readonly roleId?: number;
  readonly status?: 'active' | 'complete' | 'all';
}

export async function listPlans(db: Db, filter: PlanFilter): Promise<PlanRecord[]> {
  let query = selectPlans(db);
  if (filter.managedBy !== undefined) query = query.where('p.manager_id', '=', filter.managedBy);
  if (filter.managerId !== undefined) query = query.where('p.manager_id', '=', filter.managerId);
  if (filter.roleId !== undefined) query = query.where('p.role_id', '=', filter.roleId);
  if (filter.status === 'active') query = query.where('p.completed_at', 'is', null);
  if (filter.status === 'complete') query = query.where('p.completed_at', 'is not', null);
  return (await query.orderBy('p.start_date', 'desc').orderBy('p.id', 'desc').execute()).map(toPlan);
}

/** Plans in which the person has any part other than the new hire's (manager, buddy, a lead). */
export async function listPlansInvolving(db: Db, userId: number): Promise<PlanRecord[]> {
  const rows = await selectPlans(db)
    .where((eb) => eb.or(['p.manager_id', 'p.buddy_id', 'p.product_lead_id', 'p.cs_lead_id', 'p.sdr_lead_id'].map((column) => eb(column as 'p.manager_id', '=', userId))))
    .orderBy('p.start_date')
    .orderBy('p.id')
    .execute();
  return rows.map(toPlan);
}

export async function insertPlan(db: Db, plan: { roleId: number; startDate: string; people: PlanPeople; createdBy: number | null; applicationId?: number | null }, now: Date): Promise<number> {
  const row = await db
    .insertInto('onboarding_plans')
    .values({
      new_hire_id: plan.people.newHireId,
      role_id: plan.roleId,
      start_date: plan.startDate,
      manager_id: plan.people.managerId,
      buddy_id: plan.people.buddyId,
      product_lead_id: plan.people.productLeadId,
      cs_lead_id: plan.people.csLeadId,
      sdr_lead_id: plan.people.sdrLeadId,
      created_by: plan.createdBy,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      completed_at: null,
      review_rating: null,
      review_note: null,
      reviewed_by: null,
      reviewed_at: null,
      application_id: plan.applicationId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePlanSchedule(db: Db, id: number, changes: { startDate: string; people: Omit<PlanPeople, 'newHireId'> }, now: Date): Promise<void> {
  await db
    .updateTable('onboarding_plans')
    .set({
      start_date: changes.startDate,
      manager_id: changes.people.managerId,
      buddy_id: changes.people.buddyId,
      product_lead_id: changes.people.productLeadId,
      cs_lead_id: changes.people.csLeadId,
      sdr_lead_id: changes.people.sdrLeadId,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

export async function setPlanCompletedAt(db: Db, id: number, completedAt: string | null): Promise<void> {
  await db.updateTable('onboarding_plans').set({ completed_at: completedAt }).where('id', '=', id).execute();
}

export async function setPlanReview(db: Db, id: number, review: { rating: ReviewRating; note: string; reviewedBy: number }, now: Date): Promise<void> {
  await db
    .updateTable('onboarding_plans')
    .set({ review_rating: review.rating, review_note: review.note, reviewed_by: review.reviewedBy, reviewed_at: now.toISOString(), updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

/* Plan tasks --------------------------------------------------------------------------------- */

export interface PlanTaskRecord extends PlanTask {
  readonly planId: number;
  readonly doneBy: number | null;
  readonly evidenceNote: string | null;
  readonly evidenceFile: { readonly id: number; readonly name: string; readonly sizeBytes: number } | null;
  readonly signedOffBy: number | null;
  readonly returnedAt: string | null;
  readonly returnedBy: number | null;
}

function selectPlanTasks(db: Db) {
  return db
    .selectFrom('onboarding_plan_tasks as pt')
    .leftJoin('stored_files as f', 'f.id', 'pt.evidence_file_id')
    .selectAll('pt')
    .select(['f.original_name as file_name', 'f.size_bytes as file_size']);
}

function toPlanTask(row: Selectable<OnboardingPlanTasksTable> & { file_name: string | null; file_size: number | null }, language: Language | null): PlanTaskRecord {
  return {
    ...toTaskTemplate(row, language),
    id: row.id,
    planId: row.plan_id,
    position: Number(row.position),
    dueDate: row.due_date,
    doneAt: row.done_at,
    doneBy: row.done_by,
    evidenceNote: row.evidence_note,
    evidenceFile: row.evidence_file_id !== null && row.file_name !== null ? { id: row.evidence_file_id, name: row.file_name, sizeBytes: Number(row.file_size ?? 0) } : null,
    signedOffAt: row.signed_off_at,
    signedOffBy: row.signed_off_by,
    returnedAt: row.returned_at,
    returnedBy: row.returned_by,
    returnComment: row.return_comment,
  };
}

export async function listPlanTasks(db: Db, planIds: readonly number[], language: Language | null): Promise<PlanTaskRecord[]> {
  if (planIds.length === 0) return [];
  const rows = await selectPlanTasks(db).where('pt.plan_id', 'in', [...planIds]).orderBy('pt.plan_id').orderBy('pt.position').orderBy('pt.id').execute();
  return rows.map((row) => toPlanTask(row, language));
}

export async function findPlanTask(db: Db, id: number, language: Language | null): Promise<PlanTaskRecord | undefined> {
  const row = await selectPlanTasks(db).where('pt.id', '=', id).executeTakeFirst();
  return row && toPlanTask(row, language);
}

export async function insertPlanTasks(db: Db, planId: number, tasks: readonly NewPlanTask[]): Promise<void> {
  if (tasks.length === 0) return;
  await db
    .insertInto('onboarding_plan_tasks')
    .values(
      tasks.map((task) => ({
        plan_id: planId,
        ...taskColumns(task),
        position: task.position,
        due_date: task.dueDate,
        done_at: null,
        done_by: null,
        evidence_note: null,
        evidence_file_id: null,
        signed_off_at: null,
        signed_off_by: null,
        returned_at: null,
        returned_by: null,
        return_comment: null,
      })),
    )
    .execute();
}

export async function setTaskDueDate(db: Db, id: number, dueDate: string): Promise<void> {
  await db.updateTable('onboarding_plan_tasks').set({ due_date: dueDate }).where('id', '=', id).execute();
}

/** Marks an open task done; false when it was no longer open (someone else got there first). */
export async function markPlanTaskDone(db: Db, id: number, done: { by: number; note: string | null; fileId: number | null }, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('onboarding_plan_tasks')
    .set({
      done_at: now.toISOString(),
      done_by: done.by,
      evidence_note: done.note,
      ...(done.fileId !== null ? { evidence_file_id: done.fileId } : {}),
    })
    .where('id', '=', id)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function signOffPlanTask(db: Db, id: number, by: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('onboarding_plan_tasks')
    .set({ signed_off_at: now.toISOString(), signed_off_by: by })
    .where('id', '=', id)
    .where('done_at', 'is not', null)
    .where('signed_off_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Reopens a task waiting for sign-off, with the reason; the evidence stays for the new hire to improve. */
export async function sendBackPlanTask(db: Db, id: number, by: number, comment: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('onboarding_plan_tasks')
    .set({ done_at: null, done_by: null, returned_at: now.toISOString(), returned_by: by, return_comment: comment })
    .where('id', '=', id)
    .where('done_at', 'is not', null)
    .where('signed_off_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/* People ------------------------------------------------------------------------------------- */

export interface PersonOption {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly status: string;
}

/** Everyone who is not deactivated, for the people pickers. */
export async function listPeople(db: Db): Promise<PersonOption[]> {
  return db.selectFrom('users').select(['id', 'name', 'email', 'role', 'status']).where('status', '!=', 'deactivated').orderBy('name').orderBy('id').execute();
}

/**
 * Who may hold a plan's roles (manager, buddy, leads): the active staff, that is everyone but the
 * accounts still in the new-hire role, plus `keep` (the people a plan already names, whatever their role).
 */
export async function listPlanStaff(db: Db, keep: readonly number[] = []): Promise<PersonOption[]> {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'status'])
    .where('status', '!=', 'deactivated')
    .where((eb) => (keep.length > 0 ? eb.or([eb('role', '!=', 'new_hire'), eb('id', 'in', [...keep])]) : eb('role', '!=', 'new_hire')))
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function namesOf(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function userIdsWithPlans(db: Db): Promise<Set<number>> {
  const rows = await db.selectFrom('onboarding_plans').select('new_hire_id').execute();
  return new Set(rows.map((row) => row.new_hire_id));
}

/** Whether a plan already starts from this hired application (one plan per hire). */
export async function planExistsForApplication(db: Db, applicationId: number): Promise<boolean> {
  return (await db.selectFrom('onboarding_plans').select('id').where('application_id', '=', applicationId).executeTakeFirst()) !== undefined;
}

/** The plan made from a hired application, as others name it: whose plan, and when it starts. */
export async function findPlanOfApplication(db: Db, applicationId: number): Promise<{ id: number; newHireName: string; startDate: string } | undefined> {
  const row = await db.selectFrom('onboarding_plans').innerJoin('users', 'users.id', 'onboarding_plans.new_hire_id').select(['onboarding_plans.id', 'users.name', 'onboarding_plans.start_date']).where('onboarding_plans.application_id', '=', applicationId).orderBy('onboarding_plans.id').executeTakeFirst();
  return row && { id: row.id, newHireName: row.name, startDate: row.start_date };
}
