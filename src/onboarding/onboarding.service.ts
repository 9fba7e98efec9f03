import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../db/database';
import { isRole, roleCan } from '../auth/permissions';
import type { FileStorage } from '../uploads/file-storage';
import { keepUpload } from '../uploads/stored-files.repository';
import type { AcceptedUpload } from '../uploads/upload';
import { findUserById } from '../users/users.repository';
import { type FieldErrors, NotFoundError, ValidationError } from '../web/errors';
import {
  findPlan,
  findPlanOfNewHire,
  findPlanTask,
  findTemplateByRole,
  insertPlan,
  insertPlanTasks,
  listPlanTasks,
  listTemplateTasks,
  markPlanTaskDone,
  namesOf,
  type PlanRecord,
  type PlanTaskRecord,
  sendBackPlanTask,
  setPlanCompletedAt,
  setPlanReview,
  setTaskDueDate,
  signOffPlanTask,
  updatePlanSchedule,
} from './onboarding.repository';
import {
  buildPlanTasks,
  checkEvidence,
  isOverdue,
  isPlanComplete,
  type OwnerRole,
  type PlanPeople,
  personFor,
  planProgress,
  type Progress,
  rescheduleOpenTasks,
  type ReviewRating,
  signerOf,
  type TaskState,
  taskState,
  type Track,
} from './plan';

/** The people of a plan as the form names them. */
export const PEOPLE_FIELDS = ['manager_id', 'buddy_id', 'product_lead_id', 'cs_lead_id', 'sdr_lead_id'] as const;
export type PeopleField = (typeof PEOPLE_FIELDS)[number];

export interface PlanInput {
  readonly newHireId: number;
  readonly roleId: number;
  readonly startDate: string;
  readonly managerId: number;
  readonly buddyId: number | null;
  readonly productLeadId: number | null;
  readonly csLeadId: number | null;
  readonly sdrLeadId: number | null;
  /** The recorded hire this plan starts from (checked: hired, visible to the creator, not linked to another plan). */
  readonly applicationId?: number | null;
}

/* Who may see what ----------------------------------------------------------------------------- */

type Viewer = Pick<Express.User, 'id' | 'role'>;

/** Admins and recruiters see every plan; a hiring manager sees the plans they manage. */
export function canViewPlan(viewer: Viewer, plan: Pick<PlanRecord, 'people'>): boolean {
  if (roleCan(viewer.role, 'onboarding:plans_all')) return true;
  return roleCan(viewer.role, 'onboarding:plans') && plan.people.managerId === viewer.id;
}

/** The new hire, whoever may view the plan, and the task's owner and signer. */
export function canSeeTask(viewer: Viewer, plan: Pick<PlanRecord, 'people'>, task: Pick<PlanTaskRecord, 'ownerRole' | 'signOff'>): boolean {
  return plan.people.newHireId === viewer.id || canViewPlan(viewer, plan) || personFor(plan.people, task.ownerRole) === viewer.id || signerOf(plan.people, task) === viewer.id;
}

/* Creating and changing plans ------------------------------------------------------------------ */

async function checkPeople(db: DbOrTrx, newHireId: number, people: Record<PeopleField, number | null>): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  for (const field of PEOPLE_FIELDS) {
    const id = people[field];
    if (id === null) {
      if (field === 'manager_id') errors[field] = 'validation.required';
      continue;
    }
    if (id === newHireId) {
      errors[field] = 'onboarding.error.notTheNewHire';
      continue;
    }
    const user = await findUserById(db, id);
    if (!user || user.status === 'deactivated') errors[field] = 'onboarding.error.personInvalid';
    else if (field === 'manager_id' && !(isRole(user.role) && roleCan(user.role, 'onboarding:plans'))) errors[field] = 'onboarding.error.managerRole';
  }
  return errors;
}

