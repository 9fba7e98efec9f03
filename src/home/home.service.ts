import type { Language } from '../i18n/i18n';
import { roleCan, type Role } from '../auth/permissions';
import type { DbOrTrx as Db } from '../db/database';
import { countMySection, listMyInterviews, minutesOverdue, type MyInterview } from '../interviews/interviews.service';
import { onboardingWorkOf } from '../onboarding/onboarding.service';
import { lastRemindersFor, mayRemindAgain } from '../reminders/reminders.service';
import {
  countNewApplications,
  type HomeApplication,
  listManagedOpenings,
  listOwedScorecards,
  listReadyForDecision,
  listRecruitingOpenings,
  listWithoutInterview,
  type OpeningScope,
  type OwedScorecard,
  readSetupState,
  type WaitingApplication,
} from './home.repository';

/** How many of my next interviews and owed scorecards the home page lists. */
const MY_LIST_SIZE = 5;
const WEEK_MS = 7 * 86_400_000;

export type Late<T> = T & { readonly overdueMinutes: number };

export interface Home {
  /** Everyone who interviews: what is next, what I owe. */
  readonly interviews?: { next: MyInterview[]; owed: Late<MyInterview>[]; counts: { upcoming: number; toScore: number } };
  /** Hiring managers (admins: every open opening): what is ready to decide, who owes feedback, what is new. */
  readonly decisions?: { openings: { id: number; title: string; newThisWeek: number }[]; ready: HomeApplication[]; waiting: Late<OwedScorecard>[] };
  /** Recruiters (admins: every open opening): applications with nothing scheduled at their stage, overdue scorecards. */
  readonly pipeline?: { withoutInterview: WaitingApplication[]; overdue: Late<OwedScorecard>[] };
  /** Admins on a new instance: what is left to set up (each item ticks itself off). */
  readonly setup?: { key: SetupItem; done: boolean; href: string }[];
  /** People with tasks in others' onboarding plans. */
  readonly onboarding?: { waiting: number; reviews: number; running: { title: string; newHireName: string; dueDate: string; overdue: boolean; planId: number }[] };
  /** For the "remind" buttons: the last reminder per "interviewId:interviewerId", and whether another may go yet. */
  readonly reminders?: Readonly<Record<string, { at: string; blocked: boolean }>>;
}

export type SetupItem = 'mail' | 'opening' | 'managers' | 'rubrics' | 'people';

export interface HomeViewer {
  readonly id: number;
  readonly role: Role;
}

function late<T extends { scheduledAt: string | null; durationMinutes: number }>(rows: readonly T[], now: Date): Late<T>[] {
  return rows.map((r) => ({ ...r, overdueMinutes: r.scheduledAt ? minutesOverdue(r.scheduledAt, r.durationMinutes, now) : 0 }));
}

async function interviewsPart(db: Db, viewer: HomeViewer, now: Date, language: Language, owedCount: Promise<number> | undefined): Promise<Home['interviews']> {
  const [next, owed, upcoming, toScore] = await Promise.all([
    listMyInterviews(db, viewer.id, 'upcoming', now, { size: MY_LIST_SIZE, offset: 0 }, language),
    listMyInterviews(db, viewer.id, 'toScore', now, { size: MY_LIST_SIZE, offset: 0 }, language),
    countMySection(db, viewer.id, 'upcoming', now),
    owedCount ?? countMySection(db, viewer.id, 'toScore', now),
  ]);
  return { next: next.interviews, owed: late(owed.interviews, now), counts: { upcoming, toScore } };
}

/**
 * The scorecards owed on a scope, read once per scope and page: an admin's decisions and pipeline
 * cards both list those of the whole company.
 */
type OwedIn = (scope: OpeningScope) => Promise<OwedScorecard[]>;

function owedOncePerPage(db: Db, viewer: HomeViewer, now: Date, language: Language): OwedIn {
  let all: Promise<OwedScorecard[]> | undefined;
  return (scope) => (scope === 'all' ? (all ??= listOwedScorecards(db, 'all', now, viewer.id, language)) : listOwedScorecards(db, scope, now, viewer.id, language));
}

async function decisionsPart(db: Db, viewer: HomeViewer, now: Date, owedIn: OwedIn): Promise<Home['decisions']> {
  const openings = await listManagedOpenings(db, viewer.id, viewer.role === 'admin');
  const ids = openings.map((o) => o.id);
  // An admin's lists cover the whole company (every opening, open or not).
  const scope = viewer.role === 'admin' ? 'all' : ids;
  const [ready, waiting, fresh] = await Promise.all([listReadyForDecision(db, scope, now), owedIn(scope), countNewApplications(db, ids, new Date(now.getTime() - WEEK_MS))]);
  return { openings: openings.map((o) => ({ ...o, newThisWeek: fresh.get(o.id) ?? 0 })), ready, waiting: late(waiting, now) };
}

