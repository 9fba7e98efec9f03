import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { DomainEvent } from '../events/domain-events';
import type { EventHandler } from '../events/unit-of-work';
import { type Translate, translator } from '../i18n/i18n';
import { findRoleById } from '../roles/roles.service';
import { getCompanySettings } from '../settings/settings.service';
import { absoluteUrl } from '../shared/links';
import { formatDateTime, formatDay } from '../shared/dates';
import { findUserById, type User } from '../users/users.service';
import { renderMail } from './compose';
import { calendarFile, entryOf, findScheduledInterview, type ScheduledInterview } from '../interviews/interviews.service';
import { type Letter, writeLetter } from './letters';
import { interviewLetter, noticesFor } from './notice-recipients';
import { notificationOf, SECRET_KINDS, withoutOneTimeLinks } from './mail-kinds';
import { createUnsubscribeToken, isOptedOut } from './notifications.repository';
import { insertMessage, type MailAttachment } from './outbox.repository';

export interface MailHandlerOptions {
  /** The base of every link in a message. */
  readonly publicUrl: string;
  /** Without SMTP, messages are kept as "not sent: mail is not configured". */
  readonly configured: boolean;
  /** MAIL_FROM's display name, when it has one; otherwise the company's name. */
  readonly fromName?: string;
  /** Told after a commit that wrote messages, so a worker can send them at once. */
  readonly onQueued?: () => void;
}

const UNSUBSCRIBE_TTL_MS = 180 * 86_400_000;

/** A calendar file to attach: an invite or update (REQUEST) or a cancellation (CANCEL) of one interview. */
type CalendarPart = { method: 'REQUEST' | 'CANCEL'; interview: ScheduledInterview; cancelled: boolean };
/** Whom a message goes to: a user, or someone who is none (an applicant: no id, no notifications to turn off). */
type Recipient = Pick<User, 'name' | 'email' | 'language' | 'timeZone'> & { readonly id: number | null; readonly status?: User['status'] };
type Addressed = { to: Recipient; toEmail?: string; letter: Letter; calendar?: CalendarPart };

/** The panel's messages about an interview: an invite, an update (and a cancellation to whoever left), or a cancellation. */
async function interviewLetters(trx: Transaction<Database>, event: Extract<DomainEvent, { type: 'InterviewScheduled' | 'InterviewRescheduled' | 'InterviewCancelled' }>): Promise<Addressed[]> {
  const interview = await findScheduledInterview(trx, event.interviewId);
  if (!interview?.scheduledAt) return [];
  const about = interviewLetter(interview);
  const addressed: Addressed[] = [];
  const cancelled = event.type === 'InterviewCancelled';
  for (const id of event.interviewerIds) {
    const to = await findUserById(trx, id);
    if (!to) continue;
    if (cancelled) addressed.push({ to, letter: { kind: 'interview_cancel', interview: about, removed: false }, calendar: { method: 'CANCEL', interview, cancelled: true } });
    else addressed.push({ to, letter: { kind: event.type === 'InterviewScheduled' ? 'interview_invite' : 'interview_update', interview: about }, calendar: { method: 'REQUEST', interview, cancelled: false } });
  }
  for (const id of event.type === 'InterviewRescheduled' ? event.removedIds : []) {
    const to = await findUserById(trx, id);
    // The cancellation names only them: the rest of the panel keeps the interview.
    if (to) addressed.push({ to, letter: { kind: 'interview_cancel', interview: about, removed: true }, calendar: { method: 'CANCEL', interview: { ...interview, panel: [{ id: to.id, name: to.name, email: to.email }] }, cancelled: true } });
  }
  return addressed;
}

/** The messages an event causes: for whom, and which letter. */
async function lettersFor(trx: Transaction<Database>, event: DomainEvent, at: Date): Promise<Addressed[]> {
  const user = async (id: number) => findUserById(trx, id);
  const named = async (id: number | null) => (id === null ? '' : ((await user(id))?.name ?? ''));
  switch (event.type) {
    case 'UserInvited':
    case 'InviteRenewed': {
      const to = await user(event.userId);
      if (!to || to.status !== 'invited') return [];
      return [{ to, letter: { kind: 'invite', inviter: await named(event.actorId), role: to.role, token: event.inviteToken, expiresAt: event.expiresAt, renewed: event.type === 'InviteRenewed' } }];
    }
    case 'PasswordResetRequested': {
      const to = await user(event.userId);
      return to ? [{ to, letter: { kind: 'password_reset', token: event.token, expiresAt: event.expiresAt } }] : [];
    }
    case 'PasswordChanged':
    case 'PasswordReset': {
      const to = await user(event.userId);
      return to ? [{ to, letter: { kind: 'password_changed', at: new Date() } }] : [];
    }
    case 'EmailChangeRequested': {
      const to = await user(event.userId);
      return to ? [{ to, toEmail: event.newEmail, letter: { kind: 'email_confirm', token: event.token, expiresAt: event.expiresAt } }] : [];
    }
    case 'EmailChanged': {
      const to = await user(event.userId);
      return to ? [{ to, toEmail: event.oldEmail, letter: { kind: 'email_changed', at: new Date(), newEmail: event.newEmail } }] : [];
    }
    case 'OnboardingPlanCreated': {
      const to = await user(event.newHireId);
      // The role is named in the recipient's language, as is the rest of the letter.
      const role = to && (await findRoleById(trx, event.roleId, to.language ?? (await getCompanySettings(trx)).language));
      return to ? [{ to, letter: { kind: 'welcome', roleName: role?.name ?? '', startDate: event.startDate, managerName: await named(event.managerId) } }] : [];
    }
    case 'InterviewScheduled':
    case 'InterviewRescheduled':
    case 'InterviewCancelled':
      return interviewLetters(trx, event);
    case 'CareersApplicationReceived':
      // The applicant is no user: the letter is in the language they applied in.
      return [{ to: { id: null, name: event.applicantName, email: event.applicantEmail, language: event.language, timeZone: null }, letter: { kind: 'application_received', title: event.postingTitle, retentionMonths: event.retentionMonths } }];
    case 'MailTestRequested': {
      const to = await user(event.userId);
      return to ? [{ to, letter: { kind: 'test' } }] : [];
    }
    default:
      return noticesFor(trx, event, at);
  }
}

