import type { MessageKey } from '../i18n/i18n';
import type { InterviewLetter, LetterContext } from './letter-types';

/** A task of an onboarding plan as a notice names it. */
export interface TaskLine {
  readonly task: string;
  readonly hire: string;
  readonly dueDate: string;
}

/** Reminders and notices: what they are about, in no one's language yet. Never anyone's ratings. */
export type NoticeLetter =
  | { kind: 'scorecard_reminder'; interview: InterviewLetter; byHand: string }
  | { kind: 'debrief_ready'; applicationId: number; candidate: string; opening: string }
  | { kind: 'decision_recorded'; applicationId: number; candidate: string; opening: string; decision: 'hire' | 'no_hire'; person: string }
  | { kind: 'decision_reopened'; applicationId: number; candidate: string; opening: string; decision: 'hire' | 'no_hire'; person: string }
  | ({ kind: 'task_due' } & TaskLine)
  | { kind: 'overdue_digest'; tasks: readonly TaskLine[] }
  | { kind: 'sign_off_requested'; task: string; hire: string }
  | { kind: 'task_sent_back'; task: string; person: string; comment: string };

/** The words of a reminder or notice: what happened, and the link straight to what to do. */
export function noticeWords(letter: NoticeLetter, c: LetterContext): { subject: string; paragraphs: string[]; action: { label: string; url: string } } {
  const { t } = c;
  switch (letter.kind) {
    case 'scorecard_reminder': {
      const i = letter.interview;
      // An interview recorded without a time has none to name.
      const names = { candidate: i.candidate, stage: i.stage, opening: i.opening, when: i.startsAt ? c.when(i.startsAt) : t('interviews.noTime') };
      return {
        subject: t('mail.reminder.subject', names),
        paragraphs: [t('mail.reminder.body', names), ...(letter.byHand ? [t('mail.reminder.byHand', { person: letter.byHand })] : [])],
        action: { label: t('mail.reminder.action'), url: c.link(`/interviews/${i.id}`) },
      };
    }
    case 'debrief_ready':
      return { subject: t('mail.debrief.subject', { candidate: letter.candidate }), paragraphs: [t('mail.debrief.body', { candidate: letter.candidate, opening: letter.opening })], action: { label: t('mail.debrief.action'), url: c.link(`/applications/${letter.applicationId}/summary`) } };
    case 'decision_recorded': {
      const names = { candidate: letter.candidate, opening: letter.opening, person: letter.person, decision: t(`decision.${letter.decision}` as MessageKey) };
      return { subject: t('mail.decision.subject', names), paragraphs: [t('mail.decision.body', names)], action: { label: t('mail.decision.action'), url: c.link(`/applications/${letter.applicationId}`) } };
    }
    case 'decision_reopened': {
      const names = { candidate: letter.candidate, opening: letter.opening, person: letter.person, decision: t(`decision.${letter.decision}` as MessageKey) };
      return { subject: t('mail.reopened.subject', names), paragraphs: [t('mail.reopened.body', names)], action: { label: t('mail.reopened.action'), url: c.link(`/applications/${letter.applicationId}/summary`) } };
    }
    case 'task_due': {
      const names = { task: letter.task, hire: letter.hire, date: c.day(letter.dueDate) };
      return { subject: t('mail.taskDue.subject', names), paragraphs: [t('mail.taskDue.body', names)], action: { label: t('mail.taskDue.action'), url: c.link('/onboarding/tasks') } };
    }
    case 'overdue_digest':
      return {
        subject: t('mail.digest.subject', { n: letter.tasks.length }),
        paragraphs: [t('mail.digest.body'), ...letter.tasks.map((l) => t('mail.digest.line', { task: l.task, hire: l.hire, date: c.day(l.dueDate) }))],
        action: { label: t('mail.digest.action'), url: c.link('/onboarding/plans') },
      };
    case 'sign_off_requested':
      return { subject: t('mail.signOff.subject', { task: letter.task }), paragraphs: [t('mail.signOff.body', { task: letter.task, hire: letter.hire })], action: { label: t('mail.signOff.action'), url: c.link('/onboarding/tasks') } };
    case 'task_sent_back':
      return { subject: t('mail.sentBack.subject', { task: letter.task }), paragraphs: [t('mail.sentBack.body', { task: letter.task, person: letter.person, comment: letter.comment })], action: { label: t('mail.sentBack.action'), url: c.link('/onboarding') } };
  }
}
