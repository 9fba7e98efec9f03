import type { Role } from '../auth/permissions';
import type { MessageKey } from '../i18n/i18n';
import { stageNameWith } from '../i18n/seeded-texts';
import type { InterviewLetter, LetterContext } from './letter-types';
import type { MailContent } from './compose';
import type { MailKind } from './mail-kinds';
import { type NoticeLetter, noticeWords } from './notice-letters';

export type { InterviewLetter, LetterContext } from './letter-types';

export type Letter =
  | { kind: 'invite'; inviter: string; role: Role; token: string; expiresAt: string; renewed: boolean }
  | { kind: 'password_reset'; token: string; expiresAt: string }
  | { kind: 'welcome'; roleName: string; startDate: string; managerName: string }
  | { kind: 'password_changed'; at: Date }
  | { kind: 'email_changed'; at: Date; newEmail: string }
  | { kind: 'email_confirm'; token: string; expiresAt: string }
  | { kind: 'test' }
  | { kind: 'application_received'; title: string; retentionMonths: number }
  | { kind: 'interview_invite' | 'interview_update'; interview: InterviewLetter }
  | { kind: 'interview_cancel'; interview: InterviewLetter; removed: boolean }
  | NoticeLetter;

/** The lines every interview message carries: when, how long, where, who, the note. */
function interviewDetails(i: InterviewLetter, c: LetterContext): string[] {
  const { t } = c;
  return [
    t('mail.interview.when', { when: c.when(i.startsAt), minutes: i.durationMinutes }),
    t('mail.interview.where', { where: i.location || t('mail.interview.nowhere') }),
    t('mail.interview.panel', { panel: i.panel.join(', ') }),
    ...(i.note ? [t('mail.interview.note', { note: i.note })] : []),
  ];
}

function interviewLetter(letter: Extract<Letter, { interview: InterviewLetter }>, c: LetterContext) {
  const { t } = c;
  const i = letter.interview;
  const names = { candidate: i.candidate, stage: stageNameWith(c.t, i.stage, i.stageSeedKey), opening: i.opening, when: c.when(i.startsAt), organizer: i.organizer };
  const kit = { label: t('mail.interview.action'), url: c.link(`/interviews/${i.id}`) };
  if (letter.kind === 'interview_cancel') {
    const body = letter.removed ? t('mail.interview.removed.body', names) : t('mail.interview.cancel.body', names);
    return { subject: t('mail.interview.cancel.subject', names), paragraphs: [body, ...(i.reason && !letter.removed ? [t('mail.interview.reason', { reason: i.reason })] : [])], after: [t('mail.interview.calendarCancel')] };
  }
  const update = letter.kind === 'interview_update';
  return {
    subject: t(update ? 'mail.interview.update.subject' : 'mail.interview.invite.subject', names),
    paragraphs: [t(update ? 'mail.interview.update.body' : 'mail.interview.invite.body', names), ...interviewDetails(i, c)],
    action: kit,
    after: [t('mail.interview.calendar')],
  };
}

/** The words of a letter, before the footer: what happened, what to do, and the link straight to it. */
export function writeLetter(letter: Letter, c: LetterContext): Omit<MailContent, 'footer' | 'optOut'> & { kind: MailKind } {
  const { t } = c;
  const base = { kind: letter.kind, greeting: t('mail.hello', { name: c.recipientName }) };
  switch (letter.kind) {
    case 'invite':
      return {
        ...base,
        subject: t('mail.invite.subject', { inviter: letter.inviter, company: c.company }),
        paragraphs: [t('mail.invite.body', { inviter: letter.inviter, company: c.company, role: t(`role.${letter.role}` as MessageKey) }), ...(letter.renewed ? [t('mail.invite.renewed')] : [])],
        action: { label: t('mail.invite.action'), url: c.link(`/invite/${letter.token}`) },
        after: [t('mail.invite.expires', { expires: c.when(letter.expiresAt) })],
      };
    case 'password_reset':
      return {
        ...base,
        subject: t('mail.reset.subject'),
        paragraphs: [t('mail.reset.body', { company: c.company })],
        action: { label: t('mail.reset.action'), url: c.link(`/reset-password/${letter.token}`) },
        after: [t('mail.reset.expires', { expires: c.when(letter.expiresAt) })],
      };
    case 'welcome':
      return {
        ...base,
        subject: t('mail.welcome.subject', { company: c.company }),
        paragraphs: [t('mail.welcome.body', { role: letter.roleName, start: c.day(letter.startDate), manager: letter.managerName })],
        action: { label: t('mail.welcome.action'), url: c.link('/onboarding') },
      };
    case 'password_changed':
      return {
        ...base,
        subject: t('mail.passwordChanged.subject'),
        paragraphs: [t('mail.passwordChanged.body', { company: c.company, when: c.when(letter.at) }), t('mail.passwordChanged.notYou')],
        action: { label: t('mail.passwordChanged.action'), url: c.link('/forgot-password') },
      };
    case 'email_changed':
      return { ...base, subject: t('mail.emailChanged.subject'), paragraphs: [t('mail.emailChanged.body', { company: c.company, when: c.when(letter.at), email: letter.newEmail }), t('mail.emailChanged.notYou')] };
    case 'email_confirm':
      return {
        ...base,
        subject: t('mail.emailConfirm.subject'),
        paragraphs: [t('mail.emailConfirm.body', { company: c.company })],
        action: { label: t('mail.emailConfirm.action'), url: c.link(`/account/email/${letter.token}`) },
        after: [t('mail.emailConfirm.expires', { expires: c.when(letter.expiresAt) })],
      };
    case 'test':
      return { ...base, subject: t('mail.test.subject'), paragraphs: [t('mail.test.body', { company: c.company })], action: { label: t('mail.test.action'), url: c.link('/') } };
    case 'application_received':
      return {
        ...base,
        subject: t('mail.applicationReceived.subject', { title: letter.title, company: c.company }),
        paragraphs: [t('mail.applicationReceived.body', { title: letter.title, company: c.company }), t('mail.applicationReceived.retention', { months: letter.retentionMonths })],
      };
    case 'interview_invite':
    case 'interview_update':
    case 'interview_cancel':
      return { ...base, ...interviewLetter(letter, c) };
    default:
      return { ...base, ...noticeWords(letter, c) };
  }
}
