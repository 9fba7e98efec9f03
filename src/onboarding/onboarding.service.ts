import type { Language } from '../i18n/i18n';
import { seededRole } from '../i18n/seeded-texts';
import type { DbOrTrx } from '../db/database';
import { listPlansInvolving, listPlanTasks, namesOf, type PlanRecord, type PlanTaskRecord } from './onboarding.repository';
import { isOverdue, type OwnerRole, type PlanPeople, personFor, planProgress, type Progress, signerOf, type TaskState, taskState, type Track } from './plan';

/** What other features read of onboarding. */
export { findPlan, findPlanOfApplication, findPlanOfNewHire, findPlanTask, listPlans, planExistsForApplication, type PlanFilter } from './onboarding.repository';

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
export async function loadPlanViews(db: DbOrTrx, plans: readonly PlanRecord[], today: string, language: Language): Promise<PlanView[]> {
  const tasks = await listPlanTasks(db, plans.map((p) => p.id), language);
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
      roleName: seededRole(plan.roleSeedKey, language)?.name ?? plan.roleName,
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

/** A person's onboarding work in others' plans: tasks waiting for their sign-off, 90-day reviews they owe, and tasks they own that are not done (soonest due first). */
export async function onboardingWorkOf(db: DbOrTrx, userId: number, today: string, language: Language): Promise<{ waiting: { plan: PlanView; task: TaskView }[]; reviews: { plan: PlanView; task: TaskView }[]; running: { plan: PlanView; task: TaskView }[] }> {
  const plans = await listPlansInvolving(db, userId);
  const views = await loadPlanViews(db, plans, today, language);
  const rows = views.flatMap((plan) => plan.tasks.map((task) => ({ plan, task })));
  return {
    waiting: rows.filter(({ task }) => task.state === 'awaiting_sign_off' && task.signerId === userId),
    reviews: rows.filter(({ plan, task }) => task.kind === 'review' && task.doneAt === null && plan.people.managerId === userId),
    running: rows
      .filter(({ plan, task }) => task.kind !== 'review' && task.doneAt === null && task.ownerRole !== 'new_hire' && plan.completedAt === null && personFor(plan.people, task.ownerRole) === userId)
      .sort((a, b) => a.task.dueDate.localeCompare(b.task.dueDate)),
  };
}
