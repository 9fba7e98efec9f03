import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import type { TextExtractor, TextExtractorOptions } from '../../../src/resume-text/text-extractor';
import { docx, textPdf } from '../../helpers/documents';
import { freePort } from '../../helpers/free-port';

const ROOT = path.resolve(__dirname, '../../..');
const SERVER = path.join(ROOT, 'dist/src/server.js');
const COMPILED_EXTRACTOR = path.join(ROOT, 'dist/src/resume-text/text-extractor.js');
const COMPILED_WORKER = path.join(ROOT, 'dist/src/resume-text/extract-worker.js');

function requireBuild(): void {
  if (!fs.existsSync(SERVER) || !fs.existsSync(COMPILED_WORKER)) throw new Error('run `npm run build` first (npm test does it)');
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; output: () => string; exit: Promise<number | null> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER], { env: { PATH: process.env.PATH ?? '', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  while (!output.includes('listening')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { child, output: () => output, exit };
}

describe('résumé texts in the compiled app', () => {
  it('when the extraction thread runs from the build, then it starts from the compiled worker file, reads a PDF and a DOCX (judged by their bytes) and tells a missing file', async () => {
    requireBuild();
    // The build's own module, as `node dist/...` loads it (the test runner compiles only TypeScript).
    const compiled = (await import(COMPILED_EXTRACTOR)) as { createTextExtractor: (options?: TextExtractorOptions) => TextExtractor };
    const extractor = compiled.createTextExtractor();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesbench-compiled-'));
    try {
      fs.writeFileSync(path.join(dir, 'a'), await textPdf([['Compiled Carla', 'Farmer']]));
      fs.writeFileSync(path.join(dir, 'b'), await docx(['Собранная', 'сборка']));
      expect(await extractor.extract({ path: path.join(dir, 'a'), mimeType: 'application/pdf' })).toEqual({ status: 'text', text: 'Compiled Carla Farmer' });
      expect(await extractor.extract({ path: path.join(dir, 'b'), mimeType: 'application/pdf' })).toEqual({ status: 'text', text: 'Собранная сборка' });
      expect(await extractor.extract({ path: path.join(dir, 'gone'), mimeType: 'application/pdf' })).toEqual({ status: 'missing' });
    } finally {
      await extractor.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when the built server starts on a database with résumés from before, then it queues and reads them while it serves, and stops cleanly on SIGTERM', async () => {
    requireBuild();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesbench-resume-server-'));
    try {
      // A first start creates and migrates the database.
      const first = await startServer(dataDir);
      first.child.kill('SIGTERM');
      expect(await first.exit).toBe(0);

      // Résumés kept before texts were read: file rows and candidates, no text rows.
      const db = new Sqlite(path.join(dataDir, 'salesbench.sqlite'));
      const now = new Date().toISOString();
      const fileIds: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const key = crypto.randomBytes(16).toString('hex');
        const content = await textPdf([[`Earlier hire ${i}`]]);
        fs.writeFileSync(path.join(dataDir, 'uploads', 'files', key), content);
        const file = db.prepare('insert into stored_files (storage_key, original_name, mime_type, size_bytes, sha256, uploaded_by, created_at) values (?, ?, ?, ?, ?, null, ?)').run(key, `cv-${i}.pdf`, 'application/pdf', content.length, 'x', now);
        const candidate = db
          .prepare("insert into candidates (name, name_lower, last_name_lower, email, phone, linkedin_url, source, source_detail, resume_file_id, notes, created_by, created_at, updated_at) values (?, ?, ?, '', '', '', 'outbound', '', ?, '', null, ?, ?)")
          .run(`Earlier ${i}`, `earlier ${i}`, `${i}`, file.lastInsertRowid, now, now);
        db.prepare('insert into candidate_activity (candidate_id, has_active, last_activity_at) values (?, 0, ?)').run(candidate.lastInsertRowid, now);
        fileIds.push(Number(file.lastInsertRowid));
      }
      db.close();

      const second = await startServer(dataDir);
      const reader = new Sqlite(path.join(dataDir, 'salesbench.sqlite'), { readonly: true });
      const statuses = () => reader.prepare(`select file_id as fileId, status, text from resume_texts order by file_id`).all() as { fileId: number; status: string; text: string }[];
      const deadline = Date.now() + 15_000;
      while (statuses().filter((s) => s.status === 'text').length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(statuses()).toEqual(fileIds.map((fileId, i) => ({ fileId, status: 'text', text: `Earlier hire ${i}` })));
      const events = reader.prepare("select count(*) as n from audit_log where action = 'candidate.resume_text'").get() as { n: number };
      expect(events.n).toBe(3);
      reader.close();
      expect(second.output()).toMatch(/"queued":3[,}].*résumés from before queued/);

      const signalledAt = Date.now();
      second.child.kill('SIGTERM');
      expect(await second.exit).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
      expect(second.output()).toContain('stopped');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
