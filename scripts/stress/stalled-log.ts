import fs from 'node:fs';
import http from 'node:http';
import { type Running, startServer, type Target, runOnSqlite } from './support';

/**
 * `npm run test:shutdown`, second part: the server's stdout is a pipe whose reader stays open but
 * stops reading, like a stuck log shipper. While it is stalled, thousands of requests with long
 * URLs (one long log line each) are sent. Asserts: every request is answered, the server's peak
 * RSS stays within RSS_BOUND_MB of its peak under the same flood with the reader reading, and
 * SIGTERM ends the process, with exit code 0, within 10 s. A second server then has its reader
 * resume after the flood: the output must say how many lines were dropped, and every line of the
 * flood is either in the output or counted.
 *
 * SQLite only: the log path never touches the database, which only answers /healthz.
 */
const FLOOD = 10_000;
const CONCURRENCY = 32;
/** Each request's log line carries its URL: 10 000 lines of 8 KB are ~80 MB, twenty times the log buffer. */
const QUERY_BYTES = 8 * 1024;
const WARM_UP = 500;
/**
 * Over the peak of the same flood with the reader reading: the flood alone grows the heap by ~50 MB
 * before the collector catches up, so that peak, not the idle RSS, is the baseline.
 */
const RSS_BOUND_MB = 60;
const EXIT_WITHIN_MS = 10_000;
const REQUEST_TIMEOUT_MS = 10_000;

interface Flood {
  readonly answered: number;
  readonly problems: string[];
}

function get(agent: http.Agent, port: number, urlPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    // A server stuck on its log would never answer: fail the request rather than wait forever.
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('no answer in time')));
    req.on('error', reject);
  });
}

