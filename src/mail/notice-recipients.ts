import type { Transaction } from 'kysely';
import { findApplication, findCandidate } from '../candidates/candidates.service';
import { countMissingScorecards, findDecision } from '../comparison/comparison.service';
import type { Database } from '../db/database';
import type { DomainEvent } from '../events/domain-events';
import { findScheduledInterview, type ScheduledInterview } from '../interviews/interviews.service';
import { findPlan, findPlanTask } from '../onboarding/onboarding.service';
import { signerOf } from '../onboarding/plan';
import { findRecruiterIds } from '../openings/openings.service';
import { findUserById, type User } from '../users/users.service';
import { seededTask } from '../i18n/seeded-texts';
import { getCompanyLanguage } from '../settings/settings.service';
import type { InterviewLetter } from './letter-types';
import type { NoticeLetter, TaskLine } from './notice-letters';

export type NoticeAddressed = { to: User; letter: NoticeLetter };

/** What an interview's messages say of it, in no one's language yet. */
export function interviewLetter(interview: ScheduledInterview): InterviewLetter {
  return {
    id: interview.id,
    candidate: interview.candidateName,
    stage: interview.stageName,
    stageSeedKey: interview.stageSeedKey,
    opening: interview.openingTitle,
    startsAt: interview.scheduledAt ?? '',
    durationMinutes: interview.durationMinutes,
    location: interview.location,
    note: interview.note,
    panel: interview.panel.map((p) => p.name),
    organizer: interview.organizer?.name ?? '',
    reason: interview.cancelReason,
  };
}

async function taskLine(trx: Transaction<Database>, taskId: number): Promise<(TaskLine & { seedKey: string | null; planPeople: NonNullable<Awaited<ReturnType<typeof findPlan>>>['people']; signOff: 'none' | 'owner' | 'manager'; ownerRole: string; returnComment: string | null }) | undefined> {
  const task = await findPlanTask(trx, taskId, null);
  const plan = task && (await findPlan(trx, task.planId));
  if (!task || !plan) return undefined;
  const hire = await findUserById(trx, plan.people.newHireId);
  return { task: task.title, seedKey: task.seedKey ?? null, hire: hire?.name ?? '', dueDate: task.dueDate, planPeople: plan.people, signOff: task.signOff, ownerRole: task.ownerRole, returnComment: task.returnComment };
}

/** A seeded task's title in its recipient's language (theirs, else the company's), as the rest of their letter is. */
async function titleFor(trx: Transaction<Database>, to: User, line: { task: string; seedKey: string | null }): Promise<string> {
  if (line.seedKey === null) return line.task;
  return seededTask(line.seedKey, to.language ?? (await getCompanyLanguage(trx)))?.title ?? line.task;
}

const named = async (trx: Transaction<Database>, id: number | null) => (id === null ? '' : ((await findUserById(trx, id))?.name ?? ''));

/**
 * The reminders and notices an event causes, and for whom: a scorecard reminder; "ready for a
 * decision" to the hiring manager when an application's last owed scorecard arrives; a recorded
 * decision to the opening's recruiters, and its reopening to them and the hiring manager; onboarding tasks due soon, overdue, done (to whoever signs
 * off) and sent back (to the new hire). The person who caused the event is not told of it.
 */
export async function noticesFor(trx: Transaction<Database>, event: DomainEvent, at: Date): Promise<NoticeAddressed[]> {
  const user = (id: number) => findUserById(trx, id);
  const others = (ids: readonly number[]) => [...new Set(ids)].filter((id) => id !== event.actorId);
  switch (event.type) {
    case 'ScorecardReminderSent': {
      const [to, interview] = await Promise.all([user(event.interviewerId), findScheduledInterview(trx, event.interviewId)]);
      return to && interview ? [{ to, letter: { kind: 'scorecard_reminder', interview: interviewLetter(interview), byHand: event.byHand ? await named(trx, event.actorId) : '' } }] : [];
    }
    case 'ScorecardSubmitted': {
      const application = await findApplication(trx, event.applicationId, 'en');
      if (!application || application.status !== 'active' || (await findDecision(trx, application.id))) return [];
      if (((await countMissingScorecards(trx, [application.id], at)).get(application.id) ?? 0) > 0) return [];
      // A hiring manager who handed in the last scorecard knows already.
      if (others([application.hiringManagerId]).length === 0) return [];
      const [to, candidate] = await Promise.all([user(application.hiringManagerId), findCandidate(trx, application.candidateId)]);
      return to && candidate ? [{ to, letter: { kind: 'debrief_ready', applicationId: application.id, candidate: candidate.name, opening: application.openingTitle } }] : [];
    }
    case 'DecisionRecorded': {
      const application = await findApplication(trx, event.applicationId, 'en');
      const candidate = application && (await findCandidate(trx, application.candidateId));
      if (!application || !candidate) return [];
      const person = await named(trx, event.actorId);
      const recipients = await Promise.all(others(await findRecruiterIds(trx, event.openingId)).map(user));
      return recipients.flatMap((to) => (to ? [{ to, letter: { kind: 'decision_recorded' as const, applicationId: application.id, candidate: candidate.name, opening: application.openingTitle, decision: event.decision, person } }] : []));
    }
    // Whoever was told of the decision, and the hiring manager who decides again; the reason stays on the page.
    case 'DecisionReopened': {
      const application = await findApplication(trx, event.applicationId, 'en');
      const candidate = application && (await findCandidate(trx, application.candidateId));
      if (!application || !candidate) return [];
      const person = await named(trx, event.actorId);
      const recipients = await Promise.all(others([...(await findRecruiterIds(trx, event.openingId)), application.hiringManagerId]).map(user));
      return recipients.flatMap((to) => (to ? [{ to, letter: { kind: 'decision_reopened' as const, applicationId: application.id, candidate: candidate.name, opening: application.openingTitle, decision: event.decision, person } }] : []));
    }
    case 'OnboardingTaskDueSoon': {
      const [to, line] = await Promise.all([user(event.ownerId), taskLine(trx, event.taskId)]);
      return to && line ? [{ to, letter: { kind: 'task_due', task: await titleFor(trx, to, line), hire: line.hire, dueDate: line.dueDate } }] : [];
    }
    case 'OnboardingOverdueDigest': {
      const to = await user(event.managerId);
      const lines = (await Promise.all(event.taskIds.map((id) => taskLine(trx, id)))).filter((l) => l !== undefined);
      return to && lines.length > 0 ? [{ to, letter: { kind: 'overdue_digest', tasks: await Promise.all(lines.map(async (l) => ({ task: await titleFor(trx, to, l), hire: l.hire, dueDate: l.dueDate }))) } }] : [];
    }
    case 'OnboardingTaskDone': {
      if (!event.awaitingSignOff) return [];
      const line = await taskLine(trx, event.taskId);
      const signer = line && signerOf(line.planPeople, { signOff: line.signOff, ownerRole: line.ownerRole as never });
      const to = signer && others([signer]).length > 0 ? await user(signer) : undefined;
      return to && line ? [{ to, letter: { kind: 'sign_off_requested', task: await titleFor(trx, to, line), hire: line.hire } }] : [];
    }
    case 'OnboardingTaskSentBack': {
      const line = await taskLine(trx, event.taskId);
      const to = line && (await user(line.planPeople.newHireId));
      return to && line ? [{ to, letter: { kind: 'task_sent_back', task: await titleFor(trx, to, line), person: await named(trx, event.actorId), comment: line.returnComment ?? '' } }] : [];
    }
    default:
      return [];
  }
}
