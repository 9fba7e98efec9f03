import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

const ROOT = path.resolve(__dirname, '../../..');
const OPEN_DATABASE = path.join(ROOT, 'dist/src/db/open-database.js');
const TRANSACTIONS = 150;

/**
 * One process of the pair: waits for the common start, then runs TRANSACTIONS transactions that each
 * read the counter, yield for a millisecond (another process commits meanwhile) and write it back
 * plus one. `app` opens the database as the server does; `deferred` uses Kysely's own SQLite dialect.
 */
const CHILD = `
const { sql, Kysely, SqliteDialect } = require('kysely');
const [file, mode, startAt, count, openDatabasePath] = process.argv.slice(1);
let db;
if (mode === 'app') {
  db = require(openDatabasePath).openDatabase({ dialect: 'sqlite', filename: file }).db;
} else {
  const sqlite = new (require('better-sqlite3'))(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
}
(async () => {
  await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
  const errors = [];
  let committed = 0;
  for (let i = 0; i < Number(count); i += 1) {
    try {
      await db.transaction().execute(async (trx) => {
        const { rows } = await sql\`select value from counter where id = 1\`.execute(trx);
        await new Promise((r) => setTimeout(r, 1));
        await sql\`update counter set value = \${rows[0].value + 1} where id = 1\`.execute(trx);
        await sql\`insert into writes (pid) values (\${process.pid})\`.execute(trx);
      });
      committed += 1;
    } catch (err) {
      errors.push(err.code || err.message);
    }
  }
  await db.destroy();
  process.stdout.write(JSON.stringify({ committed, errors }));
})();
`;

interface Outcome {
  committed: number;
  errors: string[];
}

function runChild(file: string, mode: 'app' | 'deferred', startAt: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD, file, mode, String(startAt), String(TRANSACTIONS), OPEN_DATABASE], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Outcome) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

async function race(mode: 'app' | 'deferred'): Promise<{ outcomes: Outcome[]; counter: number; writes: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesbench-sqlite-processes-'));
  const file = path.join(dir, 'race.sqlite');
  const setup = new BetterSqlite3(file);
  setup.pragma('journal_mode = WAL');
  setup.exec('create table counter (id integer primary key, value integer not null); insert into counter values (1, 0); create table writes (id integer primary key, pid integer not null)');
  setup.close();
  try {
    // Both start at the same moment, once each has loaded its modules.
    const startAt = Date.now() + 1_500;
    const outcomes = await Promise.all([runChild(file, mode, startAt), runChild(file, mode, startAt)]);
    const check = new BetterSqlite3(file, { readonly: true });
    const counter = (check.prepare('select value from counter where id = 1').get() as { value: number }).value;
    const writes = (check.prepare('select count(*) as n from writes').get() as { n: number }).n;
    check.close();
    return { outcomes, counter, writes };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const built = fs.existsSync(OPEN_DATABASE);

describe('SQLite written by several processes at once (cluster workers)', () => {
  it('when two processes each run read-then-write transactions on one file, then every transaction commits and no update is lost', async () => {
    if (!built) throw new Error('run `npm run build` first (npm test does it)');
    const { outcomes, counter, writes } = await race('app');
    expect(outcomes.map((o) => o.errors)).toEqual([[], []]);
    expect(outcomes.map((o) => o.committed)).toEqual([TRANSACTIONS, TRANSACTIONS]);
    expect(counter).toBe(2 * TRANSACTIONS);
    expect(writes).toBe(2 * TRANSACTIONS);
  });

  it('when the same transactions begin deferred (Kysely\'s own dialect), then some fail with SQLITE_BUSY: the race the app avoids is real', async () => {
    if (!built) throw new Error('run `npm run build` first (npm test does it)');
    const { outcomes, counter } = await race('deferred');
    const errors = outcomes.flatMap((o) => o.errors);
    console.log(`deferred begin: ${errors.length} of ${2 * TRANSACTIONS} transactions failed (${[...new Set(errors)].join(', ')})`);
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((e) => e.replace(/_SNAPSHOT$/, '')))).toEqual(new Set(['SQLITE_BUSY']));
    expect(counter).toBe(outcomes[0]!.committed + outcomes[1]!.committed);
  });
});
