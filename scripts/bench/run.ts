import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { loadConfig } from '../../src/config';
import { signIn, start } from './harness';

/**
 * `npm run bench`: starts the built app on the seeded database (same DATABASE_URL / DATA_DIR as
 * `npm run bench:seed`) and a bare Express + EJS page, signs in, and measures each page with
 * autocannon (127.0.0.1, 50 connections, 2 s of warm-up then 10 s measured), once the server has
 * worked off the previous page's queue, after timing 21 requests to it one at a time.
 */
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
/** BENCH_WORKERS: the app's WEB_CONCURRENCY (default 1). */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
/** BENCH_PAGES: only the pages whose names contain one of these comma-separated words (the bare yardstick always runs). */
const PAGES = (process.env.BENCH_PAGES ?? '').split(',').map((p) => p.trim()).filter(Boolean);
/** BENCH_RUNS: how many times every page is measured, one round of all pages after another; each column printed is the median of the rounds (default 1). */
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));

const WARM_UP_MS = 2000;
/** autocannon's default request timeout. */
const TIMEOUT_MS = 10_000;

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** The longest a new connection waited for its first answer. */
  firstAnswer: number;
  /** Server CPU per answer in the measured window: the cost that does not move with other work on the machine. */
  cpuPerRequest: number;
}

/** The process and its children (a cluster's primary and workers). */
function processTree(pid: number): number[] {
  const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return [pid, ...(children ? children.split(' ').map(Number) : [])];
}

/** CPU time the process and its children have used so far (user + system), in ms, from /proc. */
function cpuMs(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    const fields = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 a second on Linux).
    total += (Number(fields[11]) + Number(fields[12])) * 10;
  }
  return total;
}

/** With workers: resolves once all are forked and have had time to start listening (the app logs at "warn" here). */
async function workersStarted(pid: number): Promise<void> {
  if (WORKERS === 1) return;
  const deadline = Date.now() + 30_000;
  while (processTree(pid).length < WORKERS + 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 3_000));
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * One autocannon run of warm-up plus measurement on the same connections. req/s counts the answers
 * that arrive inside the measured window. p50 and p99 are over the requests sent inside it; one
 * still unanswered when the run ends counts with the time it had waited so far. The first request
 * of each connection is left out of them: when the server is saturated, 50 connections opened at
 * once are accepted one by one, and their first answers wait for that (reported apart as
 * firstAnswer), which is about connection start, not about the page.
 */
async function measure(url: string, serverPid: number, cookie?: string, seconds = DURATION): Promise<Measured> {
  const started = performance.now();
  let cpuAtStart = 0;
  let cpuAtEnd = 0;
  const startTimer = setTimeout(() => (cpuAtStart = cpuMs(serverPid)), WARM_UP_MS);
  const endTimer = setTimeout(() => (cpuAtEnd = cpuMs(serverPid)), WARM_UP_MS + seconds * 1000);
  const windowStart = started + WARM_UP_MS;
  const windowEnd = windowStart + seconds * 1000;
  const latencies: number[] = [];
  let firstAnswer = 0;
  let run!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    run = autocannon({ url, connections: CONNECTIONS, duration: WARM_UP_MS / 1000 + seconds, headers: cookie ? { cookie } : {} }, (err, result) => (err ? reject(err as Error) : resolve(result)));
  });
  let errors = 0;
  let answered = 0;
  /** When each connection last got an answer: its next request left then. */
  const lastAnswer = new Map<unknown, number>();
  run.on('response', (client: unknown, status: number, _bytes: number, responseTime: number) => {
    const end = performance.now();
    if (!lastAnswer.has(client)) firstAnswer = Math.max(firstAnswer, responseTime);
    lastAnswer.set(client, end);
    if (end >= windowStart && end <= windowEnd) answered += 1;
    if (end - responseTime >= windowStart && end <= windowEnd) {
      latencies.push(responseTime);
      if (status < 200 || status >= 300) errors += 1;
    }
  });
  // Failed requests sent inside the measured window; one that timed out was sent 10 s before.
  run.on('reqError', (err: unknown) => {
    const timedOut = /timeout|timed out/i.test(String((err as { code?: string; message?: string })?.code ?? (err as Error)?.message ?? ''));
    const sent = performance.now() - (timedOut ? TIMEOUT_MS : 0);
    if (sent >= windowStart && sent <= windowEnd) errors += 1;
  });
  await finished;
  clearTimeout(startTimer);
  clearTimeout(endTimer);
  if (cpuAtEnd === 0) cpuAtEnd = cpuMs(serverPid);
  for (const sent of lastAnswer.values()) if (sent >= windowStart && sent < windowEnd) latencies.push(windowEnd - sent);
  latencies.sort((a, b) => a - b);
  return { rps: Math.round(answered / seconds), p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)), errors, firstAnswer: Math.round(firstAnswer), cpuPerRequest: answered === 0 ? 0 : Math.round(((cpuAtEnd - cpuAtStart) / answered) * 100) / 100 };
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

