import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { freePort, signIn, start } from './harness';

/**
 * `npm run bench:first-answer`: how long 50 new connections opened at once wait for their first
 * answer while the server is saturated, straight to the app and through nginx (when `nginx` is on
 * the PATH) with a pool of kept-alive connections to the app. Same DATA_DIR / DATABASE_URL as
 * `npm run bench`; BENCH_WORKERS (default 2) workers; BENCH_PAGES: comma-separated paths (default
 * the small signed-in page and the comparison).
 */
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const PATHS = (process.env.BENCH_PAGES ?? '/team-plan,/openings/1/compare?status=all').split(',').map((p) => p.trim()).filter(Boolean);

interface Burst {
  /** Each connection's first answer, from the moment all were opened, sorted. */
  firstAnswers: number[];
  /** Every later answer's time, sorted. */
  latencies: number[];
  answered: number;
  failed: number;
}

function get(agent: http.Agent, port: number, url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = performance.now();
    const req = http.get({ host: '127.0.0.1', port, path: url, agent, headers: { cookie } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - sent) : reject(new Error(`answered ${res.statusCode}`))));
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

/** Opens CONNECTIONS connections at once; each asks for the page again as soon as it is answered, for `seconds`. */
async function burst(port: number, url: string, cookie: string, seconds: number): Promise<Burst> {
  const started = performance.now();
  const until = started + seconds * 1000;
  const result: Burst = { firstAnswers: [], latencies: [], answered: 0, failed: 0 };
  const agents = Array.from({ length: CONNECTIONS }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  await Promise.all(agents.map(async (agent) => {
    let first = true;
    while (performance.now() < until) {
      try {
        const took = await get(agent, port, url, cookie);
        if (first) result.firstAnswers.push(performance.now() - started);
        else result.latencies.push(took);
        result.answered += 1;
      } catch {
        result.failed += 1;
      }
      first = false;
    }
  }));
  for (const agent of agents) agent.destroy();
  result.firstAnswers.sort((a, b) => a - b);
  result.latencies.sort((a, b) => a - b);
  return result;
}

function at(sorted: readonly number[], p: number): string {
  if (sorted.length === 0) return '-';
  return String(Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!));
}

function nginxOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':').concat(['/usr/sbin'])) {
    const candidate = path.join(dir, 'nginx');
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** nginx in front of the app: it accepts every client at once and reuses up to 64 idle connections to the app. */
async function startNginx(binary: string, appPort: number): Promise<{ child: ChildProcess; port: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesbench-nginx-'));
  const port = await freePort();
  const conf = `worker_processes 1;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 4096; multi_accept on; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream salesbench { server 127.0.0.1:${appPort}; keepalive 64; }
  server {
    listen 127.0.0.1:${port} backlog=1024;
    location / { proxy_pass http://salesbench; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host $host; }
  }
}
`;
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf);
  const child = spawn(binary, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 50; i += 1) {
    try {
      await fetch(`http://127.0.0.1:${port}/healthz`);
      return { child, port };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('nginx did not start');
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const credentials = JSON.parse(fs.readFileSync(path.join(config.dataDir, 'bench-credentials.json'), 'utf8')) as { email: string; password: string };
  const app = await start('src/server.js', { LOG_LEVEL: 'warn', SESSION_SECRET: crypto.randomBytes(32).toString('hex'), WEB_CONCURRENCY: String(WORKERS) });
  await new Promise((r) => setTimeout(r, WORKERS > 1 ? 4000 : 500));
  const binary = nginxOnPath();
  const proxy = binary ? await startNginx(binary, app.port) : undefined;
  try {
    const cookie = await signIn(`http://127.0.0.1:${app.port}`, credentials.email, credentials.password);
    console.log(`\nFirst answers of ${CONNECTIONS} connections opened at once (${config.database.dialect}, ${WORKERS === 1 ? 'one process' : `${WORKERS} workers`}, ${SECONDS} s each), ms from the moment they were opened\n`);
    console.log('page                                  way in                  first: p50     p90     max    later p99   req/s   failed');
    const line = (page: string, way: string, b: Burst): void => console.log(`${page.padEnd(38)}${way.padEnd(22)}${at(b.firstAnswers, 50).padStart(9)} ${at(b.firstAnswers, 90).padStart(7)} ${at(b.firstAnswers, 100).padStart(7)} ${at(b.latencies, 99).padStart(12)} ${String(Math.round(b.answered / SECONDS)).padStart(7)} ${String(b.failed).padStart(8)}`);
    for (const url of PATHS) {
      await burst(app.port, url, cookie, 2);
      await new Promise((r) => setTimeout(r, 1000));
      line(url, 'straight to the app', await burst(app.port, url, cookie, SECONDS));
      if (!proxy) continue;
      await new Promise((r) => setTimeout(r, 1000));
      // Cold: nginx holds no connection to the app yet (a fresh start of nginx would be the same).
      proxy.child.kill('SIGHUP');
      await new Promise((r) => setTimeout(r, 1000));
      line(url, 'nginx, new workers', await burst(proxy.port, url, cookie, SECONDS));
      // Warm: the clients before have left, the proxy keeps its connections to the app for the next ones.
      await new Promise((r) => setTimeout(r, 1000));
      line(url, 'nginx, running', await burst(proxy.port, url, cookie, SECONDS));
    }
    if (!proxy) console.log('\nnginx is not installed: only the way straight to the app was measured.');
  } finally {
    proxy?.child.kill('SIGTERM');
    app.child.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
