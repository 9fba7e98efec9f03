import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** One message as the SMTP server took it: the envelope, the raw bytes and the parsed message. */
export interface Received {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
  readonly mail: ParsedMail;
  /** The user the client signed in as, when the server asked for AUTH. */
  readonly user: string | undefined;
}

export interface TestSmtpOptions {
  /** Require AUTH with these credentials (without it, the server takes mail from anyone). */
  readonly auth?: { user: string; pass: string };
  /**
   * Decides the answer to each recipient: undefined accepts, a number refuses with that SMTP code
   * (4xx: try later; 5xx: never). Called with how many times this address was offered so far.
   */
  readonly answer?: (address: string, offered: number) => number | undefined;
}

function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

/**
 * A real SMTP server in the test process (the npm smtp-server), on a free port of 127.0.0.1, that
 * keeps what it is sent, parsed with mailparser. No STARTTLS: the mail client talks to it in the
 * clear, as to a relay on the same machine.
 */
export class TestSmtpServer {
  readonly received: Received[] = [];
  readonly offered = new Map<string, number>();
  private waiting: { count: number; resolve: () => void }[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(options: TestSmtpOptions = {}): Promise<TestSmtpServer> {
    const box: { self?: TestSmtpServer } = {};
    const server = new SMTPServer({
      disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      authOptional: !options.auth,
      allowInsecureAuth: true,
      logger: false,
      // No reverse DNS lookup of each client: nothing to resolve here, and it costs a round trip.
      disableReverseLookup: true,
      // Clients keep a pooled connection open: closing does not wait for them to leave.
      closeTimeout: 100,
      onAuth(auth, _session, callback) {
        if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) return callback(null, { user: auth.username });
        return callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
      },
      onRcptTo(address, _session, callback) {
        const offered = (box.self!.offered.get(address.address) ?? 0) + 1;
        box.self!.offered.set(address.address, offered);
        const code = options.answer?.(address.address, offered);
        if (code === undefined) return callback();
        return callback(smtpError(code, code >= 500 ? `${code} 5.1.1 <${address.address}>: Recipient address rejected` : `${code} 4.7.1 <${address.address}>: Greylisted, try again later`));
      },
      onData(stream, session: SMTPServerSession, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((mail) => {
              box.self!.received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw, mail, user: session.user as string | undefined });
              box.self!.notify();
              callback();
            })
            .catch((err: Error) => callback(err));
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
    const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
    box.self = new TestSmtpServer(server, port);
    return box.self;
  }

  /** An SMTP_URL for this server. */
  url(credentials?: { user: string; pass: string }): string {
    const auth = credentials ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@` : '';
    return `smtp://${auth}127.0.0.1:${this.port}`;
  }

  /** The messages sent to an address. */
  to(address: string): Received[] {
    return this.received.filter((r) => r.to.includes(address));
  }

  /** Resolves once `count` messages have arrived in all. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.received.length >= count) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.received.length} messages arrived, waited for ${count}`)), timeoutMs);
      this.waiting.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  private notify(): void {
    const ready = this.waiting.filter((w) => this.received.length >= w.count);
    this.waiting = this.waiting.filter((w) => this.received.length < w.count);
    for (const w of ready) w.resolve();
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A test SMTP server for the test file: started before its tests, closed after them. */
export function useSmtpServer(options: TestSmtpOptions = {}): () => TestSmtpServer {
  let server: TestSmtpServer | undefined;
  beforeAll(async () => {
    server = await TestSmtpServer.start(options);
  });
  afterAll(async () => server?.close());
  return () => {
    if (!server) throw new Error('the SMTP server is not started yet');
    return server;
  };
}

/** The first link of a message's text part whose path starts with `prefix`, as a path (the host is PUBLIC_URL's). */
export function linkIn(received: Received, prefix: string): string {
  const text = received.mail.text ?? '';
  const match = new RegExp(`https?://[^\\s/]+(${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s<>"]*)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${prefix} link in: ${text}`);
  return match[1];
}
