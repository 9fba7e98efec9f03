import { isRole, requirePermission, roleCan } from '../auth/permissions';
import { canViewApplication, type Viewer } from '../auth/scopes';
import type { DbOrTrx } from '../db/database';
import { lockOpeningOfApplication } from '../db/locks';
import { isUniqueViolation } from '../db/errors';
import { runInUnitOfWork, type UnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { findApplication } from '../candidates/candidates.service';
import { type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import { findUserById } from '../users/users.service';
import { inviteUserIn } from '../users/users.use-cases';
import { canViewPlan } from './access';
import { refreshCompletion } from './completion';
import { findPlan, findPlanOfNewHire, insertPlan, insertPlanTasks, listPlanTasks, markPlanTaskDone, planExistsForApplication, setPlanReview, setTaskDueDate, updatePlanSchedule } from './onboarding.repository';
import { findTemplateByRole, listTemplateTasks } from './onboarding-templates.repository';
import { buildPlanTasks, isReviewOpen, type PlanPeople, rescheduleOpenTasks, type ReviewRating, todayOf } from './plan';

/** The people of a plan as the form names them. */
export const PEOPLE_FIELDS = ['manager_id', 'buddy_id', 'product_lead_id', 'cs_lead_id', 'sdr_lead_id'] as const;
export type PeopleField = (typeof PEOPLE_FIELDS)[number];

export type PlanPeopleInput = Omit<PlanPeople, 'newHireId'>;

export interface PlanInput extends PlanPeopleInput {
  readonly newHireId: number;
  readonly roleId: number;
  readonly startDate: string;
  /** The recorded hire this plan starts from. */
  readonly applicationId?: number | null;
}

const byFieldOf = (people: PlanPeopleInput): Record<PeopleField, number | null> => ({ manager_id: people.managerId, buddy_id: people.buddyId, product_lead_id: people.productLeadId, cs_lead_id: people.csLeadId, sdr_lead_id: people.sdrLeadId });

/**
 * Every person must be active and not the new hire; the manager may manage plans; the buddy and the
 * leads are staff (someone still in the new-hire role follows a checklist rather than running others'
 * sessions) unless the plan names them already (`current`), so saving the plan never drops them.
 */
async function checkPeople(db: DbOrTrx, newHireId: number, people: PlanPeopleInput, current?: PlanPeopleInput): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const byField = byFieldOf(people);
  const before = current ? byFieldOf(current) : undefined;
  for (const field of PEOPLE_FIELDS) {
    const id = byField[field];
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
    else if (field !== 'manager_id' && user.role === 'new_hire' && before?.[field] !== id) errors[field] = 'onboarding.error.ownerRole';
  }
  return errors;
}

/**
 * Creates a plan for a person from the current template of a sales role: the template's tasks are
 * copied, each due its number of days after the start date, so later template edits never change
 * the plan. Checks every reference and throws a ValidationError naming the form fields
 * (`hire_user_id`, `role_id`, `manager_id`, …).
 */
export async function createPlanIn(uow: UnitOfWork, actorId: number | null, input: PlanInput): Promise<number> {
  const errors: FieldErrors = await checkPeople(uow.trx, input.newHireId, input);
  const newHire = await findUserById(uow.trx, input.newHireId);
  if (!newHire || newHire.status === 'deactivated') errors.hire_user_id = 'onboarding.error.personInvalid';
  else if (await findPlanOfNewHire(uow.trx, input.newHireId)) errors.hire_user_id = 'onboarding.error.hasPlan';
  const template = await findTemplateByRole(uow.trx, input.roleId, 'en');
  // Copied as stored, seed keys included: a seeded task keeps reading in each reader's language.
  const templateTasks = template ? await listTemplateTasks(uow.trx, template.id, null) : [];
  if (!template) errors.role_id = 'onboarding.error.roleInvalid';
  else if (templateTasks.length === 0) errors.role_id = 'onboarding.error.templateEmpty';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const people: PlanPeople = { newHireId: input.newHireId, managerId: input.managerId, buddyId: input.buddyId, productLeadId: input.productLeadId, csLeadId: input.csLeadId, sdrLeadId: input.sdrLeadId };
  const applicationId = input.applicationId ?? null;
  const planId = await insertPlan(uow.trx, { roleId: input.roleId, startDate: input.startDate, people, createdBy: actorId, applicationId }, uow.now).catch((err: unknown) => {
    // The database holds one plan per hire: a plan made meanwhile for the same hire is the usual "already has a plan".
    if (applicationId !== null && isUniqueViolation(err)) throw new ValidationError({ _form: 'onboarding.error.applicationInvalid' });
    throw err;
  });
  await insertPlanTasks(uow.trx, planId, buildPlanTasks(templateTasks, input.startDate));
  uow.record({ type: 'OnboardingPlanCreated', actorId, subject: { type: 'onboarding_plan', id: planId }, counts: { tasks: templateTasks.length }, planId, newHireId: input.newHireId, applicationId, roleId: input.roleId, managerId: input.managerId, startDate: input.startDate });
  return planId;
}

export type NewHire = { mode: 'existing'; userId: number } | { mode: 'invite'; name: string; email: string };

/**
 * Creates a plan for someone with an account, or for a new hire invited in the same step (the
 * invite and the plan commit together). When it starts from a recorded hire, that application must
 * be hired, visible to the actor and not have a plan yet. Returns the plan and, for an invite, the
 * token of the invite link; `visible` says whether the actor may open the plan afterwards.
 */
export async function createPlan(
  deps: UseCaseDeps & { readonly inviteTtlMs: number },
  actor: Viewer,
  input: Omit<PlanInput, 'newHireId'> & { hire: NewHire },
): Promise<{ planId: number; inviteToken?: string; visible: boolean }> {
  requirePermission(actor, 'onboarding:plans');
  return runInUnitOfWork(deps, async (uow) => {
    if (input.applicationId != null) await checkHiredApplication(uow, actor, input.applicationId);
    let newHireId: number;
    let inviteToken: string | undefined;
    if (input.hire.mode === 'invite') {
      try {
        ({ userId: newHireId, token: inviteToken } = await inviteUserIn(uow, deps.inviteTtlMs, actor.id, { name: input.hire.name, email: input.hire.email, role: 'new_hire' }));
      } catch (err) {
        if (err instanceof ValidationError && err.fieldErrors.email) throw new ValidationError({ hire_email: err.fieldErrors.email });
        throw err;
      }
    } else {
      newHireId = input.hire.userId;
    }
    const planId = await createPlanIn(uow, actor.id, { ...input, newHireId });
    const plan = await findPlan(uow.trx, planId);
    return { planId, inviteToken, visible: plan !== undefined && canViewPlan(actor, plan) };
  });
}

async function checkHiredApplication(uow: UnitOfWork, actor: Viewer, applicationId: number): Promise<void> {
  // A reopening of the same hire takes this lock too: the plan and the reopening never both go through.
  await lockOpeningOfApplication(uow.trx, applicationId);
  const application = (await canViewApplication(uow.trx, actor, applicationId)) ? await findApplication(uow.trx, applicationId, 'en') : undefined;
  if (!application || application.status !== 'hired' || (await planExistsForApplication(uow.trx, applicationId))) {
    throw new ValidationError({ _form: 'onboarding.error.applicationInvalid' });
  }
}

/** New start date and people. Open tasks move with the start date; tasks already done keep their dates. */
export async function changePlan(deps: UseCaseDeps, actor: Viewer, planId: number, input: PlanPeopleInput & { startDate: string }): Promise<{ moved: number; visible: boolean }> {
  requirePermission(actor, 'onboarding:plans');
  return runInUnitOfWork(deps, async (uow) => {
    const plan = await findPlan(uow.trx, planId);
    if (!plan || !canViewPlan(actor, plan)) throw new NotFoundError();
    const errors = await checkPeople(uow.trx, plan.people.newHireId, input, plan.people);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await updatePlanSchedule(uow.trx, planId, { startDate: input.startDate, people: { managerId: input.managerId, buddyId: input.buddyId, productLeadId: input.productLeadId, csLeadId: input.csLeadId, sdrLeadId: input.sdrLeadId } }, uow.now);
    const moved = rescheduleOpenTasks(await listPlanTasks(uow.trx, [planId], null), input.startDate);
    for (const task of moved) await setTaskDueDate(uow.trx, task.id, task.dueDate);
    uow.record({ type: 'OnboardingPlanChanged', actorId: actor.id, subject: { type: 'onboarding_plan', id: planId }, counts: { movedTasks: moved.length }, planId });
    const after = await findPlan(uow.trx, planId);
    return { moved: moved.length, visible: after !== undefined && canViewPlan(actor, after) };
  });
}

/** The manager records the 90-day review: the rating and note go on the plan, the review task is done. */
export async function recordReview(deps: UseCaseDeps, actor: Viewer, planId: number, review: { rating: ReviewRating; note: string }): Promise<void> {
  requirePermission(actor, 'onboarding:plans');
  await runInUnitOfWork(deps, async (uow) => {
    const plan = await findPlan(uow.trx, planId);
    if (!plan || !canViewPlan(actor, plan)) throw new NotFoundError();
    if (plan.people.managerId !== actor.id) throw new ValidationError({ _form: 'onboarding.error.reviewByManager' });
    // Recorded near day 90: the form opens on day 75 (a recorded review can be corrected any time).
    if (!plan.review && !isReviewOpen(plan.startDate, todayOf(uow.now))) throw new ValidationError({ _form: 'onboarding.error.reviewNotYet' });
    await setPlanReview(uow.trx, planId, { ...review, reviewedBy: actor.id }, uow.now);
    for (const task of (await listPlanTasks(uow.trx, [planId], null)).filter((t) => t.kind === 'review' && t.doneAt === null)) {
      await markPlanTaskDone(uow.trx, task.id, { by: actor.id, note: null, fileId: null }, uow.now);
    }
    await refreshCompletion(uow, planId, actor.id);
    uow.record({ type: 'ReviewRecorded', actorId: actor.id, subject: { type: 'onboarding_plan', id: planId }, planId });
  });
}
