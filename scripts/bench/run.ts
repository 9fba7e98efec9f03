import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../../src/config';
import { PROJECT_ROOT } from '../../src/paths';

/**
 * `npm run bench`: starts the built app on the seeded database (same DATABASE_URL / DATA_DIR as
 * `npm run bench:seed`) and a bare Express + EJS page, signs in, and measures each page with
 * autocannon (127.0.0.1, 50 connections, 10 s after a 2 s warm-up), once the server has worked
 * off the previous page's queue, after timing three requests to it one at a time.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

async function start(script: string, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'dist', script)], { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + 30_000;
  // Ready when it answers; the app logs at "warn" here, so there is no start-up line to wait for.
  while (Date.now() < deadline && !exited) {
    try {
      await fetch(`http://127.0.0.1:${port}/healthz`);
      return { child, port };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${script} did not start`);
}

async function signIn(base: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${base}/login`, { redirect: 'manual' });
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email, password }).toString(),
  });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

function measure(url: string, cookie?: string, seconds = DURATION): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: cookie ? { cookie } : {} });
}

/** Waits until the server answers its health check at once: requests still queued from a load test would otherwise slow the next page's. */
async function drained(base: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  let quick = 0;
  while (quick < 3 && Date.now() < deadline) {
    const started = Date.now();
    await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
    quick = Date.now() - started < 20 ? quick + 1 : 0;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The fastest of three requests in a row, warm: what one user waits for the page. */
async function alone(url: string, cookie: string | undefined): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 3; i += 1) {
    const started = Date.now();
    const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual', signal: AbortSignal.timeout(120_000) });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    await res.arrayBuffer();
    best = Math.min(best, Date.now() - started);
  }
  return best;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const credentials = JSON.parse(fs.readFileSync(path.join(config.dataDir, 'bench-credentials.json'), 'utf8')) as { email: string; password: string };
  const app = await start('src/server.js', { LOG_LEVEL: 'warn', SESSION_SECRET: crypto.randomBytes(32).toString('hex') });
  const bare = await start('scripts/bench/bare-server.js', {});
  const base = `http://127.0.0.1:${app.port}`;
  try {
    const cookie = await signIn(base, credentials.email, credentials.password);
    const targets: [string, string, string | undefined][] = [
      ['bare Express + EJS table', `http://127.0.0.1:${bare.port}/`, undefined],
      ['comparison, 30 candidates', `${base}/openings/1/compare?status=all`, cookie],
      ['candidate list, first page', `${base}/candidates`, cookie],
      ['candidate list, filtered search', `${base}/candidates?q=anna&source=inbound`, cookie],
      ['interview kit', `${base}/interviews/1`, cookie],
      ['report: interview vs review', `${base}/reports/prediction`, cookie],
      ['report: calibration', `${base}/reports/calibration`, cookie],
      ['report: sources', `${base}/reports/sources`, cookie],
      ['report: pipeline', `${base}/reports/pipeline`, cookie],
      ['report: onboarding', `${base}/reports/onboarding`, cookie],
    ];
    const results: { name: string; single: number; rps: number; p50: number; p99: number; errors: number }[] = [];
    const tooSlow: string[] = [];
    for (const [name, url, c] of targets) {
      await drained(base);
      const single = await alone(url, c);
      // 50 connections against a page that takes seconds would only measure the queue: say so instead.
      if (single > 2000) {
        tooSlow.push(`${name}: one request alone took ${(single / 1000).toFixed(1)} s; not measured under load`);
        continue;
      }
      await measure(url, c, 2);
      await drained(base);
      const r = await measure(url, c);
      results.push({ name, single, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx });
    }
    const bareRps = results[0]!.rps;
    const dialect = config.database.dialect;
    console.log(`\nSalesbench bench (${dialect}, ${CONNECTIONS} connections, ${DURATION} s each)\n`);
    console.log('page                             alone ms    req/s    p50 ms   p99 ms   ratio   errors');
    for (const r of results) {
      console.log(`${r.name.padEnd(32)} ${String(r.single).padStart(8)} ${String(r.rps).padStart(8)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${(r.rps / bareRps).toFixed(2).padStart(7)} ${String(r.errors).padStart(8)}`);
    }
    console.log('\nalone: the fastest of three requests in a row before the load test; errors: timeouts (10 s) and non-2xx answers.');
    for (const line of tooSlow) console.log(line);
    console.log(`\nserver RSS after the run: ${rssMb(app.child.pid!)} MB`);
  } finally {
    app.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
