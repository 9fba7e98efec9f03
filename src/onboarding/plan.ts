import type { MessageKey } from '../i18n/i18n';

/**
 * Onboarding plans, as plain data: building a plan from a template, due dates, progress, overdue
 * and completion. The product's opinion lives in the tracks: time with the product team, with
 * customer success and with sales development (SDR shadowing), next to company & culture and the
 * role itself.
 */
export const TRACKS = ['company', 'product', 'customer_success', 'sales_development', 'role'] as const;
export type Track = (typeof TRACKS)[number];

/** Who runs a task with the new hire (or `new_hire`: they do it on their own). */
export const OWNER_ROLES = ['new_hire', 'manager', 'buddy', 'product_lead', 'cs_lead', 'sdr_lead'] as const;
export type OwnerRole = (typeof OWNER_ROLES)[number];

/** Who confirms a task the new hire marked done: nobody, the task's owner, or the manager. */
export const SIGN_OFFS = ['none', 'owner', 'manager'] as const;
export type SignOff = (typeof SIGN_OFFS)[number];

/** `review` is the 90-day review: the manager completes it by recording a rating. */
export const TASK_KINDS = ['task', 'review'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** 90-day review: 1 well below expectations, 2 below, 3 above, 4 well above. No neutral middle. */
export const REVIEW_RATINGS = [1, 2, 3, 4] as const;
export type ReviewRating = (typeof REVIEW_RATINGS)[number];

export const MAX_DUE_DAY = 365;
export const TITLE_MAX = 160;
export const DESCRIPTION_MAX = 2000;
export const NOTE_MAX = 2000;

export interface TaskTemplate {
  readonly track: Track;
  readonly title: string;
  readonly description: string;
  readonly ownerRole: OwnerRole;
  readonly dueDay: number;
  readonly signOff: SignOff;
  readonly evidenceRequired: boolean;
  readonly required: boolean;
  readonly kind: TaskKind;
  /** The default task it was seeded from while its words are as seeded (then read in each reader's language). */
  readonly seedKey?: string | null;
}

/** A task of a running plan: a copy of its template task, with a due date and what happened to it. */
export interface PlanTask extends TaskTemplate {
  readonly id: number;
  readonly position: number;
  readonly dueDate: string;
  readonly doneAt: string | null;
  readonly signedOffAt: string | null;
  readonly returnComment: string | null;
}

export interface PlanPeople {
  readonly newHireId: number;
  readonly managerId: number;
  readonly buddyId: number | null;
  readonly productLeadId: number | null;
  readonly csLeadId: number | null;
  readonly sdrLeadId: number | null;
}

export function isTrack(value: unknown): value is Track {
  return (TRACKS as readonly unknown[]).includes(value);
}
export function isOwnerRole(value: unknown): value is OwnerRole {
  return (OWNER_ROLES as readonly unknown[]).includes(value);
}
export function isSignOff(value: unknown): value is SignOff {
  return (SIGN_OFFS as readonly unknown[]).includes(value);
}
export function isTaskKind(value: unknown): value is TaskKind {
  return (TASK_KINDS as readonly unknown[]).includes(value);
}

/* Dates ------------------------------------------------------------------------------------- */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (no 31 April, 29 February only in leap years), years 2000–2100. */
export function isIsoDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 2000 || year > 2100) return false;
  // Day 0 or a day past the month's end rolls into another month (and month 0 or 13 into another
  // year), so the month alone says whether the date is real.
  return new Date(Date.UTC(year, month - 1, day)).getUTCMonth() === month - 1;
}