/**
 * The median of 21 requests in a row, warm: what one user waits for the page. One request first,
 * timed apart (`first`): it warms the process and, for the reports, computes the page they keep
 * until the next change (the cost of the first reader after a write).
 */
async function alone(url: string, cookie: string | undefined): Promise<{ median: number; first: number }> {
  const get = async () => {
    const started = performance.now();
    const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual', signal: AbortSignal.timeout(120_000) });
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    await res.arrayBuffer();
    return performance.now() - started;
  };
  const first = await get();
  const times: number[] = [];
  for (let i = 0; i < 21; i += 1) {
    times.push(await get());
    // A page that takes seconds is not asked 21 times.
    if (times[0]! > 2000) break;
  }
  times.sort((a, b) => a - b);
  const round1 = (ms: number) => Math.round(ms * 10) / 10;
  return { median: round1(times[Math.floor(times.length / 2)]!), first: round1(first) };
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

type Row = { name: string; single: number } & Measured & { cpuRatio?: number; aloneRatio?: number };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/**
 * Each column the median over the rounds that measured the page; the two cost ratios are taken
 * against the bare page of the same round first (the machine's speed moves between rounds), then
 * their median is printed.
 */
function medianOfRounds(names: readonly string[], rounds: readonly Map<string, { name: string; single: number } & Measured>[]): Row[] {
  const rows: Row[] = [];
  for (const name of names) {
    const seen = rounds.map((round) => ({ row: round.get(name), bare: round.get(names[0]!) })).filter((r) => r.row !== undefined && r.bare !== undefined);
    if (seen.length === 0) continue;
    const pick = (f: (m: Measured & { single: number }) => number): number => median(seen.map((r) => f(r.row!)));
    rows.push({
      name,
      single: pick((m) => m.single),
      rps: pick((m) => m.rps),
      p50: pick((m) => m.p50),
      p99: pick((m) => m.p99),
      errors: pick((m) => m.errors),
      firstAnswer: pick((m) => m.firstAnswer),
      cpuPerRequest: pick((m) => m.cpuPerRequest),
      cpuRatio: median(seen.map((r) => (r.bare!.cpuPerRequest === 0 ? 0 : r.row!.cpuPerRequest / r.bare!.cpuPerRequest))),
      aloneRatio: median(seen.map((r) => (r.bare!.single === 0 ? 0 : r.row!.single / r.bare!.single))),
    });
  }
  return rows;
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const credentials = JSON.parse(fs.readFileSync(path.join(config.dataDir, 'bench-credentials.json'), 'utf8')) as { email: string; password: string };
  const app = await start('src/server.js', { LOG_LEVEL: 'warn', SESSION_SECRET: crypto.randomBytes(32).toString('hex'), WEB_CONCURRENCY: String(WORKERS) });
  await workersStarted(app.child.pid!);
  const bare = await start('scripts/bench/bare-server.js', {});
  const base = `http://127.0.0.1:${app.port}`;
  try {
    const cookie = await signIn(base, credentials.email, credentials.password);
    // Every seeded staff member shares the admin's password; staff17 is an interviewer on thousands of interviews.
    const interviewerCookie = await signIn(base, 'staff17@salesbench.test', credentials.password);
    const bareLogin = await fetch(`http://127.0.0.1:${bare.port}/signed-in/login`);
    const bareCookie = (bareLogin.headers.get('set-cookie') ?? '').split(';')[0]!;
    const barePid = bare.child.pid!;
    const appPid = app.child.pid!;
    const targets: [string, string, string | undefined, number][] = [
      ['bare Express + EJS table', `http://127.0.0.1:${bare.port}/`, undefined, barePid],
      ['bare, behind sign-in middleware', `http://127.0.0.1:${bare.port}/signed-in/`, bareCookie, barePid],
      ['small signed-in page (team plan)', `${base}/team-plan`, cookie, appPid],
      ['comparison, 30 candidates', `${base}/openings/1/compare?status=all`, cookie, appPid],
      ['candidate list, first page', `${base}/candidates`, cookie, appPid],
      ['candidate list, filtered search', `${base}/candidates?q=anna&source=inbound`, cookie, appPid],
      ['search: two words', `${base}/candidates?q=german+banks`, cookie, appPid],
      ['search: two Russian words', `${base}/candidates?q=${encodeURIComponent('продажи банкам')}`, cookie, appPid],
      ['search: name start after a word', `${base}/candidates?q=german+ann`, cookie, appPid],
      ['search: two common words', `${base}/candidates?q=sales+pipeline`, cookie, appPid],
      ['candidate list, by last activity', `${base}/candidates?sort=activity&page=200`, cookie, appPid],
      ['candidate list, by name', `${base}/candidates?sort=name`, cookie, appPid],
      ['candidate page', `${base}/candidates/1`, cookie, appPid],
      ['onboarding checklist', `${base}/onboarding/plans/1`, cookie, appPid],
      ['opening board', `${base}/openings/1`, cookie, appPid],
      ['decision page', `${base}/applications/1/summary`, cookie, appPid],
      ['interview kit', `${base}/interviews/1`, cookie, appPid],
      ['my interviews (3 parts, paged)', `${base}/interviews`, cookie, appPid],
      ['home (admin)', `${base}/`, cookie, appPid],
      ['home (busy interviewer)', `${base}/`, interviewerCookie, appPid],
      ['scheduling form', `${base}/applications/1/interviews/new`, cookie, appPid],
      ['report: interview vs review', `${base}/reports/prediction`, cookie, appPid],
      ['report: calibration', `${base}/reports/calibration`, cookie, appPid],
      ['report: sources', `${base}/reports/sources`, cookie, appPid],
      ['report: pipeline', `${base}/reports/pipeline`, cookie, appPid],
      ['report: onboarding', `${base}/reports/onboarding`, cookie, appPid],
    ];
    const chosen = targets.filter(([name], i) => i === 0 || PAGES.length === 0 || PAGES.some((p) => name.includes(p)));
    const rounds: Map<string, { name: string; single: number } & Measured>[] = [];
    const tooSlow = new Set<string>();
    const firsts = new Map<string, number[]>();
    for (let round = 0; round < RUNS; round += 1) {
      const measured = new Map<string, { name: string; single: number } & Measured>();
      for (const [name, url, c, pid] of chosen) {
        await drained(base);
        const { median: single, first } = await alone(url, c);
        if (name.startsWith('report') || name.startsWith('comparison')) firsts.set(name, [...(firsts.get(name) ?? []), first]);
        // 50 connections against a page that takes seconds would only measure the queue: say so instead.
        if (single > 2000) {
          tooSlow.add(`${name}: one request alone took ${(single / 1000).toFixed(1)} s; not measured under load`);
          continue;
        }
        await drained(base);
        measured.set(name, { name, single, ...(await measure(url, pid, c)) });
      }
      rounds.push(measured);
      if (RUNS > 1) console.error(`round ${round + 1} of ${RUNS} done`);
    }
    const results = medianOfRounds(chosen.map(([name]) => name), rounds);
    const yardstick = results[0]!;
    const dialect = config.database.dialect;
    console.log(`\nSalesbench bench (${dialect}, ${WORKERS === 1 ? 'one process' : `${WORKERS} workers`}, ${CONNECTIONS} connections, ${DURATION} s each${RUNS > 1 ? `, median of ${RUNS} rounds` : ''})\n`);
    console.log('page                             alone ms    req/s    p50 ms   p99 ms   ratio   errors   first answer ms   CPU ms/req   CPU ratio   alone ratio');
    for (const r of results) {
      if (r.rps === 0) {
        console.log(`${r.name.padEnd(32)} ${String(r.single).padStart(8)}   no answer in the measured ${DURATION} s: ${CONNECTIONS} requests at once take longer than that`);
        continue;
      }
      console.log(`${r.name.padEnd(32)} ${String(r.single).padStart(8)} ${String(r.rps).padStart(8)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${(r.rps / yardstick.rps).toFixed(2).padStart(7)} ${String(r.errors).padStart(8)} ${String(r.firstAnswer).padStart(17)} ${r.cpuPerRequest.toFixed(2).padStart(12)} ${(r.cpuRatio ?? 0).toFixed(1).padStart(11)} ${(r.aloneRatio ?? 0).toFixed(1).padStart(13)}`);
    }
    console.log(`\nalone: the median of 21 requests in a row before the load test. req/s: answers in the ${DURATION} s after a ${WARM_UP_MS / 1000} s warm-up on the same`);
    console.log(`${CONNECTIONS} connections; p50, p99: requests sent in those ${DURATION} s (one unanswered at the end counts with its wait so far); errors: timeouts`);
    console.log(`(${TIMEOUT_MS / 1000} s) and non-2xx answers among them. first answer: the longest a new connection waited for its first answer.`);
    console.log(`CPU ms/req: the server process's CPU time in those ${DURATION} s divided by the answers (moves least with other work on the machine;`);
    console.log(`on PostgreSQL the database server's own work is not in it${WORKERS > 1 ? '; with workers, the primary\'s and all workers\' together' : ''}).`);
    console.log('ratio: req/s against the bare page; CPU ratio and alone ratio: CPU ms/req and alone against the bare page, each taken in its own round, then the median.');
    for (const line of tooSlow) console.log(line);
    // A report (and the comparison) computes its page once per change and keeps it: the first request of the first round pays for that.
    for (const [name, times] of firsts) console.log(`${name}: first request (page computed, then kept) ${times[0]!.toFixed(1)} ms`);
    if (WORKERS === 1) console.log(`\nserver RSS after the run: ${rssMb(appPid)} MB`);
    else console.log(`\nRSS after the run: primary ${rssMb(appPid)} MB, workers ${processTree(appPid).slice(1).map(rssMb).join(' MB, ')} MB`);
  } finally {
    app.child.kill('SIGTERM');
    bare.child.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
