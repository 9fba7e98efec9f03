import type { Kysely } from 'kysely';
import type { Database } from '../../../src/db/database';
import { ApplicationConflict, insertApplication, insertEvent, updateApplication } from '../../../src/candidates/applications.repository';
import { updateCandidate } from '../../../src/candidates/candidates.repository';
import { insertDecision } from '../../../src/comparison/decisions.repository';
import { saveScorecard } from '../../../src/interviews/interviews.repository';
import { listStages, saveStages } from '../../../src/openings/openings.repository';
import { deleteCandidateRows } from '../../../src/privacy/privacy.repository';
import { readTotals, totalsDifferingFromRecords } from '../../../src/reports/report-totals';
import { TOTALS_TABLES } from '../../../src/reports/totals-store';
import { loadCalibration, loadPipeline, loadSources } from '../../../src/reports/reports.repository';
import { runMaintenance } from '../../../src/maintenance';
import { findVersionDimensions } from '../../../src/rubrics/rubrics.repository';
import { makeCandidate, makeInterview, makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { createUser } from '../../helpers/web';

describeEachDialect('report totals', (ctx: () => TestContext) => {
  it('when scorecards, decisions, moves, plans, sources and erasures change, then the kept totals always equal totals rebuilt from the records', async () => {
    const db = ctx().db;
    const panel = [await createUser(db, 'interviewer'), await createUser(db, 'interviewer')];
    const opening = await makeOpening(db, { title: 'Totals' });
    const other = await makeOpening(db, { title: 'Untouched' });
    const ids = [opening.id, other.id];
    const rubric = await db.selectFrom('openings').select(['rubric_id', 'rubric_version']).where('id', '=', opening.id).executeTakeFirstOrThrow();
    const dims = (await findVersionDimensions(db, rubric.rubric_id, rubric.rubric_version))!;
    const card = (trx: Kysely<Database>, interviewId: number, applicationId: number, interviewerId: number, rating: number | null, status: 'draft' | 'submitted') =>
      saveScorecard(trx, { interviewId, applicationId, interviewerId, rubricId: rubric.rubric_id, rubricVersion: rubric.rubric_version, status, content: { ratings: dims.map((d) => ({ key: d.key, rating, evidence: 'e' })), keyTakeaways: '', recommendation: 'yes' } }, new Date());

    let before = await readTotals(db, ids);
    // Each write in a transaction of its own, as the app makes them; the totals are compared after it commits.
    const step = async (what: string, change: (trx: Kysely<Database>) => Promise<unknown>, expectChange = true) => {
      await db.transaction().execute((trx) => change(trx));
      const { kept, rebuilt } = await totalsDifferingFromRecords(db, ids);
      expect({ what, kept }).toEqual({ what, kept: rebuilt });
      if (expectChange) expect({ what, changed: JSON.stringify(kept) !== JSON.stringify(before) }).toEqual({ what, changed: true });
      before = kept;
    };

    const a = await makeInterview(db, opening.id, panel.map((p) => p.id));
    const b = await makeInterview(db, opening.id, panel.map((p) => p.id));
    await step('a draft counts nowhere', (trx) => card(trx, a.interviewId, a.applicationId, panel[0]!.id, 2, 'draft'), false);
    await step('a submission', (trx) => card(trx, a.interviewId, a.applicationId, panel[0]!.id, 2, 'submitted'));
    await step('a second opinion on the same application', (trx) => card(trx, a.interviewId, a.applicationId, panel[1]!.id, 4, 'submitted'));
    await step('an edit of a submitted scorecard', (trx) => card(trx, a.interviewId, a.applicationId, panel[0]!.id, 3, 'submitted'));
    await step('a submission on another application', (trx) => card(trx, b.interviewId, b.applicationId, panel[1]!.id, null, 'submitted'));
    await step('a decision', (trx) => insertDecision(trx, { applicationId: a.applicationId, decision: 'hire', rationale: 'r', acknowledgements: {}, flags: [], weightedScore: 70, decidedBy: opening.hiringManagerId }, new Date()));
    const later = new Date(Date.now() + 3 * 86_400_000);
    // The furthest stage comes from the events, so the move itself changes nothing until its event is recorded.
    await step('a stage move', (trx) => updateApplication(trx, b.applicationId, { stageId: opening.stages[2]!.id }, later), false);
    await step('the move’s event', (trx) => insertEvent(trx, { applicationId: b.applicationId, actorId: panel[0]!.id, kind: 'stage', stageId: opening.stages[2]!.id, status: null, note: '' }, later));
    await step('a status change', (trx) => updateApplication(trx, a.applicationId, { status: 'hired' }, later));
    const newcomer = await makeCandidate(db, { source: 'agency' });
    await step('a new application', (trx) => insertApplication(trx, { candidateId: newcomer, openingId: opening.id, actorId: panel[0]!.id }, new Date()));
    await step('a candidate’s source edited', (trx) => updateCandidate(trx, b.candidateId, { name: 'Renamed', email: `renamed.${Date.now()}@example.test`, phone: '', linkedinUrl: '', source: 'referral', sourceDetail: '', notes: '' }, new Date()));
    const stages = await listStages(db, opening.id);
    await step('the plan reordered and its focus changed', (trx) =>
      saveStages(trx, opening.id, [stages[1]!, stages[0]!, ...stages.slice(2)].map((s, i) => ({ id: s.id, name: s.name, focus: i === 0 ? [] : s.focus, interviewerIds: s.interviewerIds }))),
    );
    await step('a candidate erased', (trx) => deleteCandidateRows(trx, a.candidateId));
    // The other opening was never touched and holds nothing.
    expect(Object.values(await readTotals(db, [other.id])).flat()).toEqual([]);
  });

  it('when totals are marked stale (as after the upgrade that introduced them), then the next report rebuilds them first', async () => {
    const db = ctx().db;
    const panel = [await createUser(db, 'interviewer', { name: 'Stale Stan' })];
    const opening = await makeOpening(db, { title: 'Stale' });
    const interview = await makeInterview(db, opening.id, [panel[0]!.id]);
    const rubric = await db.selectFrom('openings').select(['rubric_id', 'rubric_version']).where('id', '=', opening.id).executeTakeFirstOrThrow();
    const dims = (await findVersionDimensions(db, rubric.rubric_id, rubric.rubric_version))!;
    await saveScorecard(db, { interviewId: interview.interviewId, applicationId: interview.applicationId, interviewerId: panel[0]!.id, rubricId: rubric.rubric_id, rubricVersion: rubric.rubric_version, status: 'submitted', content: { ratings: dims.map((d) => ({ key: d.key, rating: 3, evidence: 'e' })), keyTakeaways: '', recommendation: 'yes' } }, new Date());
    const kept = await readTotals(db, [opening.id]);
    for (const table of TOTALS_TABLES) await db.deleteFrom(table).where('opening_id', '=', opening.id).execute();
    await db.insertInto('report_totals_stale').values({ opening_id: opening.id }).execute();

    const admin = { id: 0, role: 'admin' as const };
    const calibration = await loadCalibration(db, admin);
    expect(calibration.interviewers.find((i) => i.interviewerId === panel[0]!.id)?.scorecards).toBe(1);
    expect(await readTotals(db, [opening.id])).toEqual(kept);
    expect(await db.selectFrom('report_totals_stale').selectAll().execute()).toEqual([]);
    // Every report that reads totals rebuilds first.
    await db.insertInto('report_totals_stale').values({ opening_id: opening.id }).execute();
    for (const table of TOTALS_TABLES) await db.deleteFrom(table).where('opening_id', '=', opening.id).execute();
    expect((await loadSources(db, admin)).positions.reduce((s, p) => s + p.count, 0)).toBeGreaterThan(0);
    expect(await readTotals(db, [opening.id])).toEqual(kept);
    // Maintenance (at start-up and every 15 minutes) rebuilds them without waiting for a reader.
    await db.insertInto('report_totals_stale').values({ opening_id: opening.id }).execute();
    for (const table of TOTALS_TABLES) await db.deleteFrom(table).where('opening_id', '=', opening.id).execute();
    expect(await runMaintenance(db, ctx().clock)).toMatchObject({ openingsRebuilt: 1 });
    expect(await readTotals(db, [opening.id])).toEqual(kept);
  });

  it('when the pipeline range cuts through months, then whole months come from the totals and the partial ones from the applications, exactly', async () => {
    const db = ctx().db;
    const manager = await createUser(db, 'hiring_manager');
    const opening = await makeOpening(db, { title: 'Cohorts', hiringManagerId: manager.id });
    const days = ['2025-12-31', '2026-01-01', '2026-01-10', '2026-01-31', '2026-02-15', '2026-03-01', '2026-03-05', '2026-03-31', '2026-04-01'];
    for (const day of days) {
      const applicationId = await insertApplication(db, { candidateId: await makeCandidate(db), openingId: opening.id, actorId: manager.id }, new Date(`${day}T12:00:00Z`));
      const moved = new Date(new Date(`${day}T12:00:00Z`).getTime() + 4 * 86_400_000);
      await updateApplication(db, applicationId, { stageId: opening.stages[1]!.id }, moved);
      await insertEvent(db, { applicationId, actorId: manager.id, kind: 'stage', stageId: opening.stages[1]!.id, status: null, note: '' }, moved);
    }
    const viewer = { id: manager.id, role: 'hiring_manager' as const };
    const count = async (from?: string, to?: string) => {
      const data = await loadPipeline(db, viewer, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
      const applications = data.positions.filter((p) => p.openingId === opening.id).reduce((s, p) => s + p.count, 0);
      const moves = data.stageDays.filter((d) => d.openingId === opening.id && d.position === 0).reduce((s, d) => s + d.count, 0);
      expect(moves).toBe(applications);
      expect(data.stageDays.filter((d) => d.openingId === opening.id && d.position === 0).every((d) => d.days === 4)).toBe(true);
      return applications;
    };
    const expected = (from = '0000-00-00', to = '9999-99-99') => days.filter((d) => d >= from && d <= to).length;
    const cases: [string | undefined, string | undefined][] = [
      [undefined, undefined],
      ['2026-01-01', '2026-03-31'],
      ['2026-01-10', '2026-03-05'],
      ['2026-01-02', '2026-01-30'],
      ['2026-01-31', '2026-03-01'],
      [undefined, '2026-01-10'],
      ['2026-03-02', undefined],
      ['2026-02-01', '2026-02-28'],
      ['2026-04-01', '2026-01-01'],
    ];
    for (const [from, to] of cases) expect({ from, to, n: await count(from, to) }).toEqual({ from, to, n: expected(from, to) });
  });
  it('when an application is sent back a stage, then the pipeline and sources still count it as having reached the later one', async () => {
    const db = ctx().db;
    const manager = await createUser(db, 'hiring_manager');
    const opening = await makeOpening(db, { title: 'Back and forth', hiringManagerId: manager.id });
    const candidateId = await makeCandidate(db, { source: 'agency' });
    const applicationId = await insertApplication(db, { candidateId, openingId: opening.id, actorId: manager.id }, new Date('2026-02-01T09:00:00Z'));
    for (const [index, day] of [[2, '2026-02-05'], [1, '2026-02-09']] as const) {
      const at = new Date(`${day}T09:00:00Z`);
      await updateApplication(db, applicationId, { stageId: opening.stages[index]!.id }, at);
      await insertEvent(db, { applicationId, actorId: manager.id, kind: 'stage', stageId: opening.stages[index]!.id, status: null, note: '' }, at);
    }
    const viewer = { id: manager.id, role: 'hiring_manager' as const };
    const pipeline = await loadPipeline(db, viewer, {});
    expect(pipeline.positions.filter((p) => p.openingId === opening.id)).toEqual([{ openingId: opening.id, position: 2, status: 'active', count: 1 }]);
    // Four days in the first stage, four in the third before going back; the second (current) is still open.
    expect(pipeline.stageDays.filter((d) => d.openingId === opening.id).sort((a, b) => a.position - b.position)).toEqual([
      { openingId: opening.id, position: 0, days: 4, count: 1 },
      { openingId: opening.id, position: 2, days: 4, count: 1 },
    ]);
    // The same, read from the applications for a partial month.
    const partial = await loadPipeline(db, viewer, { from: '2026-02-01', to: '2026-02-10' });
    expect(partial.positions.filter((p) => p.openingId === opening.id)).toEqual([{ openingId: opening.id, position: 2, status: 'active', count: 1 }]);
    expect((await loadSources(db, viewer)).positions).toEqual([{ source: 'agency', position: 2, status: 'active', count: 1 }]);
  });
  it('when several people add candidates and submit scorecards on one opening at the same time, then every write succeeds and the totals match the records', async () => {
    const db = ctx().db;
    const manager = await createUser(db, 'hiring_manager');
    const interviewer = await createUser(db, 'interviewer');
    const opening = await makeOpening(db, { title: 'Busy', hiringManagerId: manager.id });
    const rubric = await db.selectFrom('openings').select(['rubric_id', 'rubric_version']).where('id', '=', opening.id).executeTakeFirstOrThrow();
    const dims = (await findVersionDimensions(db, rubric.rubric_id, rubric.rubric_version))!;
    const interviews = [];
    for (let i = 0; i < 4; i += 1) interviews.push(await makeInterview(db, opening.id, [interviewer.id]));
    const candidates = [];
    for (let i = 0; i < 8; i += 1) candidates.push(await makeCandidate(db));
    // Each write in its own transaction, all at once: on PostgreSQL each takes the opening's key-share
    // lock (the application's foreign key) before rebuilding the opening's totals.
    await Promise.all([
      ...candidates.map((candidateId) => db.transaction().execute((trx) => insertApplication(trx, { candidateId, openingId: opening.id, actorId: manager.id }, new Date()))),
      ...interviews.map((i) =>
        db.transaction().execute((trx) =>
          saveScorecard(trx, { interviewId: i.interviewId, applicationId: i.applicationId, interviewerId: interviewer.id, rubricId: rubric.rubric_id, rubricVersion: rubric.rubric_version, status: 'submitted', content: { ratings: dims.map((d) => ({ key: d.key, rating: 2, evidence: 'e' })), keyTakeaways: '', recommendation: 'no' } }, new Date()),
        ),
      ),
    ]);
    const { kept, differing } = await totalsDifferingFromRecords(db, [opening.id]);
    expect(differing).toEqual([]);
    expect(kept.calibration_totals).toHaveLength(1);
    expect((await loadPipeline(db, { id: manager.id, role: 'hiring_manager' }, {})).positions.reduce((s, p) => s + p.count, 0)).toBe(12);
  });
  describe('when two writes meet on one opening', () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    /** Runs `first` in a transaction that holds on for a while after `first` has written, and `second` once it has. */
    async function overlapping(first: (trx: Kysely<Database>) => Promise<unknown>, then: (trx: Kysely<Database>) => Promise<unknown>, second: (trx: Kysely<Database>) => Promise<unknown>) {
      let written!: () => void;
      const wrote = new Promise<void>((resolve) => (written = resolve));
      return Promise.allSettled([
        ctx().db.transaction().execute(async (trx) => {
          await first(trx);
          written();
          await sleep(300);
          await then(trx);
        }),
        wrote.then(() => ctx().db.transaction().execute((trx) => second(trx))),
      ]);
    }

    it('then a decision and a status change on one application both go through (no deadlock)', async () => {
      const db = ctx().db;
      const interviewer = await createUser(db, 'interviewer');
      const opening = await makeOpening(db, { title: 'Decided while moved' });
      const { applicationId } = await makeInterview(db, opening.id, [interviewer.id]);
      const results = await overlapping(
        (trx) => insertDecision(trx, { applicationId, decision: 'hire', rationale: 'r', acknowledgements: {}, flags: [], weightedScore: 70, decidedBy: opening.hiringManagerId }, new Date()),
        async (trx) => {
          await updateApplication(trx, applicationId, { status: 'hired', statusReason: '' }, new Date());
          await insertEvent(trx, { applicationId, actorId: null, kind: 'decision', stageId: null, status: 'hired', note: 'r' }, new Date());
        },
        async (trx) => {
          await updateApplication(trx, applicationId, { status: 'withdrawn', statusReason: 'x' }, new Date());
          await insertEvent(trx, { applicationId, actorId: null, kind: 'status', stageId: null, status: 'withdrawn', note: 'x' }, new Date());
        },
      );
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
      expect((await totalsDifferingFromRecords(db, [opening.id])).differing).toEqual([]);
    });

    it('then a source edited while the candidate is added to another opening counts in both openings', async () => {
      const db = ctx().db;
      const manager = await createUser(db, 'hiring_manager');
      const [one, two] = [await makeOpening(db, { title: 'One', hiringManagerId: manager.id }), await makeOpening(db, { title: 'Two', hiringManagerId: manager.id })];
      const candidateId = await makeCandidate(db, { source: 'agency' });
      await insertApplication(db, { candidateId, openingId: one.id, actorId: manager.id }, new Date());
      const results = await overlapping(
        (trx) => insertApplication(trx, { candidateId, openingId: two.id, actorId: manager.id }, new Date()),
        async () => undefined,
        (trx) => updateCandidate(trx, candidateId, { name: 'Edited', email: `edited.${Date.now()}@example.test`, phone: '', linkedinUrl: '', source: 'referral', sourceDetail: '', notes: '' }, new Date()),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      const { kept, differing } = await totalsDifferingFromRecords(db, [one.id, two.id]);
      expect(differing).toEqual([]);
      expect(kept.source_totals!.join()).not.toContain('agency');
    });

    it('then a candidate erased while added to another opening leaves no trace in either opening', async () => {
      const db = ctx().db;
      const manager = await createUser(db, 'hiring_manager');
      const [one, two] = [await makeOpening(db, { title: 'One', hiringManagerId: manager.id }), await makeOpening(db, { title: 'Two', hiringManagerId: manager.id })];
      const candidateId = await makeCandidate(db);
      await insertApplication(db, { candidateId, openingId: one.id, actorId: manager.id }, new Date());
      const results = await overlapping(
        (trx) => insertApplication(trx, { candidateId, openingId: two.id, actorId: manager.id }, new Date()),
        async () => undefined,
        (trx) => deleteCandidateRows(trx, candidateId),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(await db.selectFrom('applications').select('id').where('candidate_id', '=', candidateId).execute()).toEqual([]);
      const { kept, differing } = await totalsDifferingFromRecords(db, [one.id, two.id]);
      expect(differing).toEqual([]);
      expect(kept.pipeline_totals).toEqual([]);
    });

    it('then a candidate erased just before being added to an opening is refused as gone, not with a database error', async () => {
      const db = ctx().db;
      const manager = await createUser(db, 'hiring_manager');
      const opening = await makeOpening(db, { title: 'Erased first', hiringManagerId: manager.id });
      const candidateId = await makeCandidate(db);
      const results = await overlapping(
        (trx) => deleteCandidateRows(trx, candidateId),
        async () => undefined,
        (trx) => insertApplication(trx, { candidateId, openingId: opening.id, actorId: manager.id }, new Date()),
      );
      expect(results[0]!.status).toBe('fulfilled');
      const second = results[1]!;
      expect(second.status === 'rejected' && second.reason instanceof ApplicationConflict && second.reason.reason).toBe('candidate_gone');
      expect(await db.selectFrom('applications').select('id').where('opening_id', '=', opening.id).execute()).toEqual([]);
      expect((await totalsDifferingFromRecords(db, [opening.id])).differing).toEqual([]);
    });

    it('then the same candidate added to one opening twice at once is added once, and the second is told so', async () => {
      const db = ctx().db;
      const manager = await createUser(db, 'hiring_manager');
      const opening = await makeOpening(db, { title: 'Added twice', hiringManagerId: manager.id });
      const candidateId = await makeCandidate(db);
      const add = (trx: Kysely<Database>) => insertApplication(trx, { candidateId, openingId: opening.id, actorId: manager.id }, new Date());
      const results = await overlapping(add, async () => undefined, add);
      expect(results[0]!.status).toBe('fulfilled');
      const second = results[1]!;
      expect(second.status === 'rejected' && second.reason instanceof ApplicationConflict && second.reason.reason).toBe('already_applied');
      expect(await db.selectFrom('applications').select('id').where('candidate_id', '=', candidateId).execute()).toHaveLength(1);
      expect((await totalsDifferingFromRecords(db, [opening.id])).differing).toEqual([]);
    });
  });
});
