import { ValidationError } from '../../../src/shared/errors';
import { runImport } from '../../../src/candidates/import.use-cases';
import { createEventHandlers } from '../../../src/event-handlers';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { useCaseDeps } from '../../helpers/use-cases';
import { type Agent, csrfToken, signInAs } from '../../helpers/web';

/** Windows-1251 bytes of a text (Cyrillic and ASCII only), as Russian Excel saves a CSV. */
function cp1251(text: string): Buffer {
  const bytes = [...text].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
    if (code === 0x401) return 0xa8;
    if (code === 0x451) return 0xb8;
    throw new Error(`not in the test's Windows-1251 table: ${ch}`);
  });
  return Buffer.from(bytes);
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describeEachDialect('importing candidates from a spreadsheet', (ctx: () => TestContext) => {
  let recruiter: Agent;
  let recruiterId: number;
  let token: string;

  beforeAll(async () => {
    const signed = await signInAs(ctx().app, ctx().db, 'recruiter');
    recruiter = signed.agent;
    recruiterId = signed.user.id;
    token = await csrfToken(recruiter, '/candidates/import');
  });

  async function upload(bytes: Buffer, name = 'people.csv', agent = recruiter, csrf = token) {
    return agent.post(`/candidates/import?_csrf=${encodeURIComponent(csrf)}`).attach('file', bytes, name);
  }

  async function uploaded(bytes: Buffer): Promise<{ id: number; page: string }> {
    const res = await upload(bytes);
    expect(res.status).toBe(303);
    const id = Number(/\/candidates\/import\/(\d+)$/.exec(res.headers.location as string)![1]);
    const page = await recruiter.get(`/candidates/import/${id}`);
    expect(page.status).toBe(200);
    return { id, page: page.text };
  }

  const post = (id: number, fields: Record<string, string>, agent = recruiter, csrf = token) => agent.post(`/candidates/import/${id}`).type('form').send({ _csrf: csrf, ...fields });
  const count = async (table: 'candidates' | 'applications' | 'candidate_imports') => Number((await ctx().db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const summary = (html: string) => ({
    created: /data-count="created">([^<]*)</.exec(html)?.[1],
    joined: /data-count="joined">([^<]*)</.exec(html)?.[1],
    refused: /data-count="refused">([^<]*)</.exec(html)?.[1],
  });

  it('when a UTF-8 file with a BOM, commas and a quoted note over two lines is imported, then each row is a candidate, the note keeps its line break, and search finds them', async () => {
    const csv = 'Name,Email,Phone,Notes\r\n"Ada Quill",ada.quill@import.test,+1 555 0100,"Met at the fair;\r\nwants a closer role zephyrine"\r\nBo Reed,bo.reed@import.test,,\r\n';
    const { id, page } = await uploaded(Buffer.concat([BOM, Buffer.from(csv)]));
    expect(page).toContain('<option value="name" selected>');
    expect(page).toContain('<option value="notes" selected>');
    expect(summary(page)).toEqual({ created: '2 new candidates', joined: 'no row joins a known candidate', refused: 'no row refused' });
    const res = await post(id, { action: 'import', columns: '4', column_0: 'name', column_1: 'email', column_2: 'phone', column_3: 'notes' });
    expect(res.status).toBe(303);
    const ada = await ctx().db.selectFrom('candidates').selectAll().where('email', '=', 'ada.quill@import.test').executeTakeFirstOrThrow();
    expect(ada.name).toBe('Ada Quill');
    expect(ada.notes).toBe('Met at the fair;\nwants a closer role zephyrine');
    expect(ada.created_by).toBe(recruiterId);
    const found = await recruiter.get('/candidates?q=zephyrine');
    expect(found.text).toContain('Ada Quill');
    expect(found.text).not.toContain('Bo Reed');
    // The file is gone once imported, and its page with it.
    expect((await recruiter.get(`/candidates/import/${id}`)).status).toBe(404);
    const audit = await ctx().db.selectFrom('audit_log').selectAll().where('action', '=', 'candidate.import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail)).toEqual({ created: 2, joined: 0, refused: 0 });
    expect(audit.actor_id).toBe(recruiterId);
  });

  it('when a Windows-1251 file with semicolons and Russian headers is uploaded, then it is decoded, the columns are guessed, and the encoding can be overridden', async () => {
    const csv = 'ФИО;Электронная почта;Телефон;Комментарий\r\nЁлкина Мария;elkina@import.test;+7 912 555-01-02;Сильный охотник\r\n';
    const { id, page } = await uploaded(cp1251(csv));
    expect(page).toContain('Ёлкина Мария');
    expect(page).toContain('Detect (now Windows-1251 (Cyrillic))');
    expect(page).toContain('Detect (now Semicolon)');
    const emailColumn = page.slice(page.indexOf('name="column_1"'), page.indexOf('</select>', page.indexOf('name="column_1"')));
    expect(emailColumn).toContain('<option value="email" selected>');
    // Read as UTF-8 by choice, the headers are garbled and no column is the name: the choice is the user's, and the form says what is missing.
    const forced = await post(id, { action: 'preview', encoding: 'utf-8', delimiter: 'auto' });
    expect(forced.status).toBe(422);
    expect(forced.text).toContain('Choose the column with the name');
    expect(forced.text).not.toContain('Ёлкина Мария');
    expect(forced.text).toContain('<option value="utf-8" selected>');
    const res = await post(id, { action: 'import', encoding: 'auto', delimiter: 'semicolon' });
    expect(res.status).toBe(303);
    const row = await ctx().db.selectFrom('candidates').select(['name', 'phone', 'notes']).where('email', '=', 'elkina@import.test').executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Ёлкина Мария', phone: '+7 912 555-01-02', notes: 'Сильный охотник' });
  });

  it('when a tab-separated file is uploaded, then tabs are found as the delimiter', async () => {
    const { id, page } = await uploaded(Buffer.from('Full name\tE-mail\tSource\nTab Person\ttab.person@import.test\tReferral\n'));
    expect(page).toContain('Detect (now Tab)');
    expect(page).toContain('a referral needs who referred them');
    expect(summary(page).refused).toBe('1 row refused');
    expect((await post(id, { action: 'import' })).text).toContain('No row can be imported: every row is refused.');
  });

  it('when rows match known candidates, each other, or nothing, then the preview says so per row and the import creates, joins and refuses exactly those', async () => {
    const opening = await makeOpening(ctx().db);
    const known = await makeCandidate(ctx().db, { name: 'Known Person', email: 'known@import.test' });
    const applied = await makeCandidate(ctx().db, { name: 'Applied Person', email: 'applied@import.test' });
    await ctx().db.insertInto('applications').values({ candidate_id: applied, opening_id: opening.id, stage_id: opening.stages[0]!.id, status: 'active', status_reason: '', created_at: new Date().toISOString(), updated_at: new Date().toISOString() }).execute();
    const csv = [
      'name,email,phone,linkedin',
      'New One,new.one@import.test,,',
      'Known Again,KNOWN@import.test,,',
      'New One Twice,new.one@import.test,,',
      ',nameless@import.test,,',
      'Bad Mail,not-an-address,,',
      'Bad Phone,bad.phone@import.test,call me,',
      'Bad Link,bad.link@import.test,,https://example.com/in/x',
      'Applied Again,applied@import.test,,',
    ].join('\n');
    const { id } = await uploaded(Buffer.from(csv));
    const stage = opening.stages[1]!;
    const preview = await post(id, { action: 'preview', opening_id: String(opening.id), stage_id: String(stage.id) });
    expect(summary(preview.text)).toEqual({ created: '1 new candidate', joined: '2 rows join known candidates', refused: '5 rows refused' });
    const outcomes = new Map([...preview.text.matchAll(/data-row="(\d+)" data-outcome="([a-z]+)"/g)].map((m) => [Number(m[1]), m[2]]));
    expect([2, 3, 4, 5, 6, 7, 8, 9].map((row) => outcomes.get(row))).toEqual(['create', 'join', 'join', 'refuse', 'refuse', 'refuse', 'refuse', 'refuse']);
    for (const reason of ['no name', 'e-mail not valid', 'phone not valid', 'not a LinkedIn profile address', 'already applies to this opening', 'Same person as row 2']) expect(preview.text).toContain(reason);
    const [candidatesBefore, applicationsBefore] = [await count('candidates'), await count('applications')];
    const res = await post(id, { action: 'import', opening_id: String(opening.id), stage_id: String(stage.id) });
    expect(res.status).toBe(303);
    expect(await count('candidates')).toBe(candidatesBefore + 1);
    expect(await count('applications')).toBe(applicationsBefore + 2);
    const newOne = await ctx().db.selectFrom('candidates').select('id').where('email', '=', 'new.one@import.test').executeTakeFirstOrThrow();
    const apps = await ctx().db.selectFrom('applications').select(['candidate_id', 'stage_id', 'status']).where('opening_id', '=', opening.id).where('candidate_id', 'in', [newOne.id, known]).orderBy('candidate_id').execute();
    expect(apps).toEqual([known, newOne.id].sort((a, b) => a - b).map((c) => ({ candidate_id: c, stage_id: stage.id, status: 'active' })));
    // The known candidate's details are kept as recorded.
    expect((await ctx().db.selectFrom('candidates').select('name').where('id', '=', known).executeTakeFirstOrThrow()).name).toBe('Known Person');
    const flash = await recruiter.get('/candidates');
    expect(flash.text).toContain('Imported: 1 new, 2 joined to known candidates, 5 refused.');
    // The opening's pipeline totals count the two new applications.
    const board = await recruiter.get(`/openings/${opening.id}`);
    expect(board.text).toContain('New One');
  });

  it('when something fails after the rows were written, then nothing of the import is kept and the file stays for another try', async () => {
    const { id } = await uploaded(Buffer.from('name,email\nRoll Back,roll.back@import.test\nRoll Two,roll.two@import.test\n'));
    const failing = createEventHandlers().with({
      name: 'failing',
      listensTo: ['CandidatesImported'],
      async handle() {
        throw new Error('injected');
      },
    });
    const before = await count('candidates');
    await expect(runImport({ ...useCaseDeps(ctx().db), handlers: failing }, { id: recruiterId, role: 'recruiter' }, id, { encoding: 'auto', delimiter: 'auto', defaultSource: 'outbound' }, 'en')).rejects.toThrow('injected');
    expect(await count('candidates')).toBe(before);
    expect(await ctx().db.selectFrom('candidate_search_stale').selectAll().execute()).toEqual([]);
    // The database refusing at commit (another candidate took an e-mail meanwhile) becomes a message.
    const clash = createEventHandlers().with({
      name: 'clash',
      listensTo: ['CandidatesImported'],
      async handle(trx) {
        await trx.insertInto('candidates').values({ name: 'X', name_lower: 'x', last_name_lower: 'x', email: 'roll.two@import.test', email_unique: 'roll.two@import.test', phone: '', linkedin_url: '', source: 'other', source_detail: '', notes: '', resume_file_id: null, created_by: null, created_at: '2026-01-01', updated_at: '2026-01-01' }).execute();
      },
    });
    const refused = await runImport({ ...useCaseDeps(ctx().db), handlers: clash }, { id: recruiterId, role: 'recruiter' }, id, { encoding: 'auto', delimiter: 'auto', defaultSource: 'outbound' }, 'en').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fieldErrors).toEqual({ _form: 'import.error.emailTaken' });
    expect(await count('candidates')).toBe(before);
    expect((await post(id, { action: 'import' })).status).toBe(303);
    expect(await count('candidates')).toBe(before + 2);
  });

  it('when the choices are wrong, then the message sits by the field, the choices are kept, and nothing is imported', async () => {
    const a = await makeOpening(ctx().db);
    const b = await makeOpening(ctx().db);
    const { id } = await uploaded(Buffer.from('name;note\nQuoted Person;"x, y"\n'));
    const before = await count('candidates');
    const wrongStage = await post(id, { action: 'import', opening_id: String(a.id), stage_id: String(b.stages[0]!.id), default_source: 'agency' });
    expect(wrongStage.status).toBe(422);
    expect(wrongStage.text).toMatch(/id="field-stage_id-error" class="field-error">/);
    expect(wrongStage.text).toContain(`<option value="${a.id}" selected>`);
    expect(wrongStage.text).toContain('<option value="agency" selected>');
    const unreadable = await post(id, { action: 'preview', delimiter: 'comma' });
    expect(unreadable.status).toBe(422);
    expect(unreadable.text).toMatch(/id="field-delimiter-error" class="field-error">The file cannot be read as CSV \(near line \d+\)/);
    expect(await count('candidates')).toBe(before);
  });

  it('when the file is empty, too large, has too many rows, or is missing, then the upload form says why', async () => {
    expect((await upload(Buffer.alloc(0))).text).toContain('The file is empty.');
    const large = await upload(Buffer.alloc(5 * 1024 * 1024 + 10, 'a'));
    expect(large.status).toBe(413);
    expect(large.text).toContain('The file is larger than 5 MB');
    const many = await upload(Buffer.from(`name\n${Array.from({ length: 10_001 }, (_, i) => `P${i}`).join('\n')}\n`));
    expect(many.status).toBe(422);
    expect(many.text).toContain('The file has 10001 rows; one import takes at most 10000.');
    const workbook = await upload(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x6e, 0x0a, 0x41, 0x0a]), 'people.xlsx');
    expect(workbook.status).toBe(422);
    expect(workbook.text).toContain('This is not a CSV file (an Excel workbook?)');
    const headerOnly = await upload(Buffer.from('name,email\n'));
    expect(headerOnly.text).toContain('The file has no rows under its header row.');
    expect((await recruiter.post(`/candidates/import?_csrf=${encodeURIComponent(token)}`).field('x', 'y')).text).toContain('Choose a CSV file.');
  });

  it('when someone else, a hiring manager or a request without the token tries an import, then it is refused', async () => {
    const { id } = await uploaded(Buffer.from('name\nMine Only\n'));
    const other = await signInAs(ctx().app, ctx().db, 'recruiter');
    const otherToken = await csrfToken(other.agent, '/candidates/import');
    expect((await other.agent.get(`/candidates/import/${id}`)).status).toBe(404);
    expect((await post(id, { action: 'import' }, other.agent, otherToken)).status).toBe(404);
    expect((await recruiter.post(`/candidates/import/${id}`).type('form').send({ action: 'import' })).status).toBe(403);
    const manager = await signInAs(ctx().app, ctx().db, 'hiring_manager');
    expect((await manager.agent.get('/candidates/import')).status).toBe(403);
    expect((await manager.agent.get('/candidates')).text).not.toContain('/candidates/import');
    expect((await recruiter.get('/candidates')).text).toContain('href="/candidates/import"');
    expect(await ctx().db.selectFrom('candidates').select('id').where('name', '=', 'Mine Only').execute()).toEqual([]);
    // The uploader may cancel: the file is deleted.
    expect((await recruiter.post(`/candidates/import/${id}/discard`).type('form').send({ _csrf: token })).status).toBe(303);
    expect(await ctx().db.selectFrom('candidate_imports').select('id').where('id', '=', id).execute()).toEqual([]);
  });

  it('when a file of 10,000 rows is previewed and imported, then both take a few seconds', async () => {
    const opening = await makeOpening(ctx().db);
    const rows = Array.from({ length: 10_000 }, (_, i) => `Person ${i} Bulkname,bulk${i}@import.test,+1 555 ${String(i).padStart(4, '0')},"Note ${i}, with a comma"`);
    const csv = Buffer.from(`Name,Email,Phone,Notes\n${rows.join('\n')}\n`);
    const cpu = () => process.cpuUsage();
    const ms = (start: NodeJS.CpuUsage) => {
      const d = process.cpuUsage(start);
      return Math.round((d.user + d.system) / 1000);
    };
    let t0 = Date.now();
    let c0 = cpu();
    const { id } = await uploaded(csv);
    const preview = { wallMs: Date.now() - t0, cpuMs: ms(c0) };
    t0 = Date.now();
    c0 = cpu();
    const res = await post(id, { action: 'import', opening_id: String(opening.id) });
    const imported = { wallMs: Date.now() - t0, cpuMs: ms(c0) };
    expect(res.status).toBe(303);
    expect(Number((await ctx().db.selectFrom('applications').select((eb) => eb.fn.countAll().as('n')).where('opening_id', '=', opening.id).executeTakeFirstOrThrow()).n)).toBe(10_000);
    const found = await recruiter.get('/candidates?q=bulk9999%40import.test');
    expect(found.text).toContain('Person 9999 Bulkname');
    console.log(`import of 10,000 rows on ${ctx().dialect}: upload+preview ${JSON.stringify(preview)}, import ${JSON.stringify(imported)}`);
    expect(preview.wallMs).toBeLessThan(10_000);
    expect(imported.wallMs).toBeLessThan(30_000);
  }, 120_000);
});
