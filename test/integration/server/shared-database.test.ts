import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { rng } from '../../../scripts/random';
import { candidateForm, Client, PASSWORD, randomPdf, type Running, SERVER, seedCompany, startServer, Target } from '../../../scripts/stress/support';

const built = fs.existsSync(SERVER);
const postgresUrl = process.env.TEST_DATABASE_URL;
const SECRET = crypto.randomBytes(32).toString('base64url');

/** Two instances that share nothing but one PostgreSQL database: each its own port, data folder and upload folder. */
const describeOnPostgres = postgresUrl ? describe : describe.skip;

describeOnPostgres('two instances sharing only PostgreSQL, with FILE_STORAGE=database', () => {
  const target = new Target('postgres', postgresUrl);
  const folders = ['a', 'b'].map((name) => path.join(target.dataDir, `instance-${name}`));
  let instances: Running[] = [];

  beforeAll(async () => {
    if (!built) throw new Error('run `npm run build` first (npm test does it)');
    await target.create();
    await seedCompany(target, { recruiters: 1, interviewers: 0, interviewsEach: 0 });
    // Both start at once, as two instances deployed together would; one that started is stopped in afterAll even if the other failed.
    const started = await Promise.allSettled(folders.map((dir) => startServer(target, 'warn', undefined, { DATA_DIR: dir, UPLOAD_DIR: path.join(dir, 'uploads'), FILE_STORAGE: 'database', SESSION_SECRET: SECRET })));
    instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
  }, 60_000);

  afterAll(async () => {
    for (const instance of instances) instance.child.kill('SIGTERM');
    await Promise.all(instances.map((i) => i.exit));
    await target.drop();
  });

  const [a, b] = [() => instances[0]!, () => instances[1]!];

  async function chunksOf(key: string): Promise<number> {
    const database = target.open();
    try {
      return Number((await database.db.selectFrom('file_chunks').select((eb) => eb.fn.countAll<string>().as('n')).where('storage_key', '=', key).executeTakeFirstOrThrow()).n);
    } finally {
      await database.close();
    }
  }

  async function resumeKey(candidateId: number): Promise<string> {
    const database = target.open();
    try {
      return (await database.db.selectFrom('candidates').innerJoin('stored_files', 'stored_files.id', 'candidates.resume_file_id').select('storage_key').where('candidates.id', '=', candidateId).executeTakeFirstOrThrow()).storage_key;
    } finally {
      await database.close();
    }
  }

  const keptOnDisk = () => folders.flatMap((dir) => (fs.existsSync(path.join(dir, 'uploads', 'files')) ? fs.readdirSync(path.join(dir, 'uploads', 'files')) : []));

  it('when a résumé is uploaded on one instance, then the other serves it byte for byte with the same session, an erasure on either removes it for both, and mail queued on one is in the other\'s outbox', async () => {
    const recruiter = await Client.signIn(a().base, 'recruiter1@stress.test');
    const resume = randomPdf(rng(11), 5 * 1024 * 1024);
    const form = candidateForm({ name: 'Shared Sofia', email: 'shared.sofia@example.test', source: 'outbound' }, resume, 'sofia.pdf');
    const created = await fetch(`${a().base}/candidates?_csrf=${encodeURIComponent(recruiter.csrf)}`, { method: 'POST', redirect: 'manual', headers: { cookie: recruiter.cookie, 'content-type': form.contentType }, body: form.body });
    expect(created.status).toBe(303);
    const candidateId = Number(/\/candidates\/(\d+)/.exec(created.headers.get('location') ?? '')?.[1]);
    expect(candidateId).toBeGreaterThan(0);

    // Same cookie, other instance: still signed in, and the file is there.
    const onB = recruiter.withBase(b().base);
    const page = await onB.get(`/candidates/${candidateId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('sofia.pdf');
    const download = await onB.get(`/candidates/${candidateId}/resume`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-length')).toBe(String(resume.length));
    expect(Buffer.from(await download.arrayBuffer()).equals(resume)).toBe(true);
    const key = await resumeKey(candidateId);
    expect(await chunksOf(key)).toBe(Math.ceil(resume.length / (256 * 1024)));
    expect(keptOnDisk()).toEqual([]);

    // Erased through B: gone for both, no piece left.
    const admin = await Client.signIn(b().base, 'admin1@stress.test');
    const confirm = await admin.get(`/candidates/${candidateId}/erase`);
    const token = /name="_csrf" value="([^"]+)"/.exec(await confirm.text())?.[1] ?? admin.csrf;
    const erased = await fetch(`${b().base}/candidates/${candidateId}/erase`, { method: 'POST', redirect: 'manual', headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: token, password: PASSWORD, confirm_name: 'Shared Sofia' }).toString() });
    // A failure names what the server logged.
    expect({ status: erased.status, log: erased.status === 303 ? '' : b().output() }).toEqual({ status: 303, log: '' });
    for (const client of [recruiter, onB]) expect((await client.get(`/candidates/${candidateId}/resume`)).status).toBe(404);
    expect(await chunksOf(key)).toBe(0);

    // An invitation made on A is in the outbox B's admin sees.
    const adminOnA = admin.withBase(a().base);
    const invited = await fetch(`${a().base}/users`, { method: 'POST', redirect: 'manual', headers: { cookie: adminOnA.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: adminOnA.csrf, name: 'Ines Invited', email: 'ines.invited@example.test', role: 'interviewer' }).toString() });
    expect(invited.status).toBe(303);
    const outbox = await admin.get('/settings/mail');
    expect(outbox.status).toBe(200);
    expect(await outbox.text()).toContain('ines.invited@example.test');
  }, 60_000);

  it('when sign-in fails on both instances, then the failures add up: after ten, either instance refuses even the right password', async () => {
    async function signIn(base: string, password: string): Promise<number> {
      const page = await fetch(`${base}/login`, { redirect: 'manual' });
      const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
      const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
      const res = await fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: token, email: 'recruiter1@stress.test', password }).toString() });
      await res.arrayBuffer();
      return res.status;
    }
    for (let i = 0; i < 9; i += 1) expect(await signIn((i % 2 === 0 ? a() : b()).base, `wrong guess ${i}`)).toBe(401);
    // Nine failures: one attempt is left, on either instance.
    expect(await signIn(b().base, 'wrong guess 9')).toBe(401);
    expect(await signIn(a().base, PASSWORD)).toBe(429);
    expect(await signIn(b().base, PASSWORD)).toBe(429);
  }, 30_000);
});