function peopleOf(input: Omit<PlanInput, 'newHireId' | 'roleId' | 'startDate'>): Record<PeopleField, number | null> {
  return { manager_id: input.managerId, buddy_id: input.buddyId, product_lead_id: input.productLeadId, cs_lead_id: input.csLeadId, sdr_lead_id: input.sdrLeadId };
}

/**
 * Creates a plan for a person from the current template of a sales role: the template's tasks are
 * copied, each due its number of days after the start date, so later template edits never change
 * the plan. Checks every reference and throws a ValidationError naming the form fields
 * (`hire_user_id`, `role_id`, `manager_id`, …). Does not open a transaction: call it inside one
 * (the plan form also invites the new hire in the same transaction; a hire decision can too).
 */
export async function createPlanFromTemplate(trx: DbOrTrx, input: PlanInput, createdBy: number | null, now: Date): Promise<number> {
  const errors: FieldErrors = await checkPeople(trx, input.newHireId, peopleOf(input));
  const newHire = await findUserById(trx, input.newHireId);
  if (!newHire || newHire.status === 'deactivated') errors.hire_user_id = 'onboarding.error.personInvalid';
  else if (await findPlanOfNewHire(trx, input.newHireId)) errors.hire_user_id = 'onboarding.error.hasPlan';
  const template = await findTemplateByRole(trx, input.roleId);
  const templateTasks = template ? await listTemplateTasks(trx, template.id) : [];
  if (!template) errors.role_id = 'onboarding.error.roleInvalid';
  else if (templateTasks.length === 0) errors.role_id = 'onboarding.error.templateEmpty';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const people: PlanPeople = { newHireId: input.newHireId, managerId: input.managerId, buddyId: input.buddyId, productLeadId: input.productLeadId, csLeadId: input.csLeadId, sdrLeadId: input.sdrLeadId };
  const planId = await insertPlan(trx, { roleId: input.roleId, startDate: input.startDate, people, createdBy, applicationId: input.applicationId ?? null }, now);
  await insertPlanTasks(trx, planId, buildPlanTasks(templateTasks, input.startDate));
  return planId;
}

/** Sets completed_at when the plan has just become complete (kept), clears it if it no longer is. */
async function refreshCompletion(trx: DbOrTrx, planId: number, now: Date): Promise<void> {
  const plan = await findPlan(trx, planId);
  if (!plan) return;
  const complete = isPlanComplete(await listPlanTasks(trx, [planId]));
  if (complete && plan.completedAt === null) await setPlanCompletedAt(trx, planId, now.toISOString());
  if (!complete && plan.completedAt !== null) await setPlanCompletedAt(trx, planId, null);
}

/** New start date and people. Open tasks move with the start date; tasks already done keep their dates. */
export async function changePlan(db: Kysely<Database>, planId: number, input: Omit<PlanInput, 'newHireId' | 'roleId'>, now: Date): Promise<{ moved: number }> {
  return db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, planId);
    if (!plan) throw new NotFoundError();
    const errors = await checkPeople(trx, plan.people.newHireId, peopleOf(input));
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await updatePlanSchedule(trx, planId, { startDate: input.startDate, people: { managerId: input.managerId, buddyId: input.buddyId, productLeadId: input.productLeadId, csLeadId: input.csLeadId, sdrLeadId: input.sdrLeadId } }, now);
    const moved = rescheduleOpenTasks(await listPlanTasks(trx, [planId]), input.startDate);
    for (const task of moved) await setTaskDueDate(trx, task.id, task.dueDate);
    return { moved: moved.length };
  });
}

/* Working through the checklist ---------------------------------------------------------------- */

/** A task and its plan, when the actor may act on it as `as`; otherwise 404 (no hint that it exists). */
async function taskFor(trx: DbOrTrx, taskId: number, actorId: number, as: 'new_hire' | 'signer'): Promise<{ task: PlanTaskRecord; plan: PlanRecord }> {
  const task = await findPlanTask(trx, taskId);
  const plan = task && (await findPlan(trx, task.planId));
  if (!task || !plan) throw new NotFoundError();
  const allowed = as === 'new_hire' ? plan.people.newHireId === actorId : signerOf(plan.people, task) === actorId;
  if (!allowed) throw new NotFoundError();
  return { task, plan };
}

