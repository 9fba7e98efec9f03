import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { sql } from 'kysely';
import { BackupError, createBackup } from '../../../src/backup/archive';
import { restoreBackup, type RestoreTarget } from '../../../src/backup/restore';
import { createBackupScheduler } from '../../../src/backup/scheduler';
import { runBackup } from '../../../src/backup/backups.use-cases';
import { END_OF_ARCHIVE, padding, readTar, tarHeader } from '../../../src/backup/tar';
import { addCandidate } from '../../../src/candidates/candidates.use-cases';
import type { DatabaseConfig } from '../../../src/config';
import { openDatabase } from '../../../src/db/open-database';
import * as backupRuns from '../../../src/db/migrations/0017-backup-runs';
import * as seedKeys from '../../../src/db/migrations/0020-seed-keys';
import { makeInterview, makeOpening } from '../../helpers/hiring';
import { createTestContext, testDialects, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { scoreInterview } from '../../helpers/writes';
import { createUser, signInAs } from '../../helpers/web';

const HOUR = 3_600_000;
const silent = pino({ level: 'silent' });

function sourceDatabase(ctx: TestContext): DatabaseConfig {
  return ctx.dialect === 'sqlite' ? ctx.config.database : { dialect: 'postgres', connectionString: process.env.TEST_DATABASE_URL as string };
}

function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** A résumé that arrived: random bytes in the upload folder's tmp/, as the upload checks leave it. */
function upload(ctx: TestContext, size = 2048 + crypto.randomInt(4096)) {
  const bytes = crypto.randomBytes(size);
  const tempPath = path.join(ctx.storage.tmpDir, crypto.randomBytes(8).toString('hex'));
  fs.writeFileSync(tempPath, bytes);
  return { upload: { tempPath, originalName: 'resume.pdf', kind: 'pdf' as const, mimeType: 'application/pdf', size, sha256: sha256(bytes) }, bytes };
}

/** Empty places to restore into: a new data folder, and for PostgreSQL a new database. */
async function freshTarget(ctx: TestContext): Promise<RestoreTarget & { cleanup(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesbench-restore-'));
  if (ctx.dialect === 'sqlite') {
    return { database: { dialect: 'sqlite', filename: path.join(dir, 'salesbench.sqlite') }, uploadDir: path.join(dir, 'uploads'), cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `salesbench_restore_${crypto.randomBytes(5).toString('hex')}`;
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  return {
    database: { dialect: 'postgres', connectionString: url.toString() },
    searchPath: ctx.schema!,
    uploadDir: path.join(dir, 'uploads'),
    async cleanup() {
      fs.rmSync(dir, { recursive: true, force: true });
      const again = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL as string });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

/** Writes the archive's entries again, leaving out or changing some: a damaged copy. */
async function rewriteArchive(source: string, target: string, change: (name: string, data: Buffer) => Buffer | undefined): Promise<void> {
  const parts: Buffer[] = [];
  await readTar(source, (header) => {
    const chunks: Buffer[] = [];
    return {
      data: (chunk) => void chunks.push(Buffer.from(chunk)),
      end() {
        const data = change(header.name, Buffer.concat(chunks));
        if (data) parts.push(tarHeader(header.name, data.length, new Date()), data, padding(data.length));
      },
    };
  });
  fs.writeFileSync(target, Buffer.concat([...parts, END_OF_ARCHIVE]));
}

describe.each(testDialects())('backups [%s]', (dialect) => {
  let ctx: TestContext;
  let backupDir: string;

  beforeAll(async () => {
    ctx = await createTestContext(dialect, {}, { sqliteFile: true });
    backupDir = path.join(ctx.config.dataDir, 'backups');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  const backup = () => createBackup({ database: sourceDatabase(ctx), ...(ctx.schema ? { searchPath: ctx.schema } : {}), uploadDir: ctx.config.uploadDir, backupDir, now: () => new Date() });

  it('when writers keep submitting scorecards and résumés during a backup, then its restore holds every write acknowledged before it started, files byte-identical, and nothing points at a missing file', async () => {
    const interviewer = await createUser(ctx.db, 'interviewer');
    const recruiter = await createUser(ctx.db, 'recruiter');
    const opening = await makeOpening(ctx.db);
    const interviews = [];
    for (let i = 0; i < 120; i += 1) interviews.push(await makeInterview(ctx.db, opening.id, [interviewer.id]));
    const deps = useCaseDeps(ctx.db);
    const candidateDeps = { ...deps, storage: ctx.storage };

    const scored: number[] = [];
    const resumes: { candidateId: number; bytes: Buffer }[] = [];
    let stop = false;
    let n = 0;
    const scoring = (async () => {
      for (const interview of interviews) {
        if (stop) break;
        await scoreInterview(deps, interviewer.id, { interviewId: interview.interviewId, openingId: opening.id }, 3);
        scored.push(interview.interviewId);
      }
    })();
    const uploading = (async () => {
      while (!stop) {
        n += 1;
        const { upload: resume, bytes } = upload(ctx);
        const candidateId = await addCandidate(candidateDeps, actingAs(recruiter.id, 'recruiter'), { candidate: { name: `Writer ${n}`, email: `writer.${n}.${Date.now()}@example.test`, phone: '', linkedinUrl: '', source: 'inbound', sourceDetail: '', notes: '' }, resume });
        resumes.push({ candidateId, bytes });
      }
    })();

    while (scored.length < 10 || resumes.length < 10) await new Promise((resolve) => setTimeout(resolve, 5));
    // Everything acknowledged before the backup starts must be in it.
    const before = { scored: [...scored], resumes: [...resumes] };
    const result = await backup();
    const during = { scored: scored.length - before.scored.length, resumes: resumes.length - before.resumes.length };
    stop = true;
    await Promise.all([scoring, uploading]);
    // The writers really were writing while the backup ran.
    expect(during.scored + during.resumes).toBeGreaterThan(0);

    const target = await freshTarget(ctx);
    try {
      const restored = await restoreBackup(result.archive, target);
      expect(restored.tables.candidates).toBe(result.manifest.tables.candidates);
      expect(restored.files).toBe(result.manifest.files.length);
      const db = openDatabase(target.database, target.searchPath ? { searchPath: target.searchPath } : {});
      try {
        const submitted = new Set((await db.db.selectFrom('scorecards').select('interview_id').where('status', '=', 'submitted').execute()).map((r) => r.interview_id));
        for (const id of before.scored) expect(submitted.has(id)).toBe(true);
        const files = await db.db.selectFrom('candidates').innerJoin('stored_files', 'stored_files.id', 'candidates.resume_file_id').select(['candidates.id', 'stored_files.storage_key']).execute();
        const keyOf = new Map(files.map((f) => [f.id, f.storage_key]));
        for (const { candidateId, bytes } of before.resumes) {
          const key = keyOf.get(candidateId);
          expect(key).toBeDefined();
          expect(fs.readFileSync(path.join(target.uploadDir, 'files', key!)).equals(bytes)).toBe(true);
        }
        // Every file a restored row records is there, and no other (writes during the backup: row and file, or neither).
        const rows = await db.db.selectFrom('stored_files').select(['storage_key', 'sha256']).execute();
        for (const row of rows) {
          expect(sha256(fs.readFileSync(path.join(target.uploadDir, 'files', row.storage_key)))).toBe(row.sha256);
        }
        expect(fs.readdirSync(path.join(target.uploadDir, 'files')).sort()).toEqual(rows.map((r) => r.storage_key).sort());
        if (dialect === 'sqlite') {
          expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db.db)).rows[0]!.integrity_check).toBe('ok');
          expect((await sql`pragma foreign_key_check`.execute(db.db)).rows).toHaveLength(0);
        }
      } finally {
        await db.close();
      }
    } finally {
      await target.cleanup();
    }
  });

  describe('a damaged archive is refused, naming the first bad entry, and the target stays untouched', () => {
    let archive: string;
    let fileEntries: string[];
    beforeAll(async () => {
      const result = await backup();
      archive = result.archive;
      fileEntries = result.manifest.files.map((f) => f.entry);
      expect(fileEntries.length).toBeGreaterThan(1);
    });

    async function refused(damaged: string): Promise<BackupError> {
      const target = await freshTarget(ctx);
      try {
        const error = await restoreBackup(damaged, target).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(error).toBeInstanceOf(BackupError);
        // Nothing written: no database file, no upload folder.
        if (target.database.dialect === 'sqlite') expect(fs.existsSync(target.database.filename)).toBe(false);
        else {
          const client = new pg.Client({ connectionString: target.database.connectionString });
          await client.connect();
          const { rows } = await client.query("select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')");
          await client.end();
          expect(rows[0].n).toBe(0);
        }
        expect(fs.existsSync(target.uploadDir)).toBe(false);
        return error as BackupError;
      } finally {
        await target.cleanup();
      }
    }

    it('a flipped byte inside a résumé', async () => {
      const damaged = `${archive}.flipped`;
      const victim = fileEntries[1]!;
      await rewriteArchive(archive, damaged, (name, data) => {
        if (name !== victim) return data;
        const copy = Buffer.from(data);
        copy[100] = copy[100]! ^ 0xff;
        return copy;
      });
      const error = await refused(damaged);
      expect(error.entry).toBe(victim);
      expect(error.message).toContain(victim);
    });

    it('a flipped byte in the archive file itself (inside the database copy)', async () => {
      const damaged = `${archive}.byte`;
      const bytes = fs.readFileSync(archive);
      bytes[512 + 4000] = bytes[512 + 4000]! ^ 0x01;
      fs.writeFileSync(damaged, bytes);
      const error = await refused(damaged);
      expect(error.entry).toMatch(/^database\//);
    });

    it('a missing file', async () => {
      const damaged = `${archive}.missing`;
      const victim = fileEntries[0]!;
      await rewriteArchive(archive, damaged, (name, data) => (name === victim ? undefined : data));
      const error = await refused(damaged);
      expect(error.entry).toBe(victim);
      expect(error.message).toMatch(/missing/);
    });

    it('a truncated end', async () => {
      const damaged = `${archive}.truncated`;
      const bytes = fs.readFileSync(archive);
      fs.writeFileSync(damaged, bytes.subarray(0, bytes.length - 1500));
      const error = await refused(damaged);
      expect(error.message).toMatch(/cut short/);
      expect(error.entry).toMatch(/^manifest/);
    });

    it('a restore onto a target that holds data is refused', async () => {
      const target = await freshTarget(ctx);
      try {
        await restoreBackup(archive, target);
        const again = await restoreBackup(archive, target).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(again).toBeInstanceOf(BackupError);
        expect((again as Error).message).toMatch(/not empty|already/);
        // The live database itself, too.
        const live: RestoreTarget = { database: sourceDatabase(ctx), ...(ctx.schema ? { searchPath: ctx.schema } : {}), uploadDir: path.join(ctx.config.dataDir, 'elsewhere') };
        await expect(restoreBackup(archive, live)).rejects.toThrow(/already/);
      } finally {
        await target.cleanup();
      }
    });
  });

  describe('scheduled backups', () => {
    const EVERY = 6;
    function scheduler(dir: string, owner: string, keep = 2) {
      return createBackupScheduler({ db: ctx.db, clock: ctx.clock, logger: silent, database: sourceDatabase(ctx), ...(ctx.schema ? { searchPath: ctx.schema } : {}), uploadDir: ctx.config.uploadDir, backupDir: dir, everyHours: EVERY, keep, owner });
    }
    const archives = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.tar')) : []);

    it('when a slot falls due, then one backup is made for it (two instances at once make one), and only the newest BACKUP_KEEP archives stay', async () => {
      const dir = path.join(ctx.config.dataDir, 'scheduled');
      // Start at a slot's first minute.
      const slot = EVERY * HOUR;
      ctx.clock.advance(Math.ceil(ctx.clock.now().getTime() / slot) * slot - ctx.clock.now().getTime() + 60_000);
      const [a, b] = [scheduler(dir, 'instance-a'), scheduler(dir, 'instance-b')];
      const first = await Promise.all([a.runOnce(), b.runOnce()]);
      expect(first.filter((r) => r?.ok)).toHaveLength(1);
      expect(first.filter((r) => r === undefined)).toHaveLength(1);
      expect(archives(dir)).toHaveLength(1);
      // Later in the same slot: nothing more.
      ctx.clock.advance(EVERY * HOUR - 2 * 60_000);
      expect(await a.runOnce()).toBeUndefined();
      expect(await b.runOnce()).toBeUndefined();
      // The next slots, each once; two kept.
      for (let i = 0; i < 3; i += 1) {
        ctx.clock.advance(2 * 60_000);
        const round = await Promise.all([a.runOnce(), b.runOnce()]);
        expect(round.filter((r) => r?.ok)).toHaveLength(1);
        ctx.clock.advance(EVERY * HOUR - 2 * 60_000);
      }
      expect(archives(dir)).toHaveLength(2);
      const runs = await ctx.db.selectFrom('backup_runs').select(['slot', 'status']).where('slot', 'not like', 'manual%').orderBy('slot').execute();
      expect(runs.filter((r) => r.status === 'ok')).toHaveLength(4);
      expect(new Set(runs.map((r) => r.slot)).size).toBe(runs.length);
    });

    it('when a backup fails, then it is recorded and shown to admins (home and settings), not to others, and the next slot tries again', async () => {
      const blocked = path.join(ctx.config.dataDir, 'not-a-folder');
      fs.writeFileSync(blocked, 'a file where the backup folder should be');
      ctx.clock.advance(EVERY * HOUR);
      const failed = await scheduler(blocked, 'instance-a').runOnce();
      expect(failed).toMatchObject({ ok: false });
      const app = ctx.app;
      const admin = await signInAs(app, ctx.db, 'admin');
      const home = await admin.agent.get('/').expect(200);
      expect(home.text).toContain('The last backup');
      expect(home.text).toContain('failed');
      const settings = await admin.agent.get('/settings').expect(200);
      expect(settings.text).toContain('Backups');
      expect(settings.text).toContain('Failed');
      const recruiter = await signInAs(app, ctx.db, 'recruiter');
      expect((await recruiter.agent.get('/').expect(200)).text).not.toContain('The last backup');
      // Same slot: not retried. The next slot: made, and the warning is gone.
      expect(await scheduler(blocked, 'instance-b').runOnce()).toBeUndefined();
      ctx.clock.advance(EVERY * HOUR);
      expect(await scheduler(path.join(ctx.config.dataDir, 'scheduled'), 'instance-b').runOnce()).toMatchObject({ ok: true });
      expect((await admin.agent.get('/').expect(200)).text).not.toContain('The last backup');
      expect((await admin.agent.get('/settings').expect(200)).text).toContain('Done');
    });
  });

  it('when the archive comes from an older version, then the restore brings its schema up to date', async () => {
    const older = await createTestContext(dialect, {}, { sqliteFile: true });
    const target = await freshTarget(older);
    try {
      // The schema as it was before backups were recorded (and everything after).
      await seedKeys.down(older.db);
      await backupRuns.down(older.db);
      await sql`delete from kysely_migration where name > ${'0016-panel-scored'}`.execute(older.db);
      const result = await createBackup({ database: sourceDatabase(older), ...(older.schema ? { searchPath: older.schema } : {}), uploadDir: older.config.uploadDir, backupDir: path.join(older.config.dataDir, 'backups'), now: () => new Date() });
      expect(result.manifest.schemaVersion).toBe('0016-panel-scored');
      const restored = await restoreBackup(result.archive, target);
      expect(restored.migrated).toBe(true);
      expect(restored.tables.backup_runs).toBe(0);
      expect(restored.tables.users).toBe(result.manifest.tables.users);
    } finally {
      await target.cleanup();
      await older.close();
    }
  });

  it('when a backup is still marked running, then Settings says it runs; six hours on, that it did not finish', async () => {
    const admin = await signInAs(ctx.app, ctx.db, 'admin');
    const startedAt = new Date(ctx.clock.now().getTime() + 60_000);
    ctx.clock.advance(2 * 60_000);
    await ctx.db.insertInto('backup_runs').values({ slot: `manual:${startedAt.toISOString()}`, owner: 'gone', status: 'running', started_at: startedAt.toISOString() }).execute();
    const now = (await admin.agent.get('/settings').expect(200)).text;
    expect(now).toContain('A backup is running since');
    expect(now).not.toContain('Did not finish');
    ctx.clock.advance(6 * HOUR);
    const later = (await admin.agent.get('/settings').expect(200)).text;
    expect(later).not.toContain('A backup is running since');
    expect(later).toContain('Did not finish');
  });

  it('a manual backup and one of a slot are recorded alike; the runner refuses a slot taken', async () => {
    const deps = { db: ctx.db, clock: ctx.clock, logger: silent, database: sourceDatabase(ctx), ...(ctx.schema ? { searchPath: ctx.schema } : {}), uploadDir: ctx.config.uploadDir, backupDir };
    const slot = `manual:${ctx.clock.now().toISOString()}`;
    expect(await runBackup(deps, slot, 'cli', undefined)).toMatchObject({ ok: true });
    expect(await runBackup(deps, slot, 'cli', undefined)).toBeUndefined();
  });
});
