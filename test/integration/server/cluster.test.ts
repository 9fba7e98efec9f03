import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SmtpSink } from '../../../scripts/stress/smtp-sink';
import { Client, SERVER, type Running, Target, seedCompany, startServer } from '../../../scripts/stress/support';
import { rng } from '../../../scripts/random';
import { testDialects } from '../../helpers/test-context';

interface LogLine {
  readonly pid: number;
  readonly worker?: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

/** Only a server's output is read here: the process may be any that logs JSON lines. */
type Output = Pick<Running, 'output'>;

function logLines(server: Output): LogLine[] {
  return server
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);
}

const saying = (server: Output, text: string) => logLines(server).filter((l) => l.msg.includes(text));

async function waitFor<T>(what: string, server: Output, find: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}:\n${server.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The worker that answered the request with this X-Request-Id, from its request log line. */
function answeredBy(server: Running, requestId: string): Promise<LogLine> {
  return waitFor(`the log line of request ${requestId}`, server, () => logLines(server).find((l) => (l.req as { id?: string } | undefined)?.id === requestId));
}

async function stop(server: Running): Promise<{ code: number | null; ms: number }> {
  const signalledAt = Date.now();
  server.child.kill('SIGTERM');
  const code = await server.exit;
  return { code, ms: Date.now() - signalledAt };
}

const TWO_WORKERS = { WEB_CONCURRENCY: '2' };
const built = fs.existsSync(SERVER);

describe.each(testDialects())('the server with WEB_CONCURRENCY=2 [%s]', (dialect) => {
  const target = new Target(dialect, process.env.TEST_DATABASE_URL);
  beforeAll(() => target.create());
  afterAll(() => target.drop());

  it('when started on a new database, then the primary migrates once, both workers answer, background work runs in worker 1 only, and SIGTERM stops all within 10 s', async () => {
    if (!built) throw new Error('run `npm run build` first (npm test does it)');
    const server = await startServer(target, 'info', undefined, TWO_WORKERS);
    try {
      const listening = await waitFor('two workers listening', server, () => {
        const found = saying(server, 'listening');
        return found.length === 2 ? found : undefined;
      });
      const primary = server.child.pid!;
      expect(listening.map((l) => l.worker).sort()).toEqual([1, 2]);
      expect(new Set(listening.map((l) => l.pid)).size).toBe(2);
      expect(listening.map((l) => l.pid)).not.toContain(primary);

      const migrated = saying(server, 'database schema up to date');
      expect(migrated).toHaveLength(1);
      expect(migrated[0]).toMatchObject({ pid: primary, applied: expect.any(Number) });
      expect(migrated[0]!.applied).toBeGreaterThan(0);
      const background = saying(server, 'background work runs in this process');
      expect(background).toHaveLength(1);
      expect(background[0]).toMatchObject({ worker: 1, pid: listening.find((l) => l.worker === 1)!.pid });

      // Each worker takes new connections from the shared socket as it comes to it: both get some.
      const answered = new Set<number>();
      for (let i = 0; i < 50 && answered.size < 2; i += 1) {
        const res = await fetch(`${server.base}/healthz`, { headers: { connection: 'close' } });
        expect(res.status).toBe(200);
        await res.arrayBuffer();
        answered.add((await answeredBy(server, res.headers.get('x-request-id')!)).pid);
      }
      expect([...answered].sort()).toEqual(listening.map((l) => l.pid).sort());
    } finally {
      const { code, ms } = await stop(server);
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
    }
    expect(saying(server, 'stopped').filter((l) => l.msg === 'stopped').map((l) => l.worker).sort()).toEqual([1, 2]);
    expect(saying(server, 'all workers stopped')).toEqual([expect.objectContaining({ pid: server.child.pid, exitCode: 0 })]);
    expect(saying(server, 'died')).toEqual([]);
  });

  it('when a worker is killed, then it is logged and replaced (worker 1 hands its background work to its replacement), and mail committed in either worker goes out at once', async () => {
    if (!built) throw new Error('run `npm run build` first (npm test does it)');
    await seedCompany(target, { recruiters: 0, interviewers: 0, interviewsEach: 0 });
    const sink = await SmtpSink.start(rng(3), 0);
    // Without a kick the outbox is looked at every 15 s: a message out within 1.5 s was kicked.
    const server = await startServer(target, 'info', undefined, { ...sink.env(), MAIL_LEASE_SECONDS: '3600', ...TWO_WORKERS });
    let invites = 0;
    /** Invites someone through worker 2 (retrying until that worker answers) and says how long the message took to arrive. */
    const inviteThroughWorker2 = async (admin: Client): Promise<number> => {
      for (let attempt = 0; attempt < 40; attempt += 1) {
        invites += 1;
        const email = `cluster.${invites}@stress.test`;
        const res = await fetch(`${server.base}/users`, { method: 'POST', redirect: 'manual', headers: { cookie: admin.cookie, connection: 'close', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: admin.csrf, name: `Invitee ${invites}`, email, role: 'interviewer' }).toString() });
        expect(res.status).toBe(303);
        const committedAt = Date.now();
        const worker = (await answeredBy(server, res.headers.get('x-request-id')!)).worker;
        await waitFor(`the invite to ${email}`, server, () => sink.deliveries.find((d) => d.to === email), 20_000);
        if (worker === 2) return Date.now() - committedAt;
      }
      throw new Error('worker 2 never answered');
    };
    try {
      await waitFor('two workers listening', server, () => (saying(server, 'listening').length === 2 ? true : undefined));
      const admin = await Client.signIn(server.base, 'admin1@stress.test');
      expect(await inviteThroughWorker2(admin)).toBeLessThan(1_500);

      const first = saying(server, 'listening').find((l) => l.worker === 1)!;
      process.kill(first.pid, 'SIGKILL');
      const died = await waitFor('the death logged', server, () => saying(server, 'worker died')[0]);
      expect(died).toMatchObject({ pid: server.child.pid, worker: 1, workerPid: first.pid, exitCode: null, signal: 'SIGKILL', runsBackground: true });
      const replacement = await waitFor('the replacement of worker 1 listening', server, () => saying(server, 'listening').find((l) => l.worker === 1 && l.pid !== first.pid));
      const background = saying(server, 'background work runs in this process');
      expect(background.map((l) => [l.worker, l.pid])).toEqual([
        [1, first.pid],
        [1, replacement.pid],
      ]);
      // The replacement runs the outbox: kicks from worker 2 reach it.
      expect(await inviteThroughWorker2(admin)).toBeLessThan(1_500);
      expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
    } finally {
      const { code, ms } = await stop(server);
      await sink.close();
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
    }
    expect(saying(server, 'worker died')).toHaveLength(1);
  });
});

