import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { createResumeTextReader, type ResumeTextReader } from '../../../src/resume-text/resume-text-reader';
import { createTextExtractor } from '../../../src/resume-text/text-extractor';
import { largeTextPdf, textPdf } from '../../helpers/documents';
import { createTestContext, type TestContext, testDialects } from '../../helpers/test-context';
import { useCaseDeps } from '../../helpers/use-cases';
import { type Agent, csrfToken, signInAs } from '../../helpers/web';

function captureLogger(lines: Record<string, unknown>[]) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return pino({ level: 'info' }, sink);
}

/** About 10 MB of text PDF (1,450 pages): written once per run into a temporary folder. */
let bigPdfPath: string;
let tempDir: string;

beforeAll(() => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesbench-resume-'));
  bigPdfPath = path.join(tempDir, 'long-cv.pdf');
  fs.writeFileSync(bigPdfPath, largeTextPdf(1_450));
});

afterAll(() => {
  fs.rmSync(tempDir, { recursive: true, force: true });
});

/**
 * The bound on the event loop's delay while a 10 MB PDF is read. What the main thread still does for
 * it (claim the row, pass the thread the file's path — the thread reads the file —, write 200 KB of
 * text) takes a few milliseconds; back-to-back GETs alone show 10–15 ms, and a garbage collection of the test
 * process a few tens more. Parsing the same file on the main thread holds the loop in one piece for
 * the whole read: about 600 ms on the same machine (PDF.js yields only to promises, never to timers).
 */
const MAX_LOOP_DELAY_MS = 75;