type Company = Awaited<ReturnType<typeof getCompanySettings>>;

/** The .ics of an interview message, in the recipient's words; its times carry the zone the interview was scheduled in. */
function calendarAttachment(part: CalendarPart, words: { t: Translate; link: (path: string) => string; at: Date }): MailAttachment {
  const entry = entryOf(part.interview, { t: words.t, link: words.link, stamp: words.at, cancelled: part.cancelled });
  return { filename: part.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', contentType: `text/calendar; charset=utf-8; method=${part.method}`, content: calendarFile([entry], { method: part.method, zone: part.interview.timeZone }), method: part.method };
}

/** Renders one letter for its recipient and writes it to the outbox (with an unsubscribe token for a notification). */
async function writeMessage(trx: Transaction<Database>, { to, toEmail, letter, calendar }: Addressed, company: Company, at: Date, options: MailHandlerOptions): Promise<void> {
  const language = to.language ?? company.language;
  const t = translator(language);
  const zone = to.timeZone ?? company.timeZone;
  const companyName = company.name || 'Salesbench';
  const link = (path: string) => absoluteUrl(options.publicUrl, path);
  const stamped = letter.kind === 'password_changed' || letter.kind === 'email_changed' ? { ...letter, at } : letter;
  const words = writeLetter(stamped, { t, company: companyName, recipientName: to.name, link, when: (m) => formatDateTime(m, language, zone), day: (d) => formatDay(d, language) });
  const headers: Record<string, string> = {};
  let optOut;
  const notification = notificationOf(letter.kind);
  if (notification && to.id !== null) {
    const unsubscribe = link(`/unsubscribe/${await createUnsubscribeToken(trx, to.id, notification, new Date(at.getTime() + UNSUBSCRIBE_TTL_MS))}`);
    headers['List-Unsubscribe'] = `<${unsubscribe}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    optOut = { why: t('mail.footer.why', { company: companyName }), unsubscribe: { label: t('mail.footer.unsubscribe'), url: unsubscribe }, choose: { label: t('mail.footer.choose'), url: link('/account#notifications') } };
  }
  const secret = SECRET_KINDS.includes(letter.kind);
  const composed = renderMail({ ...words, footer: company.name ? t('mail.footer', { company: company.name }) : 'Salesbench', ...(optOut ? { optOut } : {}) }, language);
  // Never sendable without SMTP: a one-time link is not kept at all.
  const rendered = secret && !options.configured ? { ...composed, ...withoutOneTimeLinks(composed) } : composed;
  const message = {
    messageId: `<${crypto.randomUUID()}@${new URL(options.publicUrl).hostname}>`,
    kind: letter.kind,
    recipientEmail: toEmail ?? to.email,
    recipientUserId: to.id,
    language,
    senderName: options.fromName ?? companyName,
    ...rendered,
    headers,
    attachments: calendar ? [calendarAttachment(calendar, { t, link, at })] : [],
    secret,
    state: options.configured ? ('pending' as const) : ('not_configured' as const),
    createdAt: at.toISOString(),
  };
  await insertMessage(trx, message, at);
}

/**
 * Writes the mail that events cause into the outbox, in their transaction: a change and its
 * messages commit together or not at all. Each message is in its recipient's language, dated in
 * their time zone, with links on PUBLIC_URL; notifications carry a one-click unsubscribe link. A
 * deactivated person gets nothing, nor a notification they turned off.
 */
export function mailHandler(options: MailHandlerOptions): EventHandler {
  return {
    name: 'mail',
    listensTo: [
      'UserInvited',
      'InviteRenewed',
      'PasswordResetRequested',
      'PasswordChanged',
      'PasswordReset',
      'EmailChangeRequested',
      'EmailChanged',
      'OnboardingPlanCreated',
      'MailTestRequested',
      'CareersApplicationReceived',
      'InterviewScheduled',
      'InterviewRescheduled',
      'InterviewCancelled',
      'ScorecardReminderSent',
      'ScorecardSubmitted',
      'DecisionRecorded',
      'DecisionReopened',
      'OnboardingTaskDueSoon',
      'OnboardingOverdueDigest',
      'OnboardingTaskDone',
      'OnboardingTaskSentBack',
    ],
    async handle(trx, events, { at, afterCommit }) {
      const company = await getCompanySettings(trx);
      let written = 0;
      for (const event of events) {
        for (const addressed of await lettersFor(trx, event, at)) {
          if (addressed.to.status === 'deactivated') continue;
          const notification = notificationOf(addressed.letter.kind);
          if (notification && addressed.to.id !== null && (await isOptedOut(trx, addressed.to.id, notification))) continue;
          await writeMessage(trx, addressed, company, at, options);
          written += 1;
        }
      }
      if (written > 0 && options.configured && options.onQueued) afterCommit(options.onQueued);
    },
  };
}