describe('the server with WEB_CONCURRENCY=2 whose workers cannot start', () => {
  it('when every worker dies at start (its port is taken), then the primary stops replacing them after five deaths and exits 1 saying so', async () => {
    if (!built) throw new Error('run `npm run build` first (npm test does it)');
    const target = new Target('sqlite');
    const taken = net.createServer().listen(0);
    await new Promise((resolve) => taken.once('listening', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const child = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH ?? '', PORT: String(port), LOG_LEVEL: 'info', ...target.env(), ...TWO_WORKERS }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const startedAt = Date.now();
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      const lines = output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LogLine);
      expect(code).toBe(1);
      expect(Date.now() - startedAt).toBeLessThan(25_000);
      expect(lines.filter((l) => l.msg === 'worker died; starting a replacement').map((l) => l.replaceInMs)).toEqual([0, 250, 500, 1000]);
      expect(lines.filter((l) => l.msg.startsWith('workers keep dying'))).toEqual([expect.objectContaining({ msg: 'workers keep dying (5 within a minute): not replacing them; stopping', recentDeaths: 5, exitCode: 1 })]);
      expect(lines.at(-1)).toMatchObject({ msg: 'all workers stopped', exitCode: 1 });
    } finally {
      taken.close();
      await target.drop();
    }
  });
});

describe('the primary passing kicks on to worker 1', () => {
  it('when worker 1 is killed while kicks are on their way to it, then the primary lives on, replaces it, and the replacement gets the kicks', async () => {
    if (!built) throw new Error('run `npm run build` first (npm test does it)');
    // Worker 2 kicks every millisecond; the primary is slow to see worker 1 die (see the fixture).
    const child = spawn(process.execPath, [path.join(__dirname, '../../helpers/cluster-kicks-fixture.mjs')], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const running: Output = { output: () => output };
    const killed = new Set<number>();
    /** Worker 1's latest count, from a process not killed yet, once it has received kicks. */
    const receiving = () => logLines(running).find((l) => l.worker === 1 && !killed.has(l.pid) && Number(l.received) > 0);
    try {
      for (let kill = 1; kill <= 3; kill += 1) {
        const worker = await waitFor(`worker 1 receiving kicks before kill ${kill}`, running, receiving);
        process.kill(worker.pid, 'SIGKILL');
        killed.add(worker.pid);
      }
      const replacement = await waitFor('the last replacement of worker 1 receiving kicks', running, receiving);
      expect(killed.has(replacement.pid)).toBe(false);
      expect(child.exitCode).toBeNull();
      expect(saying(running, 'worker died').map((l) => [l.worker, l.signal])).toEqual([
        [1, 'SIGKILL'],
        [1, 'SIGKILL'],
        [1, 'SIGKILL'],
      ]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit).toBe(0);
  });
});
