import { escapeHtml, renderMail, type MailContent } from '../../../src/mail/compose';
import { hideOneTimeLinks, isNotificationKind, MAIL_KINDS, NOTIFICATION_KINDS, notificationOf, REMOVED_LINK, SECRET_KINDS, withoutOneTimeLinks } from '../../../src/mail/mail-kinds';

const base: MailContent = {
  subject: 'Reset <yours> & "now"',
  greeting: 'Hello <b>Ann</b>,',
  paragraphs: ['First "para".', "Second 'para'."],
  footer: 'Acme & Co · Salesbench',
};

describe('renderMail', () => {
  it('when a message has an action and lines after it, then the text part writes each out in order, the link in full on its own line', () => {
    const { text, subject } = renderMail({ ...base, action: { label: 'Open', url: 'https://h.example/x?a=1&b=2' }, after: ['Expires soon.'] }, 'en');
    expect(subject).toBe(base.subject);
    expect(text).toBe(['Hello <b>Ann</b>,', '', 'First "para".', '', "Second 'para'.", '', 'Open:', 'https://h.example/x?a=1&b=2', '', 'Expires soon.', '', '-- ', 'Acme & Co · Salesbench', ''].join('\n'));
  });

  it('when a message has no action, then neither part has a button or a link', () => {
    const { text, html } = renderMail(base, 'en');
    expect(text).toBe(['Hello <b>Ann</b>,', '', 'First "para".', '', "Second 'para'.", '', '-- ', 'Acme & Co · Salesbench', ''].join('\n'));
    expect(html).not.toContain('<a ');
  });

  it('when words hold markup, then the HTML part escapes all of them, the title and link addresses too', () => {
    const { html } = renderMail({ ...base, action: { label: '<Go>', url: 'https://h.example/"><script>' } }, 'ru');
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('<title>Reset &lt;yours&gt; &amp; &quot;now&quot;</title>');
    expect(html).toContain('Hello &lt;b&gt;Ann&lt;/b&gt;,');
    expect(html).toContain('First &quot;para&quot;.');
    expect(html).toContain('Second &#39;para&#39;.');
    expect(html).toContain('href="https://h.example/&quot;&gt;&lt;script&gt;"');
    expect(html).toContain('&lt;Go&gt;</a>');
    expect(html).toContain('Acme &amp; Co · Salesbench');
    expect(html).not.toMatch(/<script|<img|url\(/);
  });

  it('when a message is a notification, then both parts say why it came and link to stop it and to choose', () => {
    const optOut = { why: 'Because of your account.', unsubscribe: { label: 'Stop these', url: 'https://h.example/unsubscribe/T' }, choose: { label: 'Choose', url: 'https://h.example/account#notifications' } };
    const { text, html } = renderMail({ ...base, optOut }, 'en');
    expect(text.endsWith('-- \nAcme & Co · Salesbench\nBecause of your account.\nStop these: https://h.example/unsubscribe/T\nChoose: https://h.example/account#notifications\n')).toBe(true);
    expect(html).toContain('Acme &amp; Co · Salesbench<br>Because of your account.<br><a href="https://h.example/unsubscribe/T">Stop these</a> · <a href="https://h.example/account#notifications">Choose</a>');
  });

  it('escapeHtml escapes the five characters and nothing else', () => {
    expect(escapeHtml(`&<>"' aé`)).toBe('&amp;&lt;&gt;&quot;&#39; aé');
  });
});

describe('one-time links', () => {
  const text = 'Go to https://h.example/reset-password/AbC_12-x now, or http://h.example/base/account/email/Zz9 later; https://h.example/invite/KEEP stays.';

  it('when a message holds reset or confirmation links, then each is replaced and every other link stays', () => {
    expect(hideOneTimeLinks(text, '[hidden]')).toBe('Go to [hidden] now, or [hidden] later; https://h.example/invite/KEEP stays.');
    expect(hideOneTimeLinks('<a href="https://h.example/reset-password/abc">x</a>', '#')).toBe('<a href="#">x</a>');
  });

  it('when the bodies are stored after sending, then they keep the placeholder instead of the links', () => {
    expect(withoutOneTimeLinks({ text, html: `<p>${text}</p>` })).toEqual({ text: hideOneTimeLinks(text, REMOVED_LINK), html: `<p>${hideOneTimeLinks(text, REMOVED_LINK)}</p>` });
  });

  it('which kinds are notifications (may be turned off) and which hold secret links', () => {
    expect(NOTIFICATION_KINDS).toEqual(['welcome', 'interviews', 'reminders', 'hiring', 'onboarding']);
    expect(MAIL_KINDS.map((k) => [k, notificationOf(k) ?? null])).toEqual([
      ['invite', null],
      ['password_reset', null],
      ['welcome', 'welcome'],
      ['password_changed', null],
      ['email_changed', null],
      ['email_confirm', null],
      ['test', null],
      ['interview_invite', 'interviews'],
      ['interview_update', 'interviews'],
      ['interview_cancel', 'interviews'],
      ['scorecard_reminder', 'reminders'],
      ['debrief_ready', 'hiring'],
      ['decision_recorded', 'hiring'],
      ['decision_reopened', 'hiring'],
      ['task_due', 'onboarding'],
      ['overdue_digest', 'onboarding'],
      ['sign_off_requested', 'onboarding'],
      ['task_sent_back', 'onboarding'],
      // To an applicant, who has no account to turn anything off in: a confirmation they asked for.
      ['application_received', null],
    ]);
    expect(isNotificationKind('interviews')).toBe(true);
    expect(isNotificationKind('password_changed')).toBe(false);
    expect(SECRET_KINDS).toEqual(['password_reset', 'email_confirm']);
  });
});
