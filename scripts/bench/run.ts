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
 * autocannon (127.0.0.1, 50 connections, 2 s of warm-up then 10 s measured), once the server has
 * worked off the previous page's queue, after timing three requests to it one at a time.
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

const WARM_UP_MS = 2000;

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The longest a new connection waited for its first answer. */
  firstAnswer: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * One autocannon run of warm-up plus measurement on the same connections. Throughput and latency
 * count the requests sent after the warm-up and answered before the end: a saturated Node server
 * accepts one new connection per turn of its event loop, so the first requests of 50 connections
 * opened at once wait their turn to be accepted, for seconds on a slow page. That wait is a
 * property of connection start, not of the page, and is reported on its own (firstAnswer).
 */
async function measure(url: string, cookie?: string, seconds = DURATION): Promise<Measured> {
  const started = performance.now();
  const windowStart = started + WARM_UP_MS;
  const windowEnd = windowStart + seconds * 1000;
  const latencies: number[] = [];
  const seen = new Set<unknown>();
  let firstAnswer = 0;
  let run!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    run = autocannon({ url, connections: CONNECTIONS, duration: WARM_UP_MS / 1000 + seconds, headers: cookie ? { cookie } : {} }, (err, result) => (err ? reject(err as Error) : resolve(result)));
  });
  run.on('response', (client: unknown, _status: number, _bytes: number, responseTime: number) => {
    const end = performance.now();
    if (!seen.has(client)) {
      seen.add(client);
      firstAnswer = Math.max(firstAnswer, responseTime);
    }
    if (end - responseTime >= windowStart && end <= windowEnd) latencies.push(responseTime);
  });
  const result = await finished;
  latencies.sort((a, b) => a - b);
  return { rps: Math.round(latencies.length / seconds), p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)), errors: result.errors + result.non2xx, firstAnswer: Math.round(firstAnswer) };
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
    const results: ({ name: string; single: number } & Measured)[] = [];
    const tooSlow: string[] = [];
    for (const [name, url, c] of targets) {
      await drained(base);
      const single = await alone(url, c);
      // 50 connections against a page that takes seconds would only measure the queue: say so instead.
      if (single > 2000) {
        tooSlow.push(`${name}: one request alone took ${(single / 1000).toFixed(1)} s; not measured under load`);
        continue;
      }
      await drained(base);
      results.push({ name, single, ...(await measure(url, c)) });
    }
    const bareRps = results[0]!.rps;
    const dialect = config.database.dialect;
    console.log(`\nSalesbench bench (${dialect}, ${CONNECTIONS} connections, ${DURATION} s each)\n`);
    console.log('page                             alone ms    req/s    p50 ms   p99 ms   ratio   errors   first answer ms');
    for (const r of results) {
      console.log(`${r.name.padEnd(32)} ${String(r.single).padStart(8)} ${String(r.rps).padStart(8)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${(r.rps / bareRps).toFixed(2).padStart(7)} ${String(r.errors).padStart(8)} ${String(r.firstAnswer).padStart(17)}`);
    }
    console.log('\nalone: the fastest of three requests in a row before the load test. req/s, p50 and p99: requests sent after a 2 s warm-up on the');
    console.log('same 50 connections. errors: timeouts (10 s) and non-2xx answers. first answer: the longest a new connection waited for its first');
    console.log('answer (a saturated Node server accepts one connection per turn of its event loop).');
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
