import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { insertCandidate } from '../../../src/candidates/candidates.repository';
import { createEventHandlers } from '../../../src/event-handlers';
import { verifySignature } from '../../../src/webhooks/webhook';
import { createEndpoint } from '../../../src/webhooks/webhooks.use-cases';
import { Client, type Running, SERVER, seedCompany, startServer, Target } from '../../../scripts/stress/support';
import { testDialects } from '../../helpers/test-context';

const built = fs.existsSync(SERVER);
const CANDIDATES = 4;

interface Got {
  readonly deliveryId: string;
  readonly body: string;
  readonly signature: string;
  answered: boolean;
}

/**
 * A receiver that holds the first request it gets without answering (the server is killed while
 * it waits) and answers every later one 200.
 */
async function holdingReceiver() {
  const got: Got[] = [];
  const held: http.ServerResponse[] = [];
  let holdNext = true;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { deliveryId: String(req.headers['x-salesbench-delivery']), body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['x-salesbench-signature']), answered: false };
      got.push(entry);
      if (holdNext) {
        holdNext = false;
        held.push(res);
        return;
      }
      entry.answered = true;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    got,
    close: () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function until<T>(what: string, check: () => T | undefined | false, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(testDialects())('webhooks across a crash of the server (SIGKILL) [%s]', (dialect) => {
  const target = new Target(dialect, process.env.TEST_DATABASE_URL);
  let receiver: Awaited<ReturnType<typeof holdingReceiver>>;
  let server: Running | undefined;
  let secret = '';
  const candidateIds: number[] = [];
  let openingId = 0;

  beforeAll(async () => {
    if (!built) throw new Error('run `npm run build` first (npm test does it)');
    receiver = await holdingReceiver();
    await target.create();
    await seedCompany(target, { recruiters: 0, interviewers: 0, interviewsEach: 0 });
    const database = target.open();
    try {
      const admin = await database.db.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow();
      openingId = (await database.db.selectFrom('openings').select('id').executeTakeFirstOrThrow()).id;
      for (let i = 0; i < CANDIDATES; i += 1) candidateIds.push(await insertCandidate(database.db, { name: `Crash Candidate ${i}`, email: `crash.${i}@example.test`, phone: '', linkedinUrl: '', source: 'outbound', sourceDetail: '', notes: '', resumeFileId: null, createdBy: admin.id }, new Date()));
      const deps = { db: database.db, clock: { now: () => new Date() }, handlers: createEventHandlers() };
      // The receiver is on this machine: the admin allowed plain HTTP and a loopback address for it.
      secret = (await createEndpoint(deps, { id: admin.id, role: 'admin' }, { url: receiver.url, description: '', events: ['application.created'], allowHttp: true, allowPrivate: true, enabled: true })).secret;
    } finally {
      await database.close();
    }
  }, 60_000);

  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exit;
    await receiver.close();
    await target.drop();
  });

  it('when the server is killed after the applications are acknowledged but before their webhooks are answered, then after a restart every one arrives, a repeat carrying the same delivery id (at least once)', async () => {
    // The shortest lease allowed: one post (10 s) and 20 s more.
    const env = { WEBHOOK_LEASE_SECONDS: '30' };
    server = await startServer(target, 'warn', undefined, env);
    const admin = await Client.signIn(server.base, 'admin1@stress.test');
    for (const candidateId of candidateIds) {
      const res = await fetch(`${server.base}/candidates/${candidateId}/applications`, { method: 'POST', redirect: 'manual', headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: admin.csrf, opening_id: String(openingId) }).toString() });
      // Acknowledged: the application and its delivery are committed.
      expect(res.status).toBe(303);
    }
    // The first post reaches the receiver, which does not answer: the server dies while it waits.
    await until('the first post', () => receiver.got.length >= 1, 15_000);
    server.child.kill('SIGKILL');
    await server.exit;

    // Committed, not delivered: every delivery is in the database, none marked delivered.
    const database = target.open();
    try {
      const rows = await database.db.selectFrom('webhook_deliveries').select(['delivery_id', 'state']).orderBy('id').execute();
      expect(rows).toHaveLength(CANDIDATES);
      expect(rows.filter((r) => r.state === 'delivered')).toEqual([]);
    } finally {
      await database.close();
    }
    const firstId = receiver.got[0]!.deliveryId;

    // Restarted: once the dead sender's lease has run out, everything goes out.
    server = await startServer(target, 'warn', undefined, env);
    const answered = await until('every delivery answered', () => {
      const ids = new Set(receiver.got.filter((g) => g.answered).map((g) => g.deliveryId));
      return ids.size >= CANDIDATES && ids;
    }, 60_000);
    expect(answered.size).toBe(CANDIDATES);
    // The one posted before the crash came again with the same id: a receiver that keeps the ids it has seen handles it once.
    expect(receiver.got.filter((g) => g.deliveryId === firstId)).toHaveLength(2);
    const now = Math.floor(Date.now() / 1000);
    for (const g of receiver.got) expect(verifySignature(secret, g.signature, g.body, now)).toBe(true);
    const applications = new Set(receiver.got.map((g) => (JSON.parse(g.body) as { data: { application: { candidate: { id: number } } } }).data.application.candidate.id));
    expect([...applications].sort((a, b) => a - b)).toEqual(candidateIds);

    const database2 = target.open();
    try {
      const rows = await database2.db.selectFrom('webhook_deliveries').select(['delivery_id', 'state', 'attempts']).orderBy('id').execute();
      expect(rows.map((r) => r.state)).toEqual(Array(CANDIDATES).fill('delivered'));
      expect(rows.find((r) => r.delivery_id === firstId)!.attempts).toBe(2);
    } finally {
      await database2.close();
    }
  }, 150_000);
});
