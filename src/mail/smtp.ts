import nodemailer from 'nodemailer';
import type { MailConfig } from '../config';
import type { SendMessage } from './outbox-worker';

/** A mail relay on this machine: the password never crosses a network, so STARTTLS is not required. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

/**
 * Sends over SMTP with nodemailer: smtps:// speaks TLS from the start, smtp:// upgrades with
 * STARTTLS when the server offers it — and must, when there is a password to send to another
 * machine (it is never sent in the clear). Short timeouts: a server that does not answer is a temporary
 * failure to retry later, not a worker stuck for minutes.
 */
export function smtpSender(config: MailConfig): SendMessage & { close(): void } {
  const url = new URL(config.url);
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    // One connection kept open between messages: a new one for each costs ~100 ms (measured), ten
    // times the send itself. Sends are one at a time anyway; a dropped connection is opened again.
    pool: true,
    maxConnections: 1,
    requireTLS: !config.secure && config.user !== undefined && !isLoopback(config.host),
    ...(config.user ? { auth: { user: config.user, pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const send = async (message: Parameters<SendMessage>[0]): Promise<void> => {
    const calendar = message.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    await transport.sendMail({
      from: { name: message.senderName, address: config.fromAddress },
      to: message.recipientEmail,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
      headers: { ...message.headers },
      date: new Date(),
      ...(calendar ? { icalEvent: { filename: calendar.filename, method: calendar.method ?? 'REQUEST', content: calendar.content } } : {}),
      attachments: message.attachments.filter((a) => a !== calendar).map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    });
  };
  return Object.assign(send, { close: () => transport.close() });
}