describe.each(testDialects())('reading résumé texts in the background [%s]', (dialect) => {
  let ctx: TestContext;
  let reader: ResumeTextReader | undefined;
  let recruiter: Agent;
  const logs: Record<string, unknown>[] = [];

  beforeAll(async () => {
    ctx = await createTestContext(dialect, { UPLOAD_MAX_MB: '20' }, { onResumeQueued: () => reader?.kick() });
    recruiter = (await signInAs(ctx.app, ctx.db, 'recruiter')).agent;
  });

  afterAll(async () => {
    await reader?.stop();
    await ctx.close();
  });

  function newReader(options: Partial<Parameters<typeof createResumeTextReader>[0]> = {}): ResumeTextReader {
    return createResumeTextReader({ db: ctx.db, clock: ctx.clock, storage: ctx.storage, logger: captureLogger(logs), handlers: useCaseDeps(ctx.db).handlers, ...options });
  }

  async function addWithResume(name: string, file: Buffer | string, fileName: string): Promise<{ candidateId: number; fileId: number }> {
    const token = await csrfToken(recruiter, '/candidates/new');
    const res = await recruiter.post(`/candidates?_csrf=${encodeURIComponent(token)}`).field('name', name).field('source', 'outbound').attach('resume', file, fileName);
    expect(res.status).toBe(303);
    const candidateId = Number(/\/candidates\/(\d+)$/.exec(res.headers.location as string)![1]);
    const row = await ctx.db.selectFrom('candidates').select('resume_file_id').where('id', '=', candidateId).executeTakeFirstOrThrow();
    return { candidateId, fileId: row.resume_file_id! };
  }

  const textRow = (fileId: number) => ctx.db.selectFrom('resume_texts').selectAll().where('file_id', '=', fileId).executeTakeFirstOrThrow();

  it('when a résumé is uploaded to an app whose reader is running, then its text is there within seconds with nobody asking', async () => {
    reader = newReader();
    const started = Date.now();
    const { fileId } = await addWithResume('Prompt Pia', await textPdf([['Pia Lund', 'Inbound SDR']]), 'pia.pdf');
    while ((await textRow(fileId)).status === 'pending' && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(await textRow(fileId)).toMatchObject({ status: 'text', text: 'Pia Lund Inbound SDR' });
    expect(Date.now() - started).toBeLessThan(3_000);
    await reader.idle();
    await reader.stop();
    reader = undefined;
  });

  /** Sends plain GETs back to back while `work` runs; the event loop's delay meanwhile, and how many were answered before it ended. */
  async function measureWhile<T>(work: () => Promise<T>): Promise<{ result: T; maxMs: number; p99Ms: number; answered: number; ms: number }> {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    let running = true;
    let answered = 0;
    const startedAt = performance.now();
    delay.enable();
    const done = work().finally(() => {
      running = false;
    });
    const page = request(ctx.app);
    while (running) {
      const res = await page.get('/healthz');
      expect(res.status).toBe(200);
      if (running) answered += 1;
    }
    const result = await done;
    delay.disable();
    return { result, maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, answered, ms: performance.now() - startedAt };
  }

  it('when a 10 MB PDF is being read, then other requests keep answering and the event loop is never held for long', async () => {
    expect(fs.statSync(bigPdfPath).size).toBeGreaterThan(9_500_000);
    const busy = newReader();
    try {
      // The thread is started (and PDF.js loaded in it) by a first small read, as in a running app.
      await addWithResume('Warm Wanda', await textPdf([['Warm up']]), 'wanda.pdf');
      await busy.readPending();
      const baseline = await measureWhile(() => new Promise((resolve) => setTimeout(resolve, 1_500)));
      process.stdout.write(`[${dialect}] plain GETs alone: event loop delay max ${baseline.maxMs.toFixed(1)} ms, p99 ${baseline.p99Ms.toFixed(1)} ms\n`);
      // The machine is shared: another process can take the CPU from this one for a moment at any time.
      // A main thread that parsed the file would be held on every try; take the best of three.
      const tries = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const { fileId, candidateId } = await addWithResume(`Long Leo ${attempt}`, bigPdfPath, 'leo.pdf');
        const measured = await measureWhile(() => busy.readPending());
        process.stdout.write(`[${dialect}] 10 MB PDF read in ${Math.round(measured.ms)} ms; ${measured.answered} requests answered meanwhile; event loop delay max ${measured.maxMs.toFixed(1)} ms, p99 ${measured.p99Ms.toFixed(1)} ms\n`);
        tries.push(measured);
        const row = await textRow(fileId);
        expect(row.status).toBe('text');
        expect(row.text.startsWith('0.0 Quota attainment')).toBe(true);
        expect(row.text.length).toBeLessThanOrEqual(200_000);
        expect(row.text.length).toBeGreaterThan(199_000);
        expect((await recruiter.get(`/candidates/${candidateId}`)).text).toMatch(/Text read \(\d{2},\d{3} words\)/);
        // Requests were answered all the while the file was being read.
        expect(measured.answered).toBeGreaterThan(5);
        if (measured.maxMs < MAX_LOOP_DELAY_MS) break;
      }
      expect(Math.min(...tries.map((t) => t.maxMs))).toBeLessThan(MAX_LOOP_DELAY_MS);
    } finally {
      await busy.stop();
    }
  });

  it('when a file takes longer than the timeout, then its thread is ended and replaced, the file is tried again and then kept as damaged, and the next file is read', async () => {
    const started: number[] = [];
    const extractor = createTextExtractor({ timeoutMs: 2_500, maxChars: 50_000_000, onThreadStarted: () => started.push(Date.now()) });
    const slow = newReader({ extractor, maxAttempts: 2, batchSize: 1 });
    try {
      const long = await addWithResume('Slow Sid', bigPdfPath, 'sid.pdf');
      const next = await addWithResume('Next Nell', await textPdf([['Nell reads fine']]), 'nell.pdf');
      await slow.readPending();
      expect(await textRow(long.fileId)).toMatchObject({ status: 'none', reason: 'malformed', attempts: 2 });
      expect(await textRow(next.fileId)).toMatchObject({ status: 'text', text: 'Nell reads fine' });
      // The first thread, one replacing each thread ended at a timeout (the second one started for the next file).
      expect(started).toHaveLength(3);
      const warnings = logs.filter((line) => line.fileId === long.fileId && line.why === 'timeout');
      expect(warnings.map((w) => [w.attempts, w.givenUp])).toEqual([
        [1, false],
        [2, true],
      ]);
      const audit = await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'candidate.resume_text').where('subject_id', '=', long.candidateId).execute();
      expect(audit).toHaveLength(1);
    } finally {
      await slow.stop();
      await extractor.close();
    }
  });

  it('when a file makes its thread run out of memory, then the read ends unfinished, the app goes on, and the replaced thread reads the next file', async () => {
    const extractor = createTextExtractor({ timeoutMs: 30_000, maxChars: 50_000_000, resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } });
    try {
      expect(await extractor.extract({ path: bigPdfPath, mimeType: 'application/pdf' })).toEqual({ status: 'unfinished', why: 'crashed' });
      const small = path.join(tempDir, 'after-crash.pdf');
      fs.writeFileSync(small, await textPdf([['After the crash']]));
      expect(await extractor.extract({ path: small, mimeType: 'application/pdf' })).toEqual({ status: 'text', text: 'After the crash' });
    } finally {
      await extractor.close();
    }
  });

  it('when the reader stops in the middle of a file, then it stops at once and the file goes back to pending, its try not counted', async () => {
    const stopping = newReader();
    const { fileId } = await addWithResume('Stopped Stan', bigPdfPath, 'stan.pdf');
    const read = stopping.readPending();
    while (!(await textRow(fileId)).claimed_until) await new Promise((resolve) => setTimeout(resolve, 5));
    const stopAt = performance.now();
    await stopping.stop();
    await read;
    expect(performance.now() - stopAt).toBeLessThan(1_000);
    expect(await textRow(fileId)).toMatchObject({ status: 'pending', attempts: 0, claimed_until: null });
    const after = newReader();
    await after.readPending();
    await after.stop();
    expect((await textRow(fileId)).status).toBe('text');
  });

  it('when two readers work on the same queue, then every file is read once and recorded once', async () => {
    const files = [];
    for (let i = 0; i < 6; i += 1) files.push(await addWithResume(`Shared ${i}`, await textPdf([[`Shared candidate ${i}`]]), `shared-${i}.pdf`));
    const one = newReader({ batchSize: 2 });
    const two = newReader({ batchSize: 2 });
    const [a, b] = await Promise.all([one.readPending(), two.readPending()]);
    await Promise.all([one.stop(), two.stop()]);
    expect(a + b).toBe(6);
    for (const [i, file] of files.entries()) {
      expect(await textRow(file.fileId)).toMatchObject({ status: 'text', text: `Shared candidate ${i}`, attempts: 1 });
      const audit = await ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'candidate.resume_text').where('subject_id', '=', file.candidateId).execute();
      expect(audit).toHaveLength(1);
    }
  });
});