/** `count` GETs of /healthz, `CONCURRENCY` at a time on keep-alive connections; `tag` marks them in the log. */
async function flood(port: number, tag: string, count: number, queryBytes: number): Promise<Flood> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const padding = 'x'.repeat(queryBytes);
  const problems: string[] = [];
  let next = 0;
  let answered = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const n = next;
      next += 1;
      try {
        const status = await get(agent, port, `/healthz?tag=${tag}&n=${n}&padding=${padding}`);
        if (status === 200) answered += 1;
        else problems.push(`${tag} #${n}: HTTP ${status}`);
      } catch (err) {
        problems.push(`${tag} #${n}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    agent.destroy();
  }
  return { answered, problems };
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb === undefined ? 0 : Number(kb) / 1024;
}

/** Samples the server's RSS every 50 ms until stopped; resolves with the highest value seen. */
function watchRss(pid: number): { stop(): number } {
  let highest = rssMb(pid);
  const timer = setInterval(() => (highest = Math.max(highest, rssMb(pid))), 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(highest, rssMb(pid));
    },
  };
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/** Waits until the server has written nothing for `quietMs`: its log buffer has been read out. */
async function outputSettled(server: Running, quietMs = 300, ms = 20_000): Promise<boolean> {
  let length = -1;
  let since = Date.now();
  return waitFor(() => {
    const now = server.output().length;
    if (now !== length) [length, since] = [now, Date.now()];
    return Date.now() - since >= quietMs;
  }, ms);
}

/** SIGTERM, then the time until the process is gone (or undefined if it is still there after 15 s; it is then killed). */
async function terminate(server: Running): Promise<{ ms?: number; code: number | null }> {
  const signalledAt = Date.now();
  server.child.kill('SIGTERM');
  const exited = await Promise.race([server.exit.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 15_000))]);
  if (!exited) {
    server.child.kill('SIGKILL');
    return { code: await server.exit };
  }
  return { ms: Date.now() - signalledAt, code: server.child.exitCode };
}

function logLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function urlOf(line: Record<string, unknown>): string {
  return String((line.req as { url?: unknown } | undefined)?.url ?? '');
}

function check(condition: boolean, message: string, failures: string[]): void {
  if (!condition) failures.push(message);
}

/** `count` requests with the reader reading, then a wait until all their lines are read: what follows is the next flood's alone. */
async function warmUp(server: Running, count: number, failures: string[]): Promise<void> {
  const warm = await flood(server.port, 'warm', count, QUERY_BYTES);
  check(warm.answered === count, `warm-up: ${warm.answered}/${count} answered (${warm.problems.slice(0, 5).join(', ')})`, failures);
  check(await outputSettled(server), 'the warm-up lines were still being written after 20 s', failures);
}

async function stalledReader(target: Target, failures: string[]): Promise<void> {
  const server = await startServer(target, 'info');
  const pid = server.child.pid!;
  const idle = rssMb(pid);
  const reading = watchRss(pid);
  await warmUp(server, FLOOD, failures);
  const readingPeak = reading.stop();

  server.child.stdout!.pause();
  const stalledRss = watchRss(pid);
  const started = Date.now();
  const stalled = await flood(server.port, 'stalled', FLOOD, QUERY_BYTES);
  const floodMs = Date.now() - started;
  const stalledPeak = stalledRss.stop();
  const exit = await terminate(server);

  const growth = stalledPeak - readingPeak;
  check(stalled.answered === FLOOD, `requests answered with the reader stalled: ${stalled.answered}/${FLOOD} (${stalled.problems.slice(0, 5).join(', ')})`, failures);
  check(growth < RSS_BOUND_MB, `peak RSS with the reader stalled is ${growth.toFixed(1)} MB over the peak with it reading`, failures);
  check(exit.ms !== undefined && exit.ms < EXIT_WITHIN_MS, exit.ms === undefined ? 'still running 15 s after SIGTERM' : `SIGTERM to exit took ${exit.ms} ms`, failures);
  check(exit.code === 0, `exit code ${exit.code}`, failures);
  console.log(
    `[${target.dialect}] reader stalled: ${stalled.answered}/${FLOOD} requests with ${QUERY_BYTES / 1024} KB URLs answered in ${floodMs} ms; ` +
      `RSS ${idle.toFixed(1)} MB idle, peak ${readingPeak.toFixed(1)} MB under the flood with the reader reading, ${stalledPeak.toFixed(1)} MB with it stalled (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB); ` +
      (exit.ms === undefined ? 'still running 15 s after SIGTERM (killed)' : `SIGTERM to exit: ${exit.ms} ms, exit code ${exit.code}`),
  );
}

async function readerResumes(target: Target, failures: string[]): Promise<void> {
  const server = await startServer(target, 'info');
  await warmUp(server, WARM_UP, failures);
  server.child.stdout!.pause();
  const stalled = await flood(server.port, 'stalled', FLOOD, QUERY_BYTES);
  server.child.stdout!.resume();
  // The lines kept in the buffer go out first; lines logged before they have are dropped too.
  check(await outputSettled(server), 'the buffered lines were still being written 20 s after the reader resumed', failures);
  const after = await flood(server.port, 'after', 10, 0);
  const arrived = await waitFor(() => logLines(server.output()).filter((l) => urlOf(l).includes('tag=after')).length === 10, 10_000);
  const exit = await terminate(server);

  const lines = logLines(server.output());
  const notices = lines.filter((l) => typeof l.droppedLines === 'number');
  const dropped = notices.reduce((sum, l) => sum + (l.droppedLines as number), 0);
  const seen = lines.filter((l) => urlOf(l).includes('tag=stalled')).length;
  const firstNotice = notices[0];
  const afterNotice = firstNotice && lines[lines.indexOf(firstNotice) + 1];

  check(stalled.answered === FLOOD && after.answered === 10, `requests answered: ${stalled.answered}/${FLOOD} stalled, ${after.answered}/10 after (${[...stalled.problems, ...after.problems].slice(0, 5).join(', ')})`, failures);
  check(arrived, 'the lines logged after the reader resumed did not all arrive', failures);
  check(notices.length > 0, 'no line says how many lines were dropped', failures);
  check(firstNotice?.level === 40 && typeof firstNotice.msg === 'string' && firstNotice.msg.includes('dropped'), `the dropped-lines warning reads ${JSON.stringify(firstNotice)}`, failures);
  check(afterNotice !== undefined && urlOf(afterNotice).startsWith('/healthz'), 'the dropped-lines warning is not followed by the line that got through', failures);
  check(seen + dropped === FLOOD, `lines of the flood: ${seen} written + ${dropped} dropped ≠ ${FLOOD}`, failures);
  check(lines.some((l) => l.msg === 'stopped'), 'no "stopped" line once the reader was reading again', failures);
  check(exit.code === 0, `exit code ${exit.code} after the reader resumed`, failures);
  console.log(`[${target.dialect}] reader resumed: ${seen} lines of the flood written, ${dropped} dropped and reported (${notices.length} warning${notices.length === 1 ? '' : 's'}: ${notices.map((n) => JSON.stringify(n)).join(' ')})`);
}

async function run(target: Target): Promise<string[]> {
  const failures: string[] = [];
  await target.create();
  await stalledReader(target, failures);
  await readerResumes(target, failures);
  return failures;
}

runOnSqlite('stalled log reader', run).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
