import fs from 'node:fs';
import path from 'node:path';
import { recordDecision } from '../../../src/comparison/decisions.use-cases';
import { mergeCandidates } from '../../../src/candidates/merge.use-cases';
import { scheduleInterview } from '../../../src/interviews/interviews.use-cases';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { makeOpening } from '../../helpers/hiring';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { applyCandidate, decisionInput, scoreInterview } from '../../helpers/writes';
import { type Agent, createUser, csrfToken, signIn, signInAs } from '../../helpers/web';

const PDF = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

type Fields = { name: string; email?: string; phone?: string; linkedin_url?: string; source?: string; referrer?: string; notes?: string };

describeEachDialect('merging a duplicate candidate into the kept one', (ctx: () => TestContext) => {
  let recruiter: Agent;
  let recruiterUser: { id: number; name: string };
  let token: string;

  beforeAll(async () => {
    const signedIn = await signInAs(ctx().app, ctx().db, 'recruiter');
    recruiter = signedIn.agent;
    recruiterUser = signedIn.user;
    token = await csrfToken(recruiter, '/candidates/new');
  });

  /** A candidate through the form, with a résumé when `resume` names one. */
  async function addCandidate(fields: Fields, resume?: string): Promise<number> {
    let req = recruiter.post(`/candidates?_csrf=${encodeURIComponent(token)}`);
    const all: Record<string, string> = { source: 'outbound', ...fields };
    if (all.source === 'referral' && !all.referrer) all.referrer = 'A friend';
    for (const [k, v] of Object.entries(all)) req = req.field(k, v);
    if (resume) req = req.attach('resume', PDF(resume), `${resume}.pdf`);
    const res = await req;
    expect(res.status).toBe(303);
    return Number(/\/candidates\/(\d+)$/.exec(String(res.headers.location))![1]);
  }

  const merge = async (agent: Agent, keptId: number, mergedId: number) => {
    const t = await csrfToken(agent, '/account');
    return agent.post(`/candidates/${keptId}/merge`).type('form').send({ _csrf: t, duplicate_id: String(mergedId) });
  };

  const candidateRow = (id: number) => ctx().db.selectFrom('candidates').selectAll().where('id', '=', id).executeTakeFirst();
  const sourceTotals = async (openingId: number) =>
    (await ctx().db.selectFrom('source_totals').select(['source', 'applications']).where('opening_id', '=', openingId).execute())
      .reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.source]: (acc[r.source] ?? 0) + Number(r.applications) }), {});

  /** A snapshot of everything about two candidates, to compare before and after a refused merge. */
  async function snapshot(ids: number[]) {
    const { db } = ctx();
    const candidates = await db.selectFrom('candidates').selectAll().where('id', 'in', ids).orderBy('id').execute();
    const applications = await db.selectFrom('applications').selectAll().where('candidate_id', 'in', ids).orderBy('id').execute();
    const appIds = applications.map((a) => a.id);
    const events = appIds.length ? await db.selectFrom('application_events').selectAll().where('application_id', 'in', appIds).orderBy('id').execute() : [];
    const files = await db.selectFrom('stored_files').select(['id', 'storage_key']).orderBy('id').execute();
    const activity = await db.selectFrom('candidate_activity').selectAll().where('candidate_id', 'in', ids).orderBy('candidate_id').execute();
    return { candidates, applications, events, files, activity, onDisk: fs.readdirSync(ctx().storage.filesDir).sort() };
  }

  describe('when a recruiter merges a record with an application, an interview, a scorecard, a decision and a résumé into one without', () => {
    let kept: number;
    let merged: number;
    let openingA: Awaited<ReturnType<typeof makeOpening>>;
    let openingB: Awaited<ReturnType<typeof makeOpening>>;
    let keptApp: number;
    let mergedApp: number;
    let interviewId: number;
    let mergedFile: { id: number; storage_key: string };
    let before: Record<string, number>;
    let eventsBefore: number;
    let confirmPage: string;
    let res: Awaited<ReturnType<typeof merge>>;

    beforeAll(async () => {
      const { db } = ctx();
      openingA = await makeOpening(db, { title: 'AE Munich' });
      openingB = await makeOpening(db, { title: 'SDR Lisbon' });
      kept = await addCandidate({ name: 'Maria Gomez', notes: 'Kept notes: strong closer.' });
      merged = await addCandidate({ name: 'María Gómez', email: 'Maria.Gomez+jobs@Example.test', phone: '+351 21 555 0100', linkedin_url: 'https://www.linkedin.com/in/maria-gomez', source: 'referral', referrer: 'Ana', notes: 'Merged notes: met at SaaStr.' }, 'merged-cv');
      keptApp = await applyCandidate(db, kept, openingA.id, recruiterUser.id);
      mergedApp = await applyCandidate(db, merged, openingB.id, recruiterUser.id);
      const deps = useCaseDeps(db);
      interviewId = await scheduleInterview(deps, actingAs(recruiterUser.id), mergedApp, { stageId: openingB.stages[1]!.id, scheduledAt: null, interviewerIds: [recruiterUser.id] });
      await scoreInterview(deps, recruiterUser.id, { interviewId, openingId: openingB.id }, 3);
      await recordDecision(deps, actingAs(recruiterUser.id, 'admin'), mergedApp, decisionInput('hire'));
      mergedFile = await db.selectFrom('stored_files').innerJoin('candidates', 'candidates.resume_file_id', 'stored_files.id').select(['stored_files.id', 'stored_files.storage_key']).where('candidates.id', '=', merged).executeTakeFirstOrThrow();
      before = await sourceTotals(openingB.id);
      eventsBefore = (await db.selectFrom('application_events').select('id').where('application_id', 'in', [keptApp, mergedApp]).execute()).length;
      confirmPage = (await recruiter.get(`/candidates/${kept}/merge?duplicate=${merged}`).expect(200)).text;
      res = await merge(recruiter, kept, merged);
    });

    it('then the confirm page said what would move', () => {
      expect(confirmPage).toContain(`María Gómez (#${merged}) will be merged into Maria Gomez (#${kept})`);
      expect(confirmPage).toContain('1 application with their stages, interviews, scorecards, decisions and history: “SDR Lisbon”');
      expect(confirmPage).toContain('The résumé (this candidate has none)');
      expect(confirmPage).toContain('Details this candidate lacks: e-mail, phone, LinkedIn');
      expect(confirmPage).toContain(`name="duplicate_id" value="${merged}"`);
    });

    it('then the recruiter lands on the kept candidate with both applications, and the merged one is gone', async () => {
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/candidates/${kept}`);
      const page = await recruiter.get(`/candidates/${kept}`).expect(200);
      expect(page.text).toContain('María Gómez was merged into this candidate.');
      expect(page.text).toContain('AE Munich');
      expect(page.text).toContain('SDR Lisbon');
      await recruiter.get(`/candidates/${merged}`).expect(404);
      expect(await candidateRow(merged)).toBeUndefined();
    });

    it('then the application moved with its interview, scorecard, decision and history, and each application says who merged which record', async () => {
      const { db } = ctx();
      expect((await db.selectFrom('applications').select(['id', 'candidate_id', 'status']).where('id', 'in', [keptApp, mergedApp]).orderBy('id').execute()).map((a) => [a.id, a.candidate_id])).toEqual([
        [keptApp, kept],
        [mergedApp, kept],
      ]);
      expect((await db.selectFrom('interviews').select('application_id').where('id', '=', interviewId).executeTakeFirstOrThrow()).application_id).toBe(mergedApp);
      expect(await db.selectFrom('scorecards').select('id').where('application_id', '=', mergedApp).where('status', '=', 'submitted').execute()).toHaveLength(1);
      expect((await db.selectFrom('decisions').select('decision').where('application_id', '=', mergedApp).executeTakeFirstOrThrow()).decision).toBe('hire');
      const events = await db.selectFrom('application_events').select(['application_id', 'kind', 'note', 'actor_id']).where('application_id', 'in', [keptApp, mergedApp]).orderBy('id').execute();
      expect(events).toHaveLength(eventsBefore + 2);
      expect(events.filter((e) => e.kind === 'merged')).toEqual([
        { application_id: keptApp, kind: 'merged', note: `María Gómez (#${merged})`, actor_id: recruiterUser.id },
        { application_id: mergedApp, kind: 'merged', note: `María Gómez (#${merged})`, actor_id: recruiterUser.id },
      ]);
      const history = (await recruiter.get(`/applications/${mergedApp}`).expect(200)).text;
      expect(history).toContain(`${recruiterUser.name} · merged with another record of this candidate — <em>María Gómez (#${merged})</em>`);
    });

    it('then the kept record took the résumé, the missing details and the notes under a line naming the merged record', async () => {
      const row = (await candidateRow(kept))!;
      expect(row.resume_file_id).toBe(mergedFile.id);
      expect(fs.existsSync(path.join(ctx().storage.filesDir, mergedFile.storage_key))).toBe(true);
      await recruiter.get(`/candidates/${kept}/resume`).expect(200);
      expect(row).toMatchObject({ email: 'maria.gomez+jobs@example.test', email_unique: 'maria.gomez+jobs@example.test', phone: '+351 21 555 0100', linkedin_url: 'https://www.linkedin.com/in/maria-gomez', email_key: 'mariagomez@example.test', phone_key: '351215550100', source: 'outbound' });
      const date = ctx().clock.now().toISOString().slice(0, 10);
      expect(row.notes).toBe(`Kept notes: strong closer.\n\n— Merged from María Gómez (#${merged}) on ${date} by ${recruiterUser.name} —\nMerged notes: met at SaaStr.`);
    });

    it('then the address stays unique: a new candidate with it is refused', async () => {
      const res2 = await recruiter.post(`/candidates?_csrf=${encodeURIComponent(token)}`).field('name', 'Third').field('email', 'maria.gomez+jobs@example.test').field('source', 'outbound');
      expect(res2.status).toBe(422);
      expect(res2.text).toContain('A candidate with this email already exists.');
    });

    it('then the list’s sort keys are recomputed for the kept record and gone for the merged one', async () => {
      const { db } = ctx();
      expect((await db.selectFrom('candidate_activity').select('has_active').where('candidate_id', '=', kept).executeTakeFirstOrThrow()).has_active).toBe(1);
      expect(await db.selectFrom('candidate_activity').select('candidate_id').where('candidate_id', '=', merged).execute()).toEqual([]);
    });

    it('then the audit log records the merge on the kept record, and the sources report counts the moved application under the kept record’s source', async () => {
      const audit = await ctx().db.selectFrom('audit_log').selectAll().where('action', '=', 'candidate.merge').where('subject_id', '=', kept).execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: recruiterUser.id, subject_type: 'candidate' });
      expect(JSON.parse(audit[0]!.detail)).toEqual({ mergedCandidateId: merged, applicationsMoved: 1, applicationsFolded: 0, resumeMoved: 1, resumeDeleted: 0 });
      expect(before).toEqual({ referral: 1 });
      expect(await sourceTotals(openingB.id)).toEqual({ outbound: 1 });
    });
  });

  it('when both records have a résumé, then the kept one’s stays and the other file is deleted from the database and the disk', async () => {
    const kept = await addCandidate({ name: 'Two Files' }, 'kept-cv');
    const merged = await addCandidate({ name: 'Two Files Again' }, 'other-cv');
    const keptFile = (await candidateRow(kept))!.resume_file_id!;
    const mergedFile = await ctx().db.selectFrom('stored_files').select(['id', 'storage_key']).where('id', '=', (await candidateRow(merged))!.resume_file_id!).executeTakeFirstOrThrow();
    const page = (await recruiter.get(`/candidates/${kept}/merge?duplicate=${merged}`).expect(200)).text;
    expect(page).toContain('The other record’s résumé is deleted: this candidate keeps its own');
    expect(page).toContain('No applications with their stages');
    expect((await merge(recruiter, kept, merged)).status).toBe(303);
    expect((await candidateRow(kept))!.resume_file_id).toBe(keptFile);
    expect(await ctx().db.selectFrom('stored_files').select('id').where('id', '=', mergedFile.id).executeTakeFirst()).toBeUndefined();
    expect(fs.existsSync(path.join(ctx().storage.filesDir, mergedFile.storage_key))).toBe(false);
  });

  it('when the merged record applied through the careers page, then its consent and the résumé it sent move to the kept record, and the file is kept', async () => {
    const { db } = ctx();
    const kept = await addCandidate({ name: 'Careers Kept' }, 'kept-own-cv');
    const merged = await addCandidate({ name: 'Careers Applicant' }, 'sent-cv');
    const sentFile = (await candidateRow(merged))!.resume_file_id!;
    const opening = await makeOpening(db, { title: 'AE Careers' });
    await applyCandidate(db, merged, opening.id, recruiterUser.id);
    await db
      .insertInto('careers_applications')
      .values({
        candidate_id: merged, opening_id: opening.id, language: 'en', privacy_text: 'We keep your data for 24 months.', retention_months: 24,
        applicant_name: 'Careers Applicant', applicant_email: 'careers.applicant@example.com', applicant_phone: '', applicant_linkedin_url: '',
        cover_note: '', resume_file_id: sentFile, matched_by: '', created_at: new Date().toISOString(),
      })
      .execute();
    expect((await merge(recruiter, kept, merged)).status).toBe(303);
    const rows = await db.selectFrom('careers_applications').select(['candidate_id', 'resume_file_id']).where('applicant_email', '=', 'careers.applicant@example.com').execute();
    expect(rows).toEqual([{ candidate_id: kept, resume_file_id: sentFile }]);
    expect(await db.selectFrom('stored_files').select('id').where('id', '=', sentFile).executeTakeFirst()).toEqual({ id: sentFile });
    expect((await recruiter.get(`/candidates/${kept}`).expect(200)).text).toContain('We keep your data for 24 months.');
  });

  it('when both apply to one opening and the merged application has nothing done on it yet, then its history joins the kept application and the opening counts one application', async () => {
    const { db } = ctx();
    const opening = await makeOpening(db, { title: 'CS Porto' });
    const kept = await addCandidate({ name: 'Folded Kept', email: 'folded@example.test' });
    const merged = await addCandidate({ name: 'Folded Other', email: 'f.o.l.d.e.d+x@example.test' });
    const keptApp = await applyCandidate(db, kept, opening.id, recruiterUser.id);
    const mergedApp = await applyCandidate(db, merged, opening.id, recruiterUser.id);
    const pipelineCount = async () => (await db.selectFrom('pipeline_totals').select('applications').where('opening_id', '=', opening.id).execute()).reduce((s, r) => s + Number(r.applications), 0);
    expect(await pipelineCount()).toBe(2);
    expect((await recruiter.get(`/candidates/${kept}/merge?duplicate=${merged}`).expect(200)).text).toContain('The application to “CS Porto”: the kept record applies there too');
    expect((await merge(recruiter, kept, merged)).status).toBe(303);
    expect(await db.selectFrom('applications').select('id').where('id', '=', mergedApp).executeTakeFirst()).toBeUndefined();
    const events = await db.selectFrom('application_events').select('kind').where('application_id', '=', keptApp).orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['applied', 'applied', 'merged']);
    expect(await pipelineCount()).toBe(1);
    // The kept record's own address stays; the other one is kept in the notes.
    expect((await candidateRow(kept))!.notes).toContain('f.o.l.d.e.d+x@example.test');
  });

  it('when both apply to one opening and the merged application has an interview, then the merge is refused naming the opening and nothing changes', async () => {
    const { db } = ctx();
    const opening = await makeOpening(db, { title: 'VP Sales Madrid' });
    const kept = await addCandidate({ name: 'Blocked Kept' });
    const merged = await addCandidate({ name: 'Blocked Other' }, 'blocked-cv');
    await applyCandidate(db, kept, opening.id, recruiterUser.id);
    const mergedApp = await applyCandidate(db, merged, opening.id, recruiterUser.id);
    await scheduleInterview(useCaseDeps(db), actingAs(recruiterUser.id), mergedApp, { stageId: opening.stages[1]!.id, scheduledAt: null, interviewerIds: [recruiterUser.id] });
    const page = (await recruiter.get(`/candidates/${kept}/merge?duplicate=${merged}`).expect(200)).text;
    expect(page).toContain('Both records have an application to “VP Sales Madrid”');
    expect(page).not.toContain('name="duplicate_id"');
    const before = await snapshot([kept, merged]);
    const res = await merge(recruiter, kept, merged);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/candidates/${kept}`);
    expect((await recruiter.get(`/candidates/${kept}`)).text).toContain('Not merged: both records have an application to “VP Sales Madrid”');
    expect(await snapshot([kept, merged])).toEqual(before);
  });

  it('when something fails after every write of the merge, then both records are left exactly as they were (one transaction)', async () => {
    const { db } = ctx();
    const opening = await makeOpening(db);
    const kept = await addCandidate({ name: 'Atomic Kept' }, 'atomic-kept');
    const merged = await addCandidate({ name: 'Atomic Other', email: 'atomic@example.test', phone: '+1 555 0199' }, 'atomic-other');
    await applyCandidate(db, merged, opening.id, recruiterUser.id);
    const before = await snapshot([kept, merged]);
    const deps = useCaseDeps(db);
    const failing = {
      ...deps,
      storage: ctx().storage,
      handlers: deps.handlers.with({
        name: 'failing',
        listensTo: ['CandidatesMerged'],
        handle: () => Promise.reject(new Error('disk full')),
      }),
    };
    await expect(mergeCandidates(failing, actingAs(recruiterUser.id, 'recruiter'), kept, merged, 'en')).rejects.toThrow('disk full');
    expect(await snapshot([kept, merged])).toEqual(before);
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'candidate.merge').where('subject_id', '=', kept).execute()).toEqual([]);
  });

  it('when a record is merged into itself, then it is refused with a message and nothing changes', async () => {
    const id = await addCandidate({ name: 'Self Merge' });
    const res = await merge(recruiter, id, id);
    expect(res.headers.location).toBe(`/candidates/${id}`);
    expect((await recruiter.get(`/candidates/${id}`).expect(200)).text).toContain('A candidate cannot be merged into itself.');
    await recruiter.get(`/candidates/${id}/merge?duplicate=${id}`).expect(404);
  });

  it('when the merged record was merged or erased a moment ago, then a second merge says so instead of failing', async () => {
    const kept = await addCandidate({ name: 'Twice Kept' });
    const merged = await addCandidate({ name: 'Twice Other' });
    expect((await merge(recruiter, kept, merged)).status).toBe(303);
    const again = await merge(recruiter, kept, merged);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(`/candidates/${kept}`);
    expect((await recruiter.get(`/candidates/${kept}`)).text).toContain('One of the two records no longer exists');
    // The kept record itself unknown: not found.
    expect((await merge(recruiter, merged, kept)).status).toBe(404);
    await recruiter.get(`/candidates/${kept}/merge?duplicate=${merged}`).expect(404);
  });

  it('when two recruiters merge the pair in opposite directions at the same moment, then one merge wins and the other finds its record gone, without failing', async () => {
    const a = await addCandidate({ name: 'Both Ways A' });
    const b = await addCandidate({ name: 'Both Ways B' });
    const other = (await signInAs(ctx().app, ctx().db, 'recruiter')).agent;
    const [first, second] = await Promise.all([merge(recruiter, a, b), merge(other, b, a)]);
    // Either may win, however the requests are scheduled. The loser's record is gone: a message if
    // it went while its merge waited, not found if before.
    const statuses = [first.status, second.status];
    expect(statuses).toContain(303);
    for (const status of statuses) expect([303, 404]).toContain(status);
    const left = await ctx().db.selectFrom('candidates').select('id').where('id', 'in', [a, b]).execute();
    expect(left).toHaveLength(1);
    expect((await ctx().db.selectFrom('audit_log').select('id').where('action', '=', 'candidate.merge').where('subject_id', 'in', [a, b]).execute()).length).toBe(1);
  });

  it('when a hiring manager or an interviewer tries to merge, then they are refused and nothing changes', async () => {
    const manager = await createUser(ctx().db, 'hiring_manager');
    const opening = await makeOpening(ctx().db, { hiringManagerId: manager.id });
    const kept = await addCandidate({ name: 'Perm Kept' });
    const merged = await addCandidate({ name: 'Perm Other' });
    await applyCandidate(ctx().db, kept, opening.id, manager.id);
    await applyCandidate(ctx().db, merged, opening.id, manager.id).catch(() => undefined);
    const hm = await signIn(ctx().app, manager.email, manager.password);
    await hm.get(`/candidates/${kept}/merge?duplicate=${merged}`).expect(403);
    expect((await merge(hm, kept, merged)).status).toBe(403);
    const interviewer = (await signInAs(ctx().app, ctx().db, 'interviewer')).agent;
    expect((await merge(interviewer, kept, merged)).status).toBe(403);
    expect(await candidateRow(merged)).toBeDefined();
    await expect(mergeCandidates({ ...useCaseDeps(ctx().db), storage: ctx().storage }, { id: manager.id, role: 'hiring_manager' }, kept, merged, 'en')).rejects.toThrow('forbidden');
  });

  it('when the duplicate does not exist, then the confirm page is not found', async () => {
    const kept = await addCandidate({ name: 'Lonely' });
    await recruiter.get(`/candidates/${kept}/merge?duplicate=999999`).expect(404);
    await recruiter.get(`/candidates/${kept}/merge`).expect(404);
  });
});
