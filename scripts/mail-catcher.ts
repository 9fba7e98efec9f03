import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * `npm run mail:catch`: an SMTP server on 127.0.0.1:1025 (MAIL_CATCHER_PORT) that takes every
 * message and prints it — from, to, subject, the text part and its links — instead of delivering
 * it. To try mail on one machine:
 *
 *   npm run mail:catch
 *   SMTP_URL=smtp://127.0.0.1:1025 PUBLIC_URL=http://localhost:3000 npm start
 */
const port = Number(process.env.MAIL_CATCHER_PORT ?? 1025);

const server = new SMTPServer({
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  logger: false,
  disableReverseLookup: true,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : '';
        const unsubscribe = mail.headers.get('list-unsubscribe');
        console.log(
          [
            `── ${new Date().toISOString()} ${'─'.repeat(40)}`,
            `From:       ${mail.from?.text ?? ''}`,
            `To:         ${to}`,
            `Subject:    ${mail.subject ?? ''}`,
            `Message-ID: ${mail.messageId ?? ''}`,
            ...(unsubscribe ? [`List-Unsubscribe: ${JSON.stringify(unsubscribe)}`] : []),
            '',
            (mail.text ?? '').trimEnd(),
            '',
          ].join('\n'),
        );
        callback();
      })
      .catch((err: Error) => callback(err));
  },
});

server.on('error', (err) => console.error(err.message));
server.listen(port, '127.0.0.1', () => console.log(`catching mail on smtp://127.0.0.1:${port} — set SMTP_URL=smtp://127.0.0.1:${port}`));
