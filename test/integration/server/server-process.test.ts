import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import pg from 'pg';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { testDialects } from '../../helpers/test-context';
import { freePort } from '../../helpers/free-port';

const ROOT = path.resolve(__dirname, '../../..');
const SERVER = path.join(ROOT, 'dist/src/server.js');

interface Started {
  child: ChildProcess;
  port: number;
  dataDir: string;
  output: () => string;
  exit: Promise<number | null>;
  listeningAfterMs: number;
}

async function startServer(env: Record<string, string>): Promise<Started> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesbench-server-'));
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH ?? '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  while (!output.includes('listening')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, port, dataDir, output: () => output, exit, listeningAfterMs: Date.now() - started };
}

function get(port: number, agent: http.Agent, urlPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: urlPath, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

const built = fs.existsSync(SERVER);

describe.each(testDialects())('the server process [%s]', (dialect) => {
  const env: Record<string, string> = {};
  // On PostgreSQL the server gets a schema of its own, so earlier runs cannot leave it a migrated database.
  const schema = `server_${crypto.randomBytes(5).toString('hex')}`;
  beforeAll(async () => {
    if (dialect !== 'postgres') return;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = url.toString();
  });
  afterAll(async () => {
    if (dialect !== 'postgres') return;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  it('when started, then it migrates, listens and answers /healthz; on SIGTERM it closes idle keep-alive connections and exits 0 within 10 s', async () => {
    if (!built) throw new Error('run `npm run build` first (npm test does it)');
    const server = await startServer(env);
    console.log(`[${dialect}] cold start to listening: ${server.listeningAfterMs} ms`);
    const agent = new http.Agent({ keepAlive: true });
    expect(await get(server.port, agent, '/healthz')).toBe(200);
    expect(await get(server.port, agent, '/')).toBe(303);

    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    const code = await server.exit;
    const tookMs = Date.now() - signalledAt;
    agent.destroy();
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    expect(server.output()).toContain('stopped');
    await expect(get(server.port, new http.Agent(), '/healthz')).rejects.toThrow(/ECONNREFUSED/);
    if (dialect === 'sqlite') {
      const wal = path.join(server.dataDir, 'salesbench.sqlite-wal');
      expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true);
      expect(fs.existsSync(path.join(server.dataDir, 'session-secret'))).toBe(true);
    }
  });

  it('when a variable is invalid, then start-up stops with one clear line naming it', async () => {
    if (!built) throw new Error('run `npm run build` first (npm test does it)');
    const child = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH ?? '', PORT: 'eighty' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toBe('Invalid configuration: PORT must be an integer between 1 and 65535 (got "eighty")');
  });
});
