import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { ApiClient, apiAs, makeToken, openApiValidator, type OpenApiValidator } from '../../helpers/api';
import { makeCandidate, makeInterview, makeOpening } from '../../helpers/hiring';
import { createUser } from '../../helpers/web';

describeEachDialect('API: candidates', (ctx: () => TestContext) => {
  let validator: OpenApiValidator;
  let recruiter: ApiClient;
  beforeAll(async () => {
    validator = await openApiValidator(ctx().app);
    recruiter = (await apiAs(ctx().app, ctx().db, validator, 'recruiter', { now: ctx().clock.now() })).api;
  });

  it('when a recruiter adds a candidate, then 201 with the candidate as stored, and the audit log names them', async () => {
    const res = await recruiter.post('/api/v1/candidates', { name: 'Ada Apitest', email: 'ADA.apitest@example.test', source: 'referral', referrer: 'Bo', phone: '+49 30 1234567' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Ada Apitest', email: 'ada.apitest@example.test', source: 'referral', source_detail: 'Bo', applications: [] });
    const row = await ctx().db.selectFrom('candidates').select(['name', 'source_detail']).where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Ada Apitest', source_detail: 'Bo' });
    const audit = await ctx().db.selectFrom('audit_log').select('action').where('subject_type', '=', 'candidate').where('subject_id', '=', res.body.id).execute();
    expect(audit.map((a) => a.action)).toContain('candidate.add');
  });

  it('when a candidate is added with an open opening, then they apply to it at its first stage', async () => {
    const opening = await makeOpening(ctx().db);
    const res = await recruiter.post('/api/v1/candidates', { name: 'Ben Withopening', source: 'outbound', opening_id: opening.id });
    expect(res.status).toBe(201);
    expect(res.body.applications).toEqual([expect.objectContaining({ opening_id: opening.id, stage_id: opening.stages[0]!.id, status: 'active' })]);
  });

  it('when the body breaks the form’s rules, then 422 with a message per field, and nothing is added', async () => {
    const before = await ctx().db.selectFrom('candidates').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const missing = await recruiter.post('/api/v1/candidates', { source: 'outbound' });
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('validation_failed');
    expect(Object.keys(missing.body.error.fields)).toEqual(['name']);
    const rules = await recruiter.post('/api/v1/candidates', { name: 'Cy', email: 'not-an-address', source: 'referral' });
    expect(rules.status).toBe(422);
    expect(Object.keys(rules.body.error.fields).sort()).toEqual(['email', 'referrer']);
    const unknown = await recruiter.post('/api/v1/candidates', { name: 'Cy', source: 'other', salary: 1 });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields).toHaveProperty('_body');
    const after = await ctx().db.selectFrom('candidates').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('when the e-mail belongs to another candidate, then 422 on the email field', async () => {
    await recruiter.post('/api/v1/candidates', { name: 'Dee One', email: 'dee.taken@example.test', source: 'other' });
    const res = await recruiter.post('/api/v1/candidates', { name: 'Dee Two', email: 'dee.taken@example.test', source: 'other' });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['email']);
  });

  it('when a candidate is patched, then only the fields sent change; an unknown id is 404', async () => {
    const created = await recruiter.post('/api/v1/candidates', { name: 'Eve Patch', email: 'eve.patch@example.test', source: 'inbound', inbound_channel: 'site', notes: 'keep me' });
    const res = await recruiter.patch(`/api/v1/candidates/${created.body.id}`, { phone: '+1 555 0100' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Eve Patch', phone: '+1 555 0100', source: 'inbound', source_detail: 'site', notes: 'keep me' });
    const bad = await recruiter.patch(`/api/v1/candidates/${created.body.id}`, { source: 'referral' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toHaveProperty('referrer');
    expect((await recruiter.patch('/api/v1/candidates/99999999', { phone: '+1 555 0100' })).status).toBe(404);
    expect((await recruiter.get('/api/v1/candidates/abc')).status).toBe(404);
  });

  it('when a hiring manager or an interviewer lists or opens candidates, then they see only those of their openings or interviews', async () => {
    const { app, db } = ctx();
    const manager = await createUser(db, 'hiring_manager');
    const interviewer = await createUser(db, 'interviewer');
    const mine = await makeOpening(db, { hiringManagerId: manager.id });
    const theirs = await makeOpening(db);
    const onMine = await makeInterview(db, mine.id, [interviewer.id]);
    const onTheirs = await makeInterview(db, theirs.id, [(await createUser(db, 'interviewer')).id]);
    const asManager = new ApiClient(app, await makeToken(db, manager.id, { now: ctx().clock.now() }), validator);
    const asInterviewer = new ApiClient(app, await makeToken(db, interviewer.id, { now: ctx().clock.now() }), validator);
    for (const api of [asManager, asInterviewer]) {
      const list = await api.get('/api/v1/candidates?limit=100');
      expect(list.body.data.map((c: { id: number }) => c.id)).toEqual([onMine.candidateId]);
      expect((await api.get(`/api/v1/candidates/${onTheirs.candidateId}`)).status).toBe(404);
    }
    const seen = await asManager.get(`/api/v1/candidates/${onMine.candidateId}`);
    expect(seen.status).toBe(200);
    expect(seen.body.applications.map((a: { id: number }) => a.id)).toEqual([onMine.applicationId]);
  });

  it('when the list is filtered by source, opening, status or searched, then it finds what the candidate list page finds', async () => {
    const { db } = ctx();
    const opening = await makeOpening(db);
    const agency = await recruiter.post('/api/v1/candidates', { name: 'Farah Zylberquist', source: 'agency', opening_id: opening.id });
    const other = await recruiter.post('/api/v1/candidates', { name: 'Gus Plain', source: 'other', opening_id: opening.id });
    const byOpening = await recruiter.get(`/api/v1/candidates?opening=${opening.id}`);
    expect(byOpening.body.data.map((c: { id: number }) => c.id)).toEqual([other.body.id, agency.body.id]);
    const bySource = await recruiter.get(`/api/v1/candidates?opening=${opening.id}&source=agency`);
    expect(bySource.body.data.map((c: { id: number }) => c.id)).toEqual([agency.body.id]);
    const searched = await recruiter.get('/api/v1/candidates?q=zylberquist');
    expect(searched.body.data.map((c: { id: number }) => c.id)).toEqual([agency.body.id]);
    expect((await recruiter.get(`/api/v1/candidates?opening=${opening.id}&status=rejected`)).body.data).toEqual([]);
    const byStage = await recruiter.get(`/api/v1/candidates?stage=${opening.stages[0]!.id}`);
    expect(byStage.body.data.map((c: { id: number }) => c.id)).toEqual([other.body.id, agency.body.id]);
    expect((await recruiter.get(`/api/v1/candidates?stage=${opening.stages[1]!.id}`)).body.data).toEqual([]);
    // A stage left over from another opening is dropped, as on the list page.
    const elsewhere = await makeOpening(db);
    const leftOver = await recruiter.get(`/api/v1/candidates?opening=${opening.id}&stage=${elsewhere.stages[1]!.id}`);
    expect(leftOver.body.data.map((c: { id: number }) => c.id)).toEqual([other.body.id, agency.body.id]);
    const refused = await recruiter.get('/api/v1/candidates?source=nowhere');
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toHaveProperty('source');
  });

  it('when a client walks the list page by page while candidates are added, then it meets every earlier candidate exactly once', async () => {
    const { db } = ctx();
    const opening = await makeOpening(db);
    const ids: number[] = [];
    for (let i = 0; i < 7; i += 1) ids.push((await recruiter.post('/api/v1/candidates', { name: `Walk ${i}`, source: 'other', opening_id: opening.id })).body.id);
    const seen: number[] = [];
    let url: string | undefined = `/api/v1/candidates?opening=${opening.id}&limit=3`;
    let pages = 0;
    while (url) {
      const res = await recruiter.get(url);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.data.map((c: { id: number }) => c.id));
      pages += 1;
      // A new candidate arriving mid-walk sorts before the cursor: it does not shift the pages.
      if (pages === 1) await recruiter.post('/api/v1/candidates', { name: 'Walk late', source: 'other', opening_id: opening.id });
      url = res.body.next_cursor ? `/api/v1/candidates?opening=${opening.id}&limit=3&cursor=${encodeURIComponent(res.body.next_cursor)}` : undefined;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('when the cursor or limit is not valid, then 400 naming it', async () => {
    const bad = await recruiter.get('/api/v1/candidates?cursor=garbage');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('cursor');
    expect((await recruiter.get('/api/v1/candidates?limit=0')).status).toBe(400);
    expect((await recruiter.get('/api/v1/candidates?limit=101')).status).toBe(400);
    expect((await recruiter.get('/api/v1/candidates?limit=100')).status).toBe(200);
  });

  it('when a candidate is read again with its ETag, then 304 without a body; after a change, 200 with a new ETag', async () => {
    const id = await makeCandidate(ctx().db, { name: 'Hal Etag' });
    const first = await recruiter.get(`/api/v1/candidates/${id}`);
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await recruiter.get(`/api/v1/candidates/${id}`, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect((await recruiter.get(`/api/v1/candidates/${id}`, { 'If-None-Match': '"something-else"' })).status).toBe(200);
    await recruiter.patch(`/api/v1/candidates/${id}`, { notes: 'changed' });
    const changed = await recruiter.get(`/api/v1/candidates/${id}`, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  afterAll(() => {
    expect(validator.checked).toBeGreaterThan(30);
  });
});
