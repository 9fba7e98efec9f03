import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { CandidateInput } from '../../../src/candidates/candidates.repository';
import { addCandidate, editCandidate } from '../../../src/candidates/candidates.use-cases';
import { runInUnitOfWork } from '../../../src/events/unit-of-work';
import { eraseCandidate } from '../../../src/privacy/privacy.use-cases';
import { indexStaleCandidates, searchHits } from '../../../src/search/search.repository';
import { parseSearchQuery } from '../../../src/search/search-text';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { applyCandidate } from '../../helpers/writes';
import { type Agent, createUser, signIn, signInAs } from '../../helpers/web';

/** The candidates a list page shows, in order. */
function listed(html: string): string[] {
  return [...html.matchAll(/<th scope="row"><a href="\/candidates\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]!);
}

describeEachDialect('candidate search', (ctx: () => TestContext) => {
  let recruiter: Agent;
  let recruiterId: number;
  const deps = () => ({ ...useCaseDeps(ctx().db, { clock: ctx().clock }), storage: ctx().storage });
  const input = (fields: Partial<CandidateInput> & { name: string }): CandidateInput => ({ email: '', phone: '', linkedinUrl: '', source: 'outbound', sourceDetail: '', notes: '', ...fields });
  const add = (fields: Partial<CandidateInput> & { name: string }) => addCandidate(deps(), actingAs(recruiterId, 'recruiter'), { candidate: input(fields) });
  const search = async (q: string, extra = '', agent = recruiter) => {
    const res = await agent.get(`/candidates?q=${encodeURIComponent(q)}${extra}`);
    expect(res.status).toBe(200);
    return res;
  };

  /** A résumé's text read after the upload, as the reader records it: the text and the event in one unit of work. */
  async function giveResume(candidateId: number, text: string): Promise<void> {
    await runInUnitOfWork(deps(), async (uow) => {
      const file = await uow.trx
        .insertInto('stored_files')
        .values({ storage_key: crypto.randomBytes(16).toString('hex'), original_name: 'cv.pdf', mime_type: 'application/pdf', size_bytes: 10, sha256: '0'.repeat(64), uploaded_by: recruiterId, created_at: uow.now.toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await uow.trx.updateTable('candidates').set({ resume_file_id: file.id }).where('id', '=', candidateId).execute();
      await uow.trx.insertInto('resume_texts').values({ file_id: file.id, status: 'text', reason: null, text, claimed_until: null, updated_at: uow.now.toISOString() }).execute();
      uow.record({ type: 'ResumeTextRead', actorId: null, subject: { type: 'candidate', id: candidateId }, candidateId, fileId: file.id });
    });
  }

  async function indexRows(candidateId: number): Promise<number> {
    const db = ctx().db;
    const { rows } =
      ctx().dialect === 'postgres'
        ? await sql<{ n: string }>`select count(*) as n from candidate_search where candidate_id = ${candidateId}`.execute(db)
        : await sql<{ n: number }>`select count(*) as n from candidate_search where rowid = ${candidateId}`.execute(db);
    return Number(rows[0]!.n);
  }

  beforeAll(async () => {
    const signedIn = await signInAs(ctx().app, ctx().db, 'recruiter');
    recruiter = signedIn.agent;
    recruiterId = signedIn.user.id;
  });

  it('when a word of a résumé is searched, then the candidate is found with the words around it and the match marked', async () => {
    const id = await add({ name: 'Resume Holder' });
    expect((await search('Frankfurt')).text).not.toContain('Resume Holder');
    await giveResume(id, 'Account executive. Over five years I sold to banks in Frankfurt, speaking German every day.');
    const res = await search('frankfurt');
    expect(listed(res.text)).toEqual(['Resume Holder']);
    expect(res.text).toContain('Matched in résumé:</span> Account executive. Over five years I sold to banks in <mark>Frankfurt</mark>, speaking German every day.');
    expect(await indexRows(id)).toBe(1);
  });

  it('when a Russian word is typed in another form, then the candidate is found ("продажи" finds "продаж", and back)', async () => {
    const id = await add({ name: 'Russian Form' });
    await giveResume(id, 'Рост продаж на 40% за год, работа с банками.');
    expect(listed((await search('продажи')).text)).toContain('Russian Form');
    expect(listed((await search('банк')).text)).toContain('Russian Form');
    const other = await add({ name: 'Russian Back', notes: 'Отвечал за продажи.' });
    expect(other).toBeGreaterThan(0);
    expect(listed((await search('продаж')).text)).toEqual(expect.arrayContaining(['Russian Form', 'Russian Back']));
  });

  it('when an English word is typed in another form, then the candidate is found ("selling" finds "sells")', async () => {
    await add({ name: 'English Form', notes: 'Sells insurance to farmers.' });
    const res = await search('selling insurance');
    expect(listed(res.text)).toEqual(['English Form']);
    expect(res.text).toContain('<mark>Sells</mark> <mark>insurance</mark> to farmers.');
  });

  it('when a phone number is typed differently from how it was saved, or only a part of four digits or more, then the candidate is found', async () => {
    await add({ name: 'Phone Person', phone: '+1 (912) 555-0102' });
    for (const q of ['9125550102', '912.555.0102', '+1 912 555 0102', '5550102', '0102']) expect(listed((await search(q)).text)).toEqual(['Phone Person']);
    expect(listed((await search('912 555 0103')).text)).toEqual([]);
    expect(listed((await search('555')).text)).toEqual([]);
  });

  it('when a part of an e-mail address is typed, then the candidate is found; the domain finds everyone there', async () => {
    await add({ name: 'Mail One', email: 'big.eyes@searchco.example' });
    await add({ name: 'Mail Two', email: 'small.ears@searchco.example' });
    expect(listed((await search('eyes')).text)).toEqual(['Mail One']);
    expect(listed((await search('searchco.example')).text)).toEqual(['Mail Two', 'Mail One']);
    expect(listed((await search('big.eyes@searchco.example')).text)).toEqual(['Mail One']);
  });

  it('when the name matches for one candidate and only the résumé for another, then the name match comes first whatever the résumé\'s relevance', async () => {
    const inResume = await add({ name: 'Rank Second' });
    await giveResume(inResume, 'Zanzibar zanzibar zanzibar. Zanzibar sales in Zanzibar.');
    await add({ name: 'Zanzibar First' });
    const res = await search('zanzibar');
    expect(listed(res.text)).toEqual(['Zanzibar First', 'Rank Second']);
    expect(res.text).toMatch(/<option value="relevance" selected>Relevance<\/option>/);
    // Another order can still be chosen while searching: by name.
    expect(listed((await search('zanzibar', '&sort=name')).text)).toEqual(['Rank Second', 'Zanzibar First']);
  });

  it('when the start of a name is typed, then the candidate is found as before, also with other words before it', async () => {
    const id = await add({ name: 'Alexander Quokka' });
    await giveResume(id, 'Speaks German and sells to banks.');
    const res = await search('ale');
    expect(listed(res.text)).toContain('Alexander Quokka');
    expect(res.text).toContain('<mark>Alexander</mark> Quokka');
    expect(listed((await search('german quo')).text)).toEqual(['Alexander Quokka']);
    expect(listed((await search('alexander quo')).text)).toEqual(['Alexander Quokka']);
    expect(listed((await search('french quo')).text)).toEqual([]);
  });

  it('when a search combines with filters, then only candidates matching both are listed', async () => {
    const opening = await makeOpening(ctx().db, { title: 'Filter AE' });
    const inside = await add({ name: 'Filtered Inside', notes: 'Walrus expert.', source: 'agency' });
    await add({ name: 'Filtered Outside', notes: 'Walrus expert too.', source: 'agency' });
    await applyCandidate(ctx().db, inside, opening.id, recruiterId);
    expect(listed((await search('walrus', '&sort=name')).text)).toEqual(['Filtered Inside', 'Filtered Outside']);
    expect(listed((await search('walrus', `&opening=${opening.id}`)).text)).toEqual(['Filtered Inside']);
    expect(listed((await search('walrus', '&source=referral')).text)).toEqual([]);
    expect(listed((await search('walrus', '&source=agency&status=active')).text)).toEqual(['Filtered Inside']);
  });

  it('when a hiring manager searches, then candidates outside their openings are not found, whatever matches', async () => {
    const manager = await createUser(ctx().db, 'hiring_manager');
    const own = await makeOpening(ctx().db, { hiringManagerId: manager.id, title: 'Own AE' });
    const mine = await add({ name: 'Scope Mine', notes: 'Platypus sales.' });
    await add({ name: 'Scope Theirs', notes: 'Platypus sales.' });
    await applyCandidate(ctx().db, mine, own.id, recruiterId);
    const agent = await signIn(ctx().app, manager.email);
    expect(listed((await search('platypus', '', agent)).text)).toEqual(['Scope Mine']);
    expect(listed((await search('scope', '', agent)).text)).toEqual(['Scope Mine']);
  });

  it('when a candidate\'s name and notes are edited, then the new words find them and the old ones do not', async () => {
    const id = await add({ name: 'Before Oldname', notes: 'Likes kayaks.' });
    expect(listed((await search('kayak')).text)).toEqual(['Before Oldname']);
    await editCandidate(deps(), actingAs(recruiterId, 'recruiter'), id, { candidate: input({ name: 'After Newname', notes: 'Likes gliders.' }) });
    expect(listed((await search('kayak')).text)).toEqual([]);
    expect(listed((await search('oldname')).text)).toEqual([]);
    expect(listed((await search('glider')).text)).toEqual(['After Newname']);
    expect(listed((await search('newname')).text)).toEqual(['After Newname']);
    expect(await indexRows(id)).toBe(1);
  });

  it('when a candidate is erased, then they are not found and leave nothing in the index', async () => {
    const admin = await createUser(ctx().db, 'admin');
    const id = await add({ name: 'Erased Person', notes: 'Narwhal trainer.' });
    await giveResume(id, 'Narwhal expert with banks.');
    expect(listed((await search('narwhal')).text)).toEqual(['Erased Person']);
    await eraseCandidate(deps(), actingAs(admin.id), id);
    expect(listed((await search('narwhal')).text)).toEqual([]);
    expect(listed((await search('erased')).text)).toEqual([]);
    expect(await indexRows(id)).toBe(0);
    expect(await ctx().db.selectFrom('candidate_search_stale').select('candidate_id').where('candidate_id', '=', id).execute()).toEqual([]);
  });

  it('when two candidates are merged, then the removed one leaves no entry and the kept one is found by the removed one\'s words', async () => {
    const kept = await add({ name: 'Kept Person', notes: 'Owl keeper.' });
    const merged = await add({ name: 'Merged Person', notes: 'Lemur keeper.' });
    expect(listed((await search('lemur')).text)).toEqual(['Merged Person']);
    // What merging does elsewhere, in one unit of work: the notes move to the kept candidate, the other is removed, the event recorded.
    await runInUnitOfWork(deps(), async (uow) => {
      await uow.trx.updateTable('candidates').set({ notes: 'Owl keeper. Lemur keeper.' }).where('id', '=', kept).execute();
      await uow.trx.deleteFrom('candidate_activity').where('candidate_id', '=', merged).execute();
      await uow.trx.deleteFrom('candidates').where('id', '=', merged).execute();
      uow.record({ type: 'CandidatesMerged', actorId: recruiterId, subject: { type: 'candidate', id: kept }, candidateId: kept, mergedCandidateId: merged, openingIds: [] });
    });
    expect(await indexRows(merged)).toBe(0);
    expect(await indexRows(kept)).toBe(1);
    expect(listed((await search('lemur')).text)).toEqual(['Kept Person']);
  });

  it('when a query has only plain Latin letters, then PostgreSQL is asked it in one configuration (both give the same for them) and the Latin words of a Russian résumé are still found', async () => {
    const id = await add({ name: 'Mixed Resume' });
    await giveResume(id, 'Работа с Salesforce и HubSpot каждый день, продажи банкам.');
    expect(listed((await search('salesforce')).text)).toContain('Mixed Resume');
    expect(listed((await search('hubspot продажи')).text)).toContain('Mixed Resume');
    if (ctx().dialect !== 'postgres') return;
    const compiled = (q: string) => searchHits(ctx().db, parseSearchQuery(q)!).compile(ctx().db).sql;
    // "x | x" would double the planner's estimate of the matches and make it read every document.
    expect(compiled('anna')).not.toContain("'russian'");
    expect(compiled('продажи')).toContain("'russian'");
  });

  it('when nothing matches, then the page says so and keeps the query in the box', async () => {
    const res = await search('xylophonist <b>');
    expect(listed(res.text)).toEqual([]);
    expect(res.text).toContain('No candidates match “xylophonist &lt;b&gt;”.');
    expect(res.text).toContain('value="xylophonist &lt;b&gt;"');
  });

  it('when the query is only punctuation, quotes, FTS or tsquery syntax, or very long, then the page answers', async () => {
    for (const q of ['!!!', '"', "'", '*', 'AND', 'NEAR(a b)', '{head} : x', 'a & b | !c', "x:* & 'y'", '-', '((', 'x'.repeat(5000), '0'.repeat(300), 'ё'.repeat(250)]) {
      const res = await recruiter.get(`/candidates?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
    }
  });

  it('when candidates wait to be indexed (after the upgrade), then the page says indexing, they are found by the start of their name, and by their notes once indexed', async () => {
    // Written past the events, as the rows that existed before search: marked stale as the migration does.
    const waiting = await makeCandidate(ctx().db, { name: 'Waiting Wombat' });
    await ctx().db.updateTable('candidates').set({ notes: 'Capybara farmer.' }).where('id', '=', waiting).execute();
    await ctx().db.insertInto('candidate_search_stale').values({ candidate_id: waiting }).execute();
    const before = await search('capybara');
    expect(listed(before.text)).toEqual([]);
    expect(before.text).toContain('Indexing…');
    expect(listed((await search('waiting wom')).text)).toEqual(['Waiting Wombat']);
    expect(await indexStaleCandidates(ctx().db, { batchSize: 2 })).toBe(1);
    const after = await search('capybara');
    expect(listed(after.text)).toEqual(['Waiting Wombat']);
    expect(after.text).not.toContain('Indexing…');
    expect(await indexStaleCandidates(ctx().db)).toBe(0);
  });
});