async function pipelinePart(db: Db, viewer: HomeViewer, now: Date, language: Language, owedIn: OwedIn): Promise<Home['pipeline']> {
  // An admin's pipeline is the whole company's: no list of openings to read first.
  const scope: OpeningScope = viewer.role === 'admin' ? 'all' : (await listRecruitingOpenings(db, viewer.id, false)).map((o) => o.id);
  const [withoutInterview, owed] = await Promise.all([listWithoutInterview(db, scope, language), owedIn(scope)]);
  return { withoutInterview, overdue: late(owed, now).filter((o) => o.overdueMinutes > 0) };
}

async function setupPart(db: Db, mailConfigured: boolean): Promise<Home['setup']> {
  const state = await readSetupState(db);
  const items: { key: SetupItem; done: boolean; href: string }[] = [
    { key: 'mail', done: mailConfigured, href: '/settings/mail' },
    { key: 'opening', done: state.openings > 0, href: '/openings/new' },
    { key: 'managers', done: state.openings > 0 && state.openingsWithoutManager === 0, href: '/openings' },
    { key: 'rubrics', done: state.rubricsEdited > 0, href: '/rubrics' },
    { key: 'people', done: state.people > 1, href: '/users' },
  ];
  // Once everything is done the checklist has served its purpose.
  return items.every((i) => i.done) ? undefined : items;
}

async function onboardingPart(db: Db, viewer: HomeViewer, today: string, language: Language): Promise<Home['onboarding']> {
  const work = await onboardingWorkOf(db, viewer.id, today, language);
  if (work.waiting.length + work.reviews.length + work.running.length === 0) return undefined;
  return {
    waiting: work.waiting.length,
    reviews: work.reviews.length,
    running: work.running.slice(0, MY_LIST_SIZE).map(({ plan, task }) => ({ title: task.title, newHireName: plan.newHireName, dueDate: task.dueDate, overdue: task.overdue, planId: plan.id })),
  };
}

/** The home page of a person: only what their role does, within what they may see. */
/** `owedCount`: the scorecards the viewer owes, when the page has them counted already (the navigation shows them too). */
export async function homeOf(db: Db, viewer: HomeViewer, options: { now: Date; today: string; mailConfigured: boolean; language: Language; owedCount?: Promise<number> }): Promise<Home> {
  const { now } = options;
  const owedIn = owedOncePerPage(db, viewer, now, options.language);
  const [interviews, decisions, pipeline, setup, onboarding] = await Promise.all([
    roleCan(viewer.role, 'interviews:participate') ? interviewsPart(db, viewer, now, options.language, options.owedCount) : undefined,
    viewer.role === 'hiring_manager' || viewer.role === 'admin' ? decisionsPart(db, viewer, now, owedIn) : undefined,
    viewer.role === 'recruiter' || viewer.role === 'admin' ? pipelinePart(db, viewer, now, options.language, owedIn) : undefined,
    viewer.role === 'admin' ? setupPart(db, options.mailConfigured) : undefined,
    onboardingPart(db, viewer, options.today, options.language),
  ]);
  // Whoever sees a list of owed scorecards may remind: recruiters and admins on any, hiring managers on their openings'.
  const owed = [...(decisions?.waiting ?? []), ...(pipeline?.overdue ?? [])];
  const last = await lastRemindersFor(db, owed.map((o) => ({ interviewId: o.interviewId, userId: o.interviewerId })));
  const reminders = Object.fromEntries(owed.map((o) => `${o.interviewId}:${o.interviewerId}`).filter((key) => last.has(key)).map((key) => [key, { at: last.get(key)!, blocked: !mayRemindAgain(new Date(last.get(key)!), now) }]));
  return { ...(interviews ? { interviews } : {}), ...(decisions ? { decisions } : {}), ...(pipeline ? { pipeline } : {}), ...(setup ? { setup } : {}), ...(onboarding ? { onboarding } : {}), ...(owed.length > 0 ? { reminders } : {}) };
}

/** The count beside "My interviews" in the navigation: scorecards I owe on held interviews. */
export async function owedCount(db: Db, userId: number, now: Date): Promise<number> {
  return countMySection(db, userId, 'toScore', now);
}
