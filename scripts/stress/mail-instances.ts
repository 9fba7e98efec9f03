import { rng } from '../random';
import { SmtpSink } from './smtp-sink';
import { Client, option, runOnTargets, seedCompany, startServer, type Target } from './support';

/**
 * Part of `npm run test:crash`: two app instances on one PostgreSQL database, each with its own mail
 * worker, while admins invite people through both. Every message must be delivered exactly once
 * (no instance dies here, so no message may arrive twice), and both instances must have sent some:
 * they share the outbox by claiming rows with FOR UPDATE SKIP LOCKED. PostgreSQL only (several
 * instances need a shared database server).
 *
 * Options: --invites N (MAIL_INVITES, default 240).
 */
const INVITES = Number(option('invites', 'MAIL_INVITES', '240'));
const CLIENTS_PER_INSTANCE = 4;

async function run(target: Target): Promise<string[]> {
  const failures: string[] = [];
  await target.create();
  await seedCompany(target, { recruiters: 0, interviewers: 0, interviewsEach: 0 });
  const sink = await SmtpSink.start(rng(7), 30);
  const instances = [await startServer(target, 'info', undefined, sink.env()), await startServer(target, 'info', undefined, sink.env())];
  try {
    const clients: Client[] = [];
    for (const instance of instances) for (let i = 0; i < CLIENTS_PER_INSTANCE; i += 1) clients.push(await Client.signIn(instance.base, 'admin1@stress.test'));
    let next = 0;
    const started = Date.now();
    await Promise.all(
      clients.map(async (client) => {
        for (let n = next++; n < INVITES; n = next++) {
          const body = new URLSearchParams({ _csrf: client.csrf, name: `Invitee ${n}`, email: `pair.${n}@stress.test`, role: 'interviewer' }).toString();
          const res = await fetch(`${client.base}/users`, { method: 'POST', redirect: 'manual', headers: { cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
          if (res.status !== 303) failures.push(`invite ${n} answered ${res.status}`);
          await res.arrayBuffer();
        }
      }),
    );
    const deadline = Date.now() + 60_000;
    while (sink.deliveries.length < INVITES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    // A moment more: a second delivery of any message would show now.
    await new Promise((r) => setTimeout(r, 1_000));
    const elapsed = Date.now() - started;
    const times = new Map<string, number>();
    for (const d of sink.deliveries) times.set(d.to, (times.get(d.to) ?? 0) + 1);
    for (let n = 0; n < INVITES; n += 1) {
      const count = times.get(`pair.${n}@stress.test`) ?? 0;
      if (count !== 1) failures.push(`pair.${n}@stress.test got ${count} messages`);
    }
    const sentBy = instances.map((instance) => [...instance.output().matchAll(/"sent":(\d+)[^\n]*"msg":"mail delivered"/g)].reduce((sum, m) => sum + Number(m[1]), 0));
    for (const [i, sent] of sentBy.entries()) if (sent === 0) failures.push(`instance ${i + 1} sent nothing: the outbox was not shared`);
    console.log(`[${target.dialect}] ${INVITES} invites through 2 instances: ${sink.deliveries.length} messages delivered in ${(elapsed / 1000).toFixed(1)} s, sent by the instances ${sentBy.join(' + ')}; delivered twice: ${sink.deliveries.length - times.size}`);
  } finally {
    for (const instance of instances) instance.child.kill('SIGTERM');
    await Promise.all(instances.map((i) => i.exit));
    await sink.close();
  }
  return failures;
}

runOnTargets('mail-instances', async (target) => (target.dialect === 'postgres' ? run(target) : (console.log('[sqlite] skipped: several instances need PostgreSQL'), []))).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
