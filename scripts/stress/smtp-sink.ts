import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the sink took it: to whom, and its Message-ID header. */
export interface Delivery {
  readonly to: string;
  readonly messageId: string;
}

/**
 * An SMTP server for the stress checks (the npm smtp-server, in the checking process): it takes
 * every message, after a random pause of up to `maxDelayMs` before answering the data (so a server
 * killed at a random moment is often killed mid-send), and records each one.
 */
export class SmtpSink {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly deliveries: readonly Delivery[],
  ) {}

  static async start(random: () => number, maxDelayMs: number): Promise<SmtpSink> {
    const deliveries: Delivery[] = [];
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      // No reverse DNS lookup of each client: nothing to resolve here, and it costs a round trip.
      disableReverseLookup: true,
      // Clients keep a pooled connection open: closing does not wait for them to leave.
      closeTimeout: 100,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const head = Buffer.concat(chunks).toString('utf8').split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
          const messageId = /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? '';
          setTimeout(() => {
            for (const rcpt of session.envelope.rcptTo) deliveries.push({ to: rcpt.address, messageId });
            callback();
          }, Math.floor(random() * maxDelayMs));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    // Once listening, an error is one client's connection breaking (a killed sender resets it):
    // the server keeps serving the others, as a real mail server does.
    server.removeAllListeners('error');
    server.on('error', () => undefined);
    const port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
    return new SmtpSink(server, port, deliveries);
  }

  /** Server environment that sends mail here. */
  env(): Record<string, string> {
    return { SMTP_URL: `smtp://127.0.0.1:${this.port}`, PUBLIC_URL: 'https://hiring.stress.test', MAIL_LEASE_SECONDS: '5' };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
