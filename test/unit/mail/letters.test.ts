import { translator } from '../../../src/i18n/i18n';
import { type LetterContext, writeLetter } from '../../../src/mail/letters';
import { formatDateTime, formatDay, isTimeZone } from '../../../src/shared/dates';

const context = (language: 'en' | 'ru'): LetterContext => ({
  t: translator(language),
  company: 'Acme',
  recipientName: 'Ann',
  link: (path) => `https://h.example${path}`,
  when: (moment) => `<${typeof moment === 'string' ? moment : moment.toISOString()}>`,
  day: (date) => `[${date}]`,
});

describe('writeLetter', () => {
  const en = context('en');

  it('invite: who invites, the role, the link and its expiry; a renewed one says the old link is dead', () => {
    const first = writeLetter({ kind: 'invite', inviter: 'Bo', role: 'hiring_manager', token: 'TOK', expiresAt: '2026-12-07T10:00:00.000Z', renewed: false }, en);
    expect(first.subject).toBe('Bo invited you to Acme on Salesbench');
    expect(first.paragraphs.join(' ')).toContain('Hiring manager');
    expect(first.action).toEqual({ label: expect.any(String), url: 'https://h.example/invite/TOK' });
    expect(first.after!.join(' ')).toContain('<2026-12-07T10:00:00.000Z>');
    const renewed = writeLetter({ kind: 'invite', inviter: 'Bo', role: 'recruiter', token: 'TOK', expiresAt: '2026-12-07T10:00:00.000Z', renewed: true }, en);
    expect(renewed.paragraphs).toHaveLength(first.paragraphs.length + 1);
  });

  it('password reset and address confirmation: a one-time link and its expiry', () => {
    const reset = writeLetter({ kind: 'password_reset', token: 'R', expiresAt: '2026-12-01T00:00:00.000Z' }, en);
    expect([reset.kind, reset.action!.url]).toEqual(['password_reset', 'https://h.example/reset-password/R']);
    expect(reset.after!.join(' ')).toContain('<2026-12-01T00:00:00.000Z>');
    const confirm = writeLetter({ kind: 'email_confirm', token: 'C', expiresAt: '2026-12-02T00:00:00.000Z' }, en);
    expect(confirm.action!.url).toBe('https://h.example/account/email/C');
    expect(confirm.after!.join(' ')).toContain('<2026-12-02T00:00:00.000Z>');
  });

  it('application received: to the applicant, the posting and the company, how long their data is kept, and no link', () => {
    const letter = writeLetter({ kind: 'application_received', title: 'AE Berlin', retentionMonths: 24 }, en);
    expect(letter.subject).toBe('Your application for AE Berlin at Acme');
    expect(letter.greeting).toBe('Hello Ann,');
    expect(letter.paragraphs).toEqual([
      'Thank you for applying for AE Berlin at Acme. Your application has reached us, and someone from the team will be in touch.',
      'We keep your data for 24 months after our last contact with you, as described in the privacy text you agreed to.',
    ]);
    expect(letter.action).toBeUndefined();
    const ru = writeLetter({ kind: 'application_received', title: 'AE', retentionMonths: 1 }, context('ru'));
    expect(ru.subject).toBe('Ваш отклик на вакансию «AE» в Acme');
    expect(ru.paragraphs[1]).toContain('1 месяц после');
  });

  it('welcome: role, start day, manager, and the checklist link', () => {
    const welcome = writeLetter({ kind: 'welcome', roleName: 'SDR', startDate: '2027-01-04', managerName: 'Max' }, en);
    expect(welcome.subject).toBe('Welcome to Acme: your onboarding plan');
    expect(welcome.paragraphs[0]).toContain('SDR');
    expect(welcome.paragraphs[0]).toContain('[2027-01-04]');
    expect(welcome.paragraphs[0]).toContain('Max');
    expect(welcome.action!.url).toBe('https://h.example/onboarding');
  });

  it('security notices: when, and what to do if it was not you; the address notice names the new address and has no action', () => {
    const at = new Date('2026-11-30T09:00:00Z');
    const password = writeLetter({ kind: 'password_changed', at }, en);
    expect(password.paragraphs.join(' ')).toContain('<2026-11-30T09:00:00.000Z>');
    expect(password.action!.url).toBe('https://h.example/forgot-password');
    const email = writeLetter({ kind: 'email_changed', at, newEmail: 'new@x.example' }, en);
    expect(email.paragraphs.join(' ')).toContain('new@x.example');
    expect(email.action).toBeUndefined();
  });

  it('every letter greets by name, in the recipient language', () => {
    expect(writeLetter({ kind: 'test' }, en).greeting).toBe('Hello Ann,');
    const ru = writeLetter({ kind: 'test' }, context('ru'));
    expect(ru.greeting).toBe('Здравствуйте, Ann!');
    expect(ru.subject).toBe('Тестовое письмо Salesbench');
  });
});

describe('dates as people read them', () => {
  it('a moment is shown in the reader zone with the zone named; a day is the calendar day whatever the zone', () => {
    expect(formatDateTime('2026-11-30T09:05:00Z', 'en', 'Asia/Yekaterinburg')).toBe('Mon, Nov 30, 2026, 02:05 PM GMT+5');
    expect(formatDateTime(new Date('2026-11-30T23:30:00Z'), 'ru', 'Europe/Moscow')).toContain('1 дек. 2026');
    expect(formatDay('2027-01-04', 'en')).toBe('Mon, Jan 4, 2027');
    expect(formatDay('2027-01-04T23:59:59Z', 'en')).toBe('Mon, Jan 4, 2027');
  });

  it('an unknown zone is not a time zone, and formats as UTC rather than failing', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(formatDateTime('2026-11-30T09:05:00Z', 'en', 'Mars/Olympus')).toBe('Mon, Nov 30, 2026, 09:05 AM UTC');
  });
});