/**
 * The new hire marks a task done, with an optional note and file (required when the task says so).
 * The file is kept inside the transaction; if anything fails it is removed again.
 */
export async function markTaskDone(
  { db, storage }: { db: Kysely<Database>; storage: FileStorage },
  actorId: number,
  taskId: number,
  evidence: { note: string; upload?: AcceptedUpload },
  now: Date,
): Promise<{ awaitingSignOff: boolean }> {
  let keptKey: string | undefined;
  try {
    return await db.transaction().execute(async (trx) => {
      const { task } = await taskFor(trx, taskId, actorId, 'new_hire');
      if (task.kind === 'review') throw new ValidationError({ _form: 'onboarding.error.reviewByManager' });
      if (task.doneAt !== null) throw new ValidationError({ _form: 'onboarding.error.alreadyDone' });
      const missing = checkEvidence(task, { note: evidence.note, hasFile: evidence.upload !== undefined || task.evidenceFile !== null });
      if (missing) throw new ValidationError({ note: missing });
      let fileId: number | null = null;
      if (evidence.upload) {
        const stored = await keepUpload(trx, storage, evidence.upload, actorId, now);
        keptKey = stored.storageKey;
        fileId = stored.id;
      }
      const note = evidence.note.trim();
      if (!(await markPlanTaskDone(trx, taskId, { by: actorId, note: note === '' ? null : note, fileId }, now))) throw new ValidationError({ _form: 'onboarding.error.alreadyDone' });
      await refreshCompletion(trx, task.planId, now);
      return { awaitingSignOff: task.signOff !== 'none' };
    });
  } catch (err) {
    if (keptKey) await storage.remove(keptKey);
    throw err;
  }
}

export async function signOffTask(db: Kysely<Database>, actorId: number, taskId: number, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { task } = await taskFor(trx, taskId, actorId, 'signer');
    if (taskState(task) !== 'awaiting_sign_off' || !(await signOffPlanTask(trx, taskId, actorId, now))) throw new ValidationError({ _form: 'onboarding.error.notAwaiting' });
    await refreshCompletion(trx, task.planId, now);
  });
}

/** Sends a task back to the new hire: it reopens, and the comment tells them what is missing. */
export async function sendBackTask(db: Kysely<Database>, actorId: number, taskId: number, comment: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { task } = await taskFor(trx, taskId, actorId, 'signer');
    if (taskState(task) !== 'awaiting_sign_off' || !(await sendBackPlanTask(trx, taskId, actorId, comment, now))) throw new ValidationError({ _form: 'onboarding.error.notAwaiting' });
    await refreshCompletion(trx, task.planId, now);
  });
}

/** The manager records the 90-day review: the rating and note go on the plan, the review task is done. */
export async function recordReview(db: Kysely<Database>, actorId: number, planId: number, review: { rating: ReviewRating; note: string }, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, planId);
    if (!plan) throw new NotFoundError();
    if (plan.people.managerId !== actorId) throw new ValidationError({ _form: 'onboarding.error.reviewByManager' });
    await setPlanReview(trx, planId, { ...review, reviewedBy: actorId }, now);
    for (const task of (await listPlanTasks(trx, [planId])).filter((t) => t.kind === 'review' && t.doneAt === null)) {
      await markPlanTaskDone(trx, task.id, { by: actorId, note: null, fileId: null }, now);
    }
    await refreshCompletion(trx, planId, now);
  });
}

/* View models ---------------------------------------------------------------------------------- */

