import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import request from 'supertest';
import { createBackup } from '../../../src/backup/archive';
import { restoreBackup } from '../../../src/backup/restore';
import { openDatabase } from '../../../src/db/open-database';
import { DatabaseFileStorage } from '../../../src/uploads/database-file-storage';
import { getCompanyBrand } from '../../../src/settings/settings.repository';
import { createResumeTextReader } from '../../../src/resume-text/resume-text-reader';
import { docx } from '../../helpers/documents';
import { createTestContext, type TestContext, testDialects } from '../../helpers/test-context';
import { useCaseDeps } from '../../helpers/use-cases';
import { type Agent, csrfToken, signInAs, STRONG_PASSWORD } from '../../helpers/web';
import { readZip } from '../../helpers/zip';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR a logo kept in the database')]);

function binary(res: request.Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe.each(testDialects())('the app with its files in the database [%s]', (dialect) => {
  let ctx: TestContext;
  let admin: Agent;

  beforeAll(async () => {
    ctx = await createTestContext(dialect, {}, { fileStorage: 'database' });
    admin = (await signInAs(ctx.app, ctx.db, 'admin')).agent;
  });
  afterAll(async () => ctx.close());

  const chunkCount = async (key: string) => Number((await ctx.db.selectFrom('file_chunks').select((eb) => eb.fn.countAll<string>().as('n')).where('storage_key', '=', key).executeTakeFirstOrThrow()).n);
  const keptOnDisk = () => (fs.existsSync(ctx.storage.filesDir) ? fs.readdirSync(ctx.storage.filesDir) : []);

  async function addWithResume(name: string, content: Buffer, fileName: string): Promise<{ candidateId: number; key: string; fileId: number }> {
    const token = await csrfToken(admin, '/candidates/new');
    const res = await admin.post(`/candidates?_csrf=${encodeURIComponent(token)}`).field('name', name).field('source', 'outbound').attach('resume', content, fileName);
    expect(res.status).toBe(303);
    const candidateId = Number(/\/candidates\/(\d+)$/.exec(res.headers.location as string)![1]);
    const row = await ctx.db.selectFrom('candidates').innerJoin('stored_files', 'stored_files.id', 'candidates.resume_file_id').select(['storage_key', 'stored_files.id']).where('candidates.id', '=', candidateId).executeTakeFirstOrThrow();
    return { candidateId, key: row.storage_key, fileId: row.id };
  }

  it('when a résumé is uploaded, then it is kept as pieces, nothing stays on disk, and it downloads and shows inline byte for byte', async () => {
    const { candidateId, key } = await addWithResume('Dora Database', PDF, 'dora.pdf');
    expect(await chunkCount(key)).toBe(1);
    expect(keptOnDisk()).toEqual([]);
    expect(fs.readdirSync(ctx.storage.tmpDir)).toEqual([]);
    const download = await admin.get(`/candidates/${candidateId}/resume`).buffer(true).parse(binary);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-length']).toBe(String(PDF.length));
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="dora.pdf"/);
    expect((download.body as Buffer).equals(PDF)).toBe(true);
    const inline = await admin.get(`/candidates/${candidateId}/resume/inline`).buffer(true).parse(binary);
    expect(inline.status).toBe(200);
    expect((inline.body as Buffer).equals(PDF)).toBe(true);
  });

  it('when a file row points at pieces that are gone, then the download answers 404', async () => {
    const { candidateId, key } = await addWithResume('Gone Gina', PDF, 'gina.pdf');
    await ctx.db.deleteFrom('file_chunks').where('storage_key', '=', key).execute();
    expect((await admin.get(`/candidates/${candidateId}/resume`)).status).toBe(404);
    // Put right again: a backup (below) refuses a database whose files are not all there.
    await ctx.db.updateTable('candidates').set({ resume_file_id: null }).where('id', '=', candidateId).execute();
    await ctx.db.deleteFrom('stored_files').where('storage_key', '=', key).execute();
  });

  it('when a candidate is exported and then erased, then the export carries the résumé from the database and the erasure removes its pieces', async () => {
    const { candidateId, key, fileId } = await addWithResume('Erin Export', PDF, 'erin.pdf');
    let token = await csrfToken(admin, `/candidates/${candidateId}/export`);
    const exported = await admin.post(`/candidates/${candidateId}/export`).type('form').send({ _csrf: token, password: STRONG_PASSWORD }).buffer(true).parse(binary);
    expect(exported.status).toBe(200);
    const entries = await readZip(exported.body as Buffer);
    expect(entries.get(`files/${fileId}-erin.pdf`)?.equals(PDF)).toBe(true);
    token = await csrfToken(admin, `/candidates/${candidateId}/erase`);
    const erased = await admin.post(`/candidates/${candidateId}/erase`).type('form').send({ _csrf: token, password: STRONG_PASSWORD, confirm_name: 'Erin Export' });
    expect(erased.status).toBe(303);
    expect(await chunkCount(key)).toBe(0);
  });

  it('when a résumé kept in the database is read for its text, then the reader gets it through a temporary copy that is removed afterwards', async () => {
    const { fileId } = await addWithResume('Tess Text', await docx(['Tess Text', 'Outbound SDR in Riga']), 'tess.docx');
    const reader = createResumeTextReader({ db: ctx.db, clock: ctx.clock, storage: ctx.files, logger: pino({ level: 'silent' }), handlers: useCaseDeps(ctx.db).handlers });
    try {
      await reader.readPending();
    } finally {
      await reader.stop();
    }
    expect(await ctx.db.selectFrom('resume_texts').select(['status', 'text']).where('file_id', '=', fileId).executeTakeFirstOrThrow()).toMatchObject({ status: 'text', text: expect.stringContaining('Outbound SDR in Riga') });
    expect(fs.readdirSync(ctx.storage.tmpDir)).toEqual([]);
    expect(fs.readdirSync((ctx.files as DatabaseFileStorage).copiesDir)).toEqual([]);
  });

  it('when the company logo is replaced, then the new one is served from the database and the old one\'s pieces go with its row', async () => {
    const upload = async (content: Buffer) => {
      const token = await csrfToken(admin, '/');
      return admin.post(`/settings/logo?_csrf=${encodeURIComponent(token)}`).attach('logo', content, { filename: 'logo.png', contentType: 'image/png' });
    };
    expect((await upload(PNG)).status).toBe(303);
    const first = (await getCompanyBrand(ctx.db)).logo!;
    const firstKey = (await ctx.db.selectFrom('stored_files').select('storage_key').where('id', '=', first.fileId).executeTakeFirstOrThrow()).storage_key;
    const second = Buffer.concat([PNG, Buffer.from(' second')]);
    expect((await upload(second)).status).toBe(303);
    const { logo } = await getCompanyBrand(ctx.db);
    const served = await request(ctx.app).get(`/company-logo/${logo!.version}`).buffer(true).parse(binary);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect((served.body as Buffer).equals(second)).toBe(true);
    expect(await chunkCount(firstKey)).toBe(0);
    expect(keptOnDisk()).toEqual([]);
  });

  (dialect === 'postgres' ? it : it.skip)('when a backup is made, then the files travel inside the database copy, and a restore brings their pieces back byte for byte', async () => {
    const { key } = await addWithResume('Bea Backup', PDF, 'bea.pdf');
    const url = process.env.TEST_DATABASE_URL as string;
    const result = await createBackup({ database: { dialect: 'postgres', connectionString: url }, searchPath: ctx.schema!, uploadDir: ctx.config.uploadDir, fileStorage: 'database', backupDir: path.join(ctx.config.dataDir, 'backups'), now: () => new Date() });
    expect(result.manifest.files).toEqual([]);
    expect(result.manifest.filesInDatabase).toBe(await ctx.db.selectFrom('stored_files').select('id').execute().then((rows) => rows.length));
    const name = `salesbench_restore_${crypto.randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const restoredUrl = new URL(url);
    restoredUrl.pathname = `/${name}`;
    try {
      const restored = await restoreBackup(result.archive, { database: { dialect: 'postgres', connectionString: restoredUrl.toString() }, searchPath: ctx.schema!, uploadDir: path.join(ctx.config.dataDir, 'restored-uploads') });
      expect(restored.files).toBe(0);
      const opened = openDatabase({ dialect: 'postgres', connectionString: restoredUrl.toString() }, { searchPath: ctx.schema! });
      try {
        const pieces = await opened.db.selectFrom('file_chunks').select('data').where('storage_key', '=', key).orderBy('seq').execute();
        expect(Buffer.concat(pieces.map((p) => p.data)).equals(PDF)).toBe(true);
      } finally {
        await opened.close();
      }
    } finally {
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    }
  });
});