/** `date` plus `days` calendar days (UTC, so no daylight-saving surprises). */
export function addDays(date: string, days: number): string {
  if (!isIsoDate(date)) throw new Error(`not a date: ${date}`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today's date in UTC, the date due dates are compared with. */
/** The 90-day review is written near its day: its form opens this many days after the start. */
export const REVIEW_OPENS_AFTER_DAYS = 75;

/** The day a plan's 90-day review form opens. */
export function reviewOpensOn(startDate: string): string {
  return addDays(startDate, REVIEW_OPENS_AFTER_DAYS);
}

/** Whether the 90-day review can be recorded today. */
export function isReviewOpen(startDate: string, today: string): boolean {
  return today >= reviewOpensOn(startDate);
}

/** The first Monday after `today`: when someone hired today would usually start (a Monday gives the next one). */
export function nextMonday(today: string): string {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  return addDays(today, (8 - weekday) % 7 || 7);
}

export function todayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/* Building and rescheduling ------------------------------------------------------------------- */

export interface NewPlanTask extends TaskTemplate {
  readonly position: number;
  readonly dueDate: string;
}

/** Track order first, then due day, then the template's own order. */
export function compareTasks(a: Pick<PlanTask, 'track' | 'dueDay' | 'position'>, b: Pick<PlanTask, 'track' | 'dueDay' | 'position'>): number {
  return TRACKS.indexOf(a.track) - TRACKS.indexOf(b.track) || a.dueDay - b.dueDay || a.position - b.position;
}

/** The tasks of a new plan: copies of the template's tasks, each due `dueDay` days after the start date. */
export function buildPlanTasks(templates: readonly (TaskTemplate & { position: number })[], startDate: string): NewPlanTask[] {
  return [...templates].sort(compareTasks).map((task, index) => ({ ...task, position: index, dueDate: addDays(startDate, task.dueDay) }));
}

/** New due dates after the start date moved: open tasks follow it; tasks already done keep theirs. */
export function rescheduleOpenTasks(tasks: readonly Pick<PlanTask, 'id' | 'dueDay' | 'dueDate' | 'doneAt'>[], newStartDate: string): { id: number; dueDate: string }[] {
  return tasks
    .filter((task) => task.doneAt === null)
    .flatMap((task) => {
      const dueDate = addDays(newStartDate, task.dueDay);
      return dueDate === task.dueDate ? [] : [{ id: task.id, dueDate }];
    });
}

/* State, progress, completion ----------------------------------------------------------------- */

export type TaskState = 'open' | 'awaiting_sign_off' | 'complete';

export function taskState(task: Pick<PlanTask, 'doneAt' | 'signOff' | 'signedOffAt'>): TaskState {
  if (task.doneAt === null) return 'open';
  if (task.signOff !== 'none' && task.signedOffAt === null) return 'awaiting_sign_off';
  return 'complete';
}

/** Not marked done and the due date has passed (due today is not overdue yet). */
export function isOverdue(task: Pick<PlanTask, 'doneAt' | 'dueDate'>, today: string): boolean {
  return task.doneAt === null && task.dueDate < today;
}

export interface Progress {
  readonly total: number;
  readonly complete: number;
  readonly awaitingSignOff: number;
  readonly overdue: number;
  /** Whole percent of tasks complete (done, and signed off where that is needed). */
  readonly percent: number;
}

type ProgressTask = Pick<PlanTask, 'track' | 'doneAt' | 'signOff' | 'signedOffAt' | 'dueDate'>;

function measure(tasks: readonly ProgressTask[], today: string): Progress {
  const states = tasks.map(taskState);
  const complete = states.filter((s) => s === 'complete').length;
  return {
    total: tasks.length,
    complete,
    awaitingSignOff: states.filter((s) => s === 'awaiting_sign_off').length,
    overdue: tasks.filter((t) => isOverdue(t, today)).length,
    percent: tasks.length === 0 ? 0 : Math.floor((complete * 100) / tasks.length),
  };
}

/** Progress overall and per track (only tracks that have tasks, in track order). */
export function planProgress(tasks: readonly ProgressTask[], today: string): { overall: Progress; byTrack: { track: Track; progress: Progress }[] } {
  return {
    overall: measure(tasks, today),
    byTrack: TRACKS.map((track) => ({ track, tasks: tasks.filter((t) => t.track === track) }))
      .filter((group) => group.tasks.length > 0)
      .map((group) => ({ track: group.track, progress: measure(group.tasks, today) })),
  };
}

/** A plan is complete when every required task is done and, where a sign-off is needed, signed off. */
export function isPlanComplete(tasks: readonly Pick<PlanTask, 'required' | 'doneAt' | 'signOff' | 'signedOffAt'>[]): boolean {
  return tasks.filter((t) => t.required).every((t) => taskState(t) === 'complete');
}

/** The open task due soonest (ties: plan order). */
export function nextDueTask<T extends Pick<PlanTask, 'doneAt' | 'dueDate' | 'position'>>(tasks: readonly T[]): T | undefined {
  return tasks.filter((t) => t.doneAt === null).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.position - b.position)[0];
}

/* People ------------------------------------------------------------------------------------- */

/** The person who runs tasks of an owner role; a role left empty on the plan falls to the manager. */
export function personFor(people: PlanPeople, ownerRole: OwnerRole): number {
  switch (ownerRole) {
    case 'new_hire':
      return people.newHireId;
    case 'manager':
      return people.managerId;
    case 'buddy':
      return people.buddyId ?? people.managerId;
    case 'product_lead':
      return people.productLeadId ?? people.managerId;
    case 'cs_lead':
      return people.csLeadId ?? people.managerId;
    case 'sdr_lead':
      return people.sdrLeadId ?? people.managerId;
  }
}

/** Who signs a task off, or null when it needs no sign-off. */
export function signerOf(people: PlanPeople, task: Pick<TaskTemplate, 'signOff' | 'ownerRole'>): number | null {
  if (task.signOff === 'none') return null;
  return task.signOff === 'manager' ? people.managerId : personFor(people, task.ownerRole);
}

/* Validation --------------------------------------------------------------------------------- */

export type TaskTemplateField = 'track' | 'title' | 'description' | 'ownerRole' | 'dueDay' | 'signOff' | 'kind';

/** Rules a task template must follow beyond its field formats. */
export function checkTaskTemplate(task: TaskTemplate): Partial<Record<TaskTemplateField, MessageKey>> {
  const errors: Partial<Record<TaskTemplateField, MessageKey>> = {};
  if (!Number.isInteger(task.dueDay) || task.dueDay < 0 || task.dueDay > MAX_DUE_DAY) errors.dueDay = 'onboarding.error.dueDay';
  if (task.ownerRole === 'new_hire' && task.signOff === 'owner') errors.signOff = 'onboarding.error.selfSignOff';
  if (task.kind === 'review') {
    if (task.ownerRole !== 'manager') errors.ownerRole = 'onboarding.error.reviewOwner';
    if (task.signOff !== 'none') errors.signOff = 'onboarding.error.reviewSignOff';
  }
  return errors;
}

/** What the new hire must give when marking a task done. */
export function checkEvidence(task: Pick<TaskTemplate, 'evidenceRequired'>, evidence: { note: string; hasFile: boolean }): MessageKey | undefined {
  if (task.evidenceRequired && evidence.note.trim() === '' && !evidence.hasFile) return 'onboarding.error.evidenceRequired';
  return undefined;
}