export interface TaskView {
  readonly id: number;
  readonly planId: number;
  readonly title: string;
  readonly description: string;
  readonly track: Track;
  readonly kind: PlanTaskRecord['kind'];
  readonly ownerRole: OwnerRole;
  readonly ownerName: string;
  readonly dueDate: string;
  readonly overdue: boolean;
  readonly state: TaskState;
  readonly required: boolean;
  readonly evidenceRequired: boolean;
  readonly signOff: PlanTaskRecord['signOff'];
  readonly signerId: number | null;
  readonly signerName: string | null;
  readonly doneAt: string | null;
  readonly evidenceNote: string | null;
  readonly evidenceFile: PlanTaskRecord['evidenceFile'];
  readonly signedOffAt: string | null;
  readonly returnComment: string | null;
  readonly returnedByName: string | null;
}

export interface PlanView {
  readonly id: number;
  readonly roleName: string;
  readonly startDate: string;
  readonly newHireId: number;
  readonly newHireName: string;
  readonly people: PlanPeople;
  readonly names: Readonly<Record<'manager' | 'buddy' | 'product_lead' | 'cs_lead' | 'sdr_lead', string>>;
  readonly completedAt: string | null;
  readonly review: PlanRecord['review'];
  readonly overall: Progress;
  readonly tracks: readonly { track: Track; progress: Progress; tasks: TaskView[] }[];
  readonly tasks: readonly TaskView[];
  readonly nextDue: TaskView | undefined;
}

/** Plans with their tasks, names and progress, ready for a page. */
export async function loadPlanViews(db: DbOrTrx, plans: readonly PlanRecord[], today: string): Promise<PlanView[]> {
  const tasks = await listPlanTasks(db, plans.map((p) => p.id));
  const ids = plans.flatMap((p) => [p.people.newHireId, p.people.managerId, p.people.buddyId, p.people.productLeadId, p.people.csLeadId, p.people.sdrLeadId]);
  const names = await namesOf(db, [...ids.filter((id): id is number => id !== null), ...tasks.flatMap((t) => (t.returnedBy !== null ? [t.returnedBy] : []))]);
  const nameOf = (id: number | null) => (id === null ? '' : (names.get(id) ?? ''));
  return plans.map((plan) => {
    const own = tasks.filter((t) => t.planId === plan.id);
    const views: TaskView[] = own.map((task) => {
      const signerId = signerOf(plan.people, task);
      return {
        id: task.id,
        planId: plan.id,
        title: task.title,
        description: task.description,
        track: task.track,
        kind: task.kind,
        ownerRole: task.ownerRole,
        ownerName: nameOf(personFor(plan.people, task.ownerRole)),
        dueDate: task.dueDate,
        overdue: isOverdue(task, today),
        state: taskState(task),
        required: task.required,
        evidenceRequired: task.evidenceRequired,
        signOff: task.signOff,
        signerId,
        signerName: signerId === null ? null : nameOf(signerId),
        doneAt: task.doneAt,
        evidenceNote: task.evidenceNote,
        evidenceFile: task.evidenceFile,
        signedOffAt: task.signedOffAt,
        returnComment: task.returnComment,
        returnedByName: task.returnedBy === null ? null : nameOf(task.returnedBy),
      };
    });
    const progress = planProgress(own, today);
    const open = views.filter((t) => t.doneAt === null).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    return {
      id: plan.id,
      roleName: plan.roleName,
      startDate: plan.startDate,
      newHireId: plan.people.newHireId,
      newHireName: nameOf(plan.people.newHireId),
      people: plan.people,
      names: {
        manager: nameOf(plan.people.managerId),
        buddy: nameOf(personFor(plan.people, 'buddy')),
        product_lead: nameOf(personFor(plan.people, 'product_lead')),
        cs_lead: nameOf(personFor(plan.people, 'cs_lead')),
        sdr_lead: nameOf(personFor(plan.people, 'sdr_lead')),
      },
      completedAt: plan.completedAt,
      review: plan.review,
      overall: progress.overall,
      tracks: progress.byTrack.map((group) => ({ ...group, tasks: views.filter((t) => t.track === group.track) })),
      tasks: views,
      nextDue: open[0],
    };
  });
}
