import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { insertCandidate } from '../../../src/candidates/candidates.repository';
import { addCandidate } from '../../../src/candidates/candidates.use-cases';
import { type EventHandler, runInUnitOfWork } from '../../../src/events/unit-of-work';
import { createResumeTextReader, queueExistingResumes, type ResumeTextReader } from '../../../src/resume-text/resume-text-reader';
import { docx, docxWithoutDocument, encryptedPdf, imageOnlyPdf, textPdf, truncatedPdf } from '../../helpers/documents';
import { createTestContext, type TestContext, testDialects } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
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

describe.each(testDialects())('résumé text [%s]', (dialect) => {
  let ctx: TestContext;
  let reader: ResumeTextReader;
  let recruiter: Agent;
  let recruiterId: number;
  let kicks = 0;
  const readerLogs: Record<string, unknown>[] = [];

  beforeAll(async () => {
    ctx = await createTestContext(dialect, {}, { onResumeQueued: () => (kicks += 1) });
    reader = createResumeTextReader({ db: ctx.db, clock: ctx.clock, storage: ctx.storage, logger: captureLogger(readerLogs), handlers: useCaseDeps(ctx.db).handlers });
    const signedIn = await signInAs(ctx.app, ctx.db, 'recruiter');
    recruiter = signedIn.agent;
    recruiterId = signedIn.user.id;
  });

  afterAll(async () => {
    await reader.stop();
    await ctx.close();
  });

  async function post(fields: Record<string, string>, file?: { content: Buffer; name: string }, to = '/candidates') {
    const token = await csrfToken(recruiter, to === '/candidates' ? '/candidates/new' : `${to}/edit`);
    let req = recruiter.post(`${to}?_csrf=${encodeURIComponent(token)}`);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    if (file) req = req.attach('resume', file.content, file.name);
    return req;
  }

  /** Adds a candidate with the file as résumé through the form; returns the candidate and the file. */
  async function addWithResume(name: string, content: Buffer, fileName: string): Promise<{ candidateId: number; fileId: number }> {
    const res = await post({ name, source: 'outbound' }, { content, name: fileName });
    expect(res.status).toBe(303);
    const candidateId = Number(/\/candidates\/(\d+)$/.exec(res.headers.location as string)![1]);
    const row = await ctx.db.selectFrom('candidates').select('resume_file_id').where('id', '=', candidateId).executeTakeFirstOrThrow();
    return { candidateId, fileId: row.resume_file_id! };
  }

  const textRow = (fileId: number) => ctx.db.selectFrom('resume_texts').selectAll().where('file_id', '=', fileId).executeTakeFirst();
  const auditOf = (candidateId: number) =>
    ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'detail']).where('subject_type', '=', 'candidate').where('subject_id', '=', candidateId).where('action', '=', 'candidate.resume_text').execute();

  describe('queueing', () => {
    it('when a candidate is added with a résumé, then the file has a pending row as soon as the request answers, and the reader is told after the commit', async () => {
      const before = kicks;
      const { fileId } = await addWithResume('Queued Quinn', await textPdf([['Queued Quinn, SDR']]), 'quinn.pdf');
      const row = await textRow(fileId);
      expect(row).toMatchObject({ status: 'pending', reason: null, text: '', attempts: 0, claimed_until: null });
      expect(kicks).toBe(before + 1);
    });

    it('when a candidate is added without a résumé, or edited keeping theirs, then nothing is queued and the reader is not told', async () => {
      const before = kicks;
      const rowsBefore = await ctx.db.selectFrom('resume_texts').select('file_id').execute();
      const res = await post({ name: 'No File Nina', source: 'outbound' });
      expect(res.status).toBe(303);
      const { candidateId, fileId } = await addWithResume('Kept Kim', await textPdf([['Kept Kim']]), 'kim.pdf');
      const edited = await post({ name: 'Kept Kim Renamed', source: 'outbound' }, undefined, `/candidates/${candidateId}`);
      expect(edited.status).toBe(303);
      const rowsAfter = await ctx.db.selectFrom('resume_texts').select('file_id').execute();
      expect(rowsAfter.map((r) => r.file_id).sort((a, b) => a - b)).toEqual([...rowsBefore.map((r) => r.file_id), fileId].sort((a, b) => a - b));
      expect(kicks).toBe(before + 1);
    });

    it('when a candidate is edited with a new résumé, then the new file is queued and the replaced file’s row goes with it', async () => {
      const { candidateId, fileId } = await addWithResume('Edited Eve', await textPdf([['First version']]), 'eve.pdf');
      const res = await post({ name: 'Edited Eve', source: 'outbound' }, { content: await docx(['Second version']), name: 'eve.docx' }, `/candidates/${candidateId}`);
      expect(res.status).toBe(303);
      const now = await ctx.db.selectFrom('candidates').select('resume_file_id').where('id', '=', candidateId).executeTakeFirstOrThrow();
      expect(now.resume_file_id).not.toBe(fileId);
      expect(await textRow(fileId)).toBeUndefined();
      expect((await textRow(now.resume_file_id!))?.status).toBe('pending');
    });

    it('when the form is refused (e-mail taken), then it answers 422 and neither the file nor a pending row is saved', async () => {
      await post({ name: 'Taken Tom', email: 'taken.tom@example.test', source: 'outbound' });
      const files = await ctx.db.selectFrom('stored_files').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      const rows = await ctx.db.selectFrom('resume_texts').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
      const res = await post({ name: 'Second Tom', email: 'taken.tom@example.test', source: 'outbound' }, { content: await textPdf([['Second Tom']]), name: 'tom.pdf' });
      expect(res.status).toBe(422);
      expect(Number((await ctx.db.selectFrom('stored_files').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n)).toBe(Number(files.n));
      expect(Number((await ctx.db.selectFrom('resume_texts').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()).n)).toBe(Number(rows.n));
    });

    it('when two candidates are merged and the one kept has a résumé without a text row, then the merge queues it; a second merge queues nothing more', async () => {
      const key = crypto.randomBytes(16).toString('hex');
      const content = await textPdf([['Merged Mona']]);
      fs.writeFileSync(ctx.storage.pathOf(key), content);
      const file = await ctx.db
        .insertInto('stored_files')
        .values({ storage_key: key, original_name: 'mona.pdf', mime_type: 'application/pdf', size_bytes: content.length, sha256: 'x', uploaded_by: recruiterId, created_at: new Date().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      const candidateId = await insertCandidate(ctx.db, { name: 'Merged Mona', email: '', phone: '', linkedinUrl: '', source: 'outbound', sourceDetail: '', notes: '', resumeFileId: file.id, createdBy: recruiterId }, new Date());
      const merged = { type: 'CandidatesMerged', actorId: recruiterId, subject: { type: 'candidate', id: candidateId }, candidateId, mergedCandidateId: candidateId + 1000, openingIds: [] } as const;
      const before = kicks;
      const deps = useCaseDeps(ctx.db, { clock: ctx.clock, resumeText: { onQueued: () => (kicks += 1) } });
      await runInUnitOfWork(deps, async (uow) => uow.record(merged));
      expect(await textRow(file.id)).toMatchObject({ status: 'pending' });
      expect(kicks).toBe(before + 1);
      await runInUnitOfWork(deps, async (uow) => uow.record(merged));
      expect(kicks).toBe(before + 1);
    });

    it('when the change that adds a candidate with a résumé fails after the queue handler ran, then the pending row rolls back with it', async () => {
      let handlerSawPending = false;
      const failing: EventHandler = {
        name: 'fails last',
        listensTo: ['CandidateAdded'],
        async handle(trx) {
          const pending = await trx.selectFrom('resume_texts').select('file_id').where('status', '=', 'pending').execute();
          handlerSawPending = pending.length > 0;
          throw new Error('the change fails');
        },
      };
      const deps = { ...useCaseDeps(ctx.db, { clock: ctx.clock }), handlers: useCaseDeps(ctx.db).handlers.with(failing), storage: ctx.storage };
      const bytes = await textPdf([['Rolled Back Rob']]);
      const tempPath = path.join(ctx.storage.tmpDir, crypto.randomBytes(8).toString('hex'));
      fs.writeFileSync(tempPath, bytes);
      const before = await ctx.db.selectFrom('resume_texts').select('file_id').execute();
      await expect(
        addCandidate(deps, actingAs(recruiterId, 'recruiter'), {
          candidate: { name: 'Rolled Back Rob', email: '', phone: '', linkedinUrl: '', source: 'outbound', sourceDetail: '', notes: '' },
          resume: { tempPath, originalName: 'rob.pdf', kind: 'pdf', mimeType: 'application/pdf', size: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') },
        }),
      ).rejects.toThrow('the change fails');
      expect(handlerSawPending).toBe(true);
      expect(await ctx.db.selectFrom('resume_texts').select('file_id').execute()).toEqual(before);
      expect(await ctx.db.selectFrom('candidates').select('id').where('name', '=', 'Rolled Back Rob').execute()).toEqual([]);
    });
  });

  describe('reading', () => {
    it('when real files are uploaded, then each is answered at once and, once read, ends with the right status, reason and text', async () => {
      const files = {
        pdf: await addWithResume('Pdf Paula', await textPdf([['Paula Novak', 'Account   Executive, quota 130%'], ['Second page: enterprise deals']]), 'paula.pdf'),
        docx: await addWithResume('Docx Dmitry', await docx(['Дмитрий Иванов', 'Менеджер по продажам, B2B', 'Опыт: 7 лет']), 'dmitry.docx'),
        truncated: await addWithResume('Cut Carl', await truncatedPdf(), 'carl.pdf'),
        encrypted: await addWithResume('Locked Lena', encryptedPdf(), 'lena.pdf'),
        scanned: await addWithResume('Scanned Sam', await imageOnlyPdf(), 'sam.pdf'),
        brokenDocx: await addWithResume('Broken Bo', await docxWithoutDocument(), 'bo.docx'),
      };
      for (const { fileId } of Object.values(files)) expect((await textRow(fileId))?.status).toBe('pending');

      expect(await reader.readPending()).toBeGreaterThanOrEqual(6);

      const pdf = await textRow(files.pdf.fileId);
      expect(pdf).toMatchObject({ status: 'text', reason: null, attempts: 1, claimed_until: null });
      expect(pdf!.text).toBe('Paula Novak Account Executive, quota 130% Second page: enterprise deals');
      expect(await textRow(files.docx.fileId)).toMatchObject({ status: 'text', reason: null, text: 'Дмитрий Иванов Менеджер по продажам, B2B Опыт: 7 лет' });
      expect(await textRow(files.truncated.fileId)).toMatchObject({ status: 'none', reason: 'malformed', text: '' });
      expect(await textRow(files.encrypted.fileId)).toMatchObject({ status: 'none', reason: 'encrypted', text: '' });
      expect(await textRow(files.scanned.fileId)).toMatchObject({ status: 'none', reason: 'scanned', text: '' });
      expect(await textRow(files.brokenDocx.fileId)).toMatchObject({ status: 'none', reason: 'malformed', text: '' });

      // Each reading is recorded as the event, with its audit row: by the system, with the words counted.
      const paulaAudit = await auditOf(files.pdf.candidateId);
      expect(paulaAudit).toHaveLength(1);
      expect(paulaAudit[0]!.actor_id).toBeNull();
      expect(JSON.parse(paulaAudit[0]!.detail)).toEqual({ words: 10 });
      const lenaAudit = await auditOf(files.encrypted.candidateId);
      expect(lenaAudit).toHaveLength(1);
      expect(JSON.parse(lenaAudit[0]!.detail)).toEqual({});

      // Reading again finds nothing to do: every file was finished once.
      expect(await reader.readPending()).toBe(0);
      expect(await auditOf(files.pdf.candidateId)).toHaveLength(1);
    });

    it('when the candidate page is opened, then staff see whether the text was read, with its words, or why not, in English and in Russian', async () => {
      const read = await addWithResume('Shown Sheila', await textPdf([['Sheila Park closes deals']]), 'sheila.pdf');
      const locked = await addWithResume('Shown Lars', encryptedPdf(), 'lars.pdf');
      const scanned = await addWithResume('Shown Sven', await imageOnlyPdf(), 'sven.pdf');
      const damaged = await addWithResume('Shown Dora', await truncatedPdf(), 'dora.pdf');
      const pendingPage = await recruiter.get(`/candidates/${read.candidateId}`);
      expect(pendingPage.text).toContain('Text: reading…');
      await reader.readPending();

      expect((await recruiter.get(`/candidates/${read.candidateId}`)).text).toContain('Text read (4 words)');
      const lockedPage = (await recruiter.get(`/candidates/${locked.candidateId}`)).text;
      expect(lockedPage).toContain('No text could be read: password-protected. Search will not find words from this résumé.');
      expect(lockedPage).not.toContain('Text read');
      expect((await recruiter.get(`/candidates/${scanned.candidateId}`)).text).toContain('No text could be read: scanned image');
      expect((await recruiter.get(`/candidates/${damaged.candidateId}`)).text).toContain('No text could be read: damaged file');

      await recruiter.post('/language').type('form').send({ _csrf: await csrfToken(recruiter, '/account'), language: 'ru' });
      expect((await recruiter.get(`/candidates/${read.candidateId}`)).text).toContain('Текст прочитан (4 слова)');
      expect((await recruiter.get(`/candidates/${locked.candidateId}`)).text).toContain('Текст прочитать не удалось: файл защищён паролем. Поиск не найдёт слов из этого резюме.');
      expect((await recruiter.get(`/candidates/${scanned.candidateId}`)).text).toContain('Текст прочитать не удалось: отсканированное изображение');
      expect((await recruiter.get(`/candidates/${damaged.candidateId}`)).text).toContain('Текст прочитать не удалось: файл повреждён');
      await recruiter.post('/language').type('form').send({ _csrf: await csrfToken(recruiter, '/account'), language: 'en' });
    });

    it('when a résumé’s file is missing from storage, then it is kept as damaged, with a warning, and the event is still recorded', async () => {
      const { candidateId, fileId } = await addWithResume('Lost Lou', await textPdf([['Lost Lou']]), 'lou.pdf');
      const stored = await ctx.db.selectFrom('stored_files').select('storage_key').where('id', '=', fileId).executeTakeFirstOrThrow();
      fs.rmSync(ctx.storage.pathOf(stored.storage_key));
      await reader.readPending();
      expect(await textRow(fileId)).toMatchObject({ status: 'none', reason: 'malformed' });
      expect(readerLogs.some((line) => line.level === 40 && line.fileId === fileId && String(line.msg).includes('missing from storage'))).toBe(true);
      expect(await auditOf(candidateId)).toHaveLength(1);
    });

    it('when the résumé was replaced while its text was pending, then the old file is never read and no event names it', async () => {
      const { candidateId, fileId } = await addWithResume('Swapped Sue', await textPdf([['Old Sue']]), 'sue.pdf');
      await post({ name: 'Swapped Sue', source: 'outbound' }, { content: await textPdf([['New Sue resume']]), name: 'sue2.pdf' }, `/candidates/${candidateId}`);
      await reader.readPending();
      const audit = await ctx.db.selectFrom('audit_log').select('detail').where('action', '=', 'candidate.resume_text').where('subject_id', '=', candidateId).execute();
      expect(audit.map((a) => JSON.parse(a.detail) as unknown)).toEqual([{ words: 3 }]);
      expect(await textRow(fileId)).toBeUndefined();
    });
  });

  describe('résumés from before', () => {
    it('when candidates have résumés with no text row, then start-up queues them in batches and the reader reads them all', async () => {
      const keep = async (name: string, content: Buffer) => {
        const key = crypto.randomBytes(16).toString('hex');
        fs.writeFileSync(ctx.storage.pathOf(key), content);
        const file = await ctx.db
          .insertInto('stored_files')
          .values({ storage_key: key, original_name: `${name}.pdf`, mime_type: 'application/pdf', size_bytes: content.length, sha256: 'x', uploaded_by: recruiterId, created_at: new Date().toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow();
        const candidateId = await insertCandidate(ctx.db, { name, email: '', phone: '', linkedinUrl: '', source: 'outbound', sourceDetail: '', notes: '', resumeFileId: file.id, createdBy: recruiterId }, new Date());
        return { fileId: file.id, candidateId };
      };
      // Everything queued so far is read first, so what follows is only the earlier résumés.
      await reader.readPending();
      const earlier = [];
      for (let i = 0; i < 7; i += 1) earlier.push(await keep(`Earlier ${i}`, await textPdf([[`Earlier candidate number ${i}`]])));
      const batches: number[] = [];
      const counting = { db: ctx.db, clock: ctx.clock };
      const spy = jest.spyOn(counting.db, 'insertInto');
      const queued = await queueExistingResumes(counting, 3);
      batches.push(spy.mock.calls.filter((call) => call[0] === 'resume_texts').length);
      spy.mockRestore();
      expect(queued).toBe(7);
      // 3 + 3 + 1: three statements, the last one short.
      expect(batches).toEqual([3]);
      for (const { fileId } of earlier) expect((await textRow(fileId))?.status).toBe('pending');
      expect(await queueExistingResumes(counting, 3)).toBe(0);

      expect(await reader.readPending()).toBe(7);
      for (const [i, { fileId, candidateId }] of earlier.entries()) {
        expect(await textRow(fileId)).toMatchObject({ status: 'text', text: `Earlier candidate number ${i}` });
        expect(await auditOf(candidateId)).toHaveLength(1);
      }
    });
  });
});
