import type { Kysely } from 'kysely';
import { changeApplicationStatus, moveApplication } from '../../../src/candidates/applications.use-cases';
import { editCandidate } from '../../../src/candidates/candidates.use-cases';
import { recordDecision, reopenDecision } from '../../../src/comparison/decisions.use-cases';
import type { Database } from '../../../src/db/database';
import type { EventHandler, UseCaseDeps } from '../../../src/events/unit-of-work';
import { listStages } from '../../../src/openings/openings.repository';
import { saveInterviewPlan } from '../../../src/openings/openings.use-cases';
import { eraseCandidate } from '../../../src/privacy/privacy.use-cases';
import { readTotals, totalsDifferingFromRecords } from '../../../src/reports/report-totals';
import { TOTALS_TABLES } from '../../../src/reports/totals-store';
import { loadCalibration, loadPipeline, loadSources } from '../../../src/reports/reports.repository';
import { runMaintenance } from '../../../src/maintenance';
import { NotFoundError, ValidationError } from '../../../src/shared/errors';
import { makeCandidate, makeInterview, makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { createUser } from '../../helpers/web';
import { applyCandidate, decisionInput, scoreInterview } from '../../helpers/writes';

const DAY = 86_400_000;
const candidateInput = (name: string, source: 'referral' | 'agency') => ({ name, email: `${name.toLowerCase()}.${Date.now()}@example.test`, phone: '', linkedinUrl: '', source, sourceDetail: source === 'referral' ? 'A friend' : '', notes: '' });

/** Use-case dependencies whose clock reads `at`. */
const at = (db: Kysely<Database>, when: Date | string) => useCaseDeps(db, { clock: { now: () => new Date(when) } });

describeEachDialect('report totals', (ctx: () => TestContext) => {
  it('when scorecards, decisions, moves, plans, sources and erasures change, then the kept totals always equal totals rebuilt from the records', async () => {
    const db = ctx().db;
    const deps = useCaseDeps(db);
    const panel = [await createUser(db, 'interviewer'), await createUser(db, 'interviewer')];
    const opening = await makeOpening(db, { title: 'Totals' });
    const other = await makeOpening(db, { title: 'Untouched' });
    const ids = [opening.id, other.id];
    const manager = actingAs(opening.hiringManagerId, 'hiring_manager');

    let before = await readTotals(db, ids);
    // Each change is one use case (one transaction, as the app makes them); totals are compared after it commits.
    const step = async (what: string, change: () => Promise<unknown>, expectChange = true) => {
      await change();
      const { kept, rebuilt } = await totalsDifferingFromRecords(db, ids);
      expect({ what, kept }).toEqual({ what, kept: rebuilt });
      if (expectChange) expect({ what, changed: JSON.stringify(kept) !== JSON.stringify(before) }).toEqual({ what, changed: true });
      before = kept;
    };

    const a = { ...(await makeInterview(db, opening.id, panel.map((p) => p.id))), openingId: opening.id };
    const b = { ...(await makeInterview(db, opening.id, panel.map((p) => p.id))), openingId: opening.id };
    await step('a draft counts nowhere', () => scoreInterview(deps, panel[0]!.id, a, 2, 'draft'), false);
    await step('a submission', () => scoreInterview(deps, panel[0]!.id, a, 2));
    await step('a second opinion on the same application', () => scoreInterview(deps, panel[1]!.id, a, 4));
    await step('an edit of a submitted scorecard', () => scoreInterview(deps, panel[0]!.id, a, 3));
    await step('a submission on another application', () => scoreInterview(deps, panel[1]!.id, b, null));
    await step('a decision', () => recordDecision(deps, manager, a.applicationId, decisionInput('hire')));
    await step('the decision reopened', () => reopenDecision(deps, manager, a.applicationId, { reason: 'Reference check pending' }));
    await step('a different decision after the reopening', () => recordDecision(deps, manager, a.applicationId, decisionInput('no_hire')));
    const later = new Date(Date.now() + 3 * DAY);
    await step('a stage move', () => moveApplication(at(db, later), actingAs(panel[0]!.id), b.applicationId, opening.stages[2]!.id, 'en'));
    await step('a status change', () => changeApplicationStatus(at(db, later), actingAs(panel[0]!.id), b.applicationId, { status: 'withdrawn', reason: 'Took another offer' }));
    const newcomer = await makeCandidate(db, { source: 'agency' });
    await step('a new application', () => applyCandidate(db, newcomer, opening.id, panel[0]!.id));
    await step('a candidate’s source edited', () => editCandidate({ ...deps, storage: ctx().storage }, actingAs(panel[0]!.id), b.candidateId, { candidate: candidateInput('Renamed', 'referral') }));
    const stages = await listStages(db, opening.id, 'en');
    await step('the plan reordered and its focus changed', () =>
      saveInterviewPlan(deps, actingAs(panel[0]!.id), opening.id, [stages[1]!, stages[0]!, ...stages.slice(2)].map((s, i) => ({ id: s.id, name: s.name, focus: i === 0 ? [] : s.focus, interviewerIds: s.interviewerIds, durationMinutes: s.durationMinutes }))),
    );
    await step('a candidate erased', () => eraseCandidate({ ...deps, storage: ctx().storage }, actingAs(panel[0]!.id), a.candidateId));
    // The other opening was never touched and holds nothing.
    expect(Object.values(await readTotals(db, [other.id])).flat()).toEqual([]);
  });

  it('when totals are marked stale (as after the upgrade that introduced them), then the next report rebuilds them first', async () => {
    const db = ctx().db;
    const panel = [await createUser(db, 'interviewer', { name: 'Stale Stan' })];
    const opening = await makeOpening(db, { title: 'Stale' });
    const interview = await makeInterview(db, opening.id, [panel[0]!.id]);
    await scoreInterview(useCaseDeps(db), panel[0]!.id, { ...interview, openingId: opening.id }, 3);
    const kept = await readTotals(db, [opening.id]);
    for (const table of TOTALS_TABLES) await db.deleteFrom(table).where('opening_id', '=', opening.id).execute();
    await db.insertInto('report_totals_stale').values({ opening_id: opening.id }).execute();

    const admin = { id: 0, role: 'admin' as const, independentFeedback: true };
    const calibration = await loadCalibration(db, admin);
    expect(calibration.interviewers.find((i) => i.interviewerId === panel[0]!.id)?.scorecards).toBe(1);
    expect(await readTotals(db, [opening.id])).toEqual(kept);
    expect(await db.selectFrom('report_totals_stale').selectAll().execute()).toEqual([]);
    // Every report that reads totals rebuilds first.
    await db.insertInto('report_totals_stale').values({ opening_id: opening.id }).execute();
    for (const table of TOTALS_TABLES) await db.deleteFrom(table).where('opening_id', '=', opening.id).execute();
    expect((await loadSources(db, admin, 'en')).positions.reduce((s, p) => s + p.count, 0)).toBeGreaterThan(0);
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
      const applicationId = await applyCandidate(db, await makeCandidate(db), opening.id, manager.id, at(db, `${day}T12:00:00Z`));
      const moved = new Date(new Date(`${day}T12:00:00Z`).getTime() + 4 * DAY);
      await moveApplication(at(db, moved), actingAs(manager.id), applicationId, opening.stages[1]!.id, 'en');
    }
    const viewer = { id: manager.id, role: 'hiring_manager' as const };
    const count = async (from?: string, to?: string) => {
      const data = await loadPipeline(db, viewer, { ...(from ? { from } : {}), ...(to ? { to } : {}) }, 'en');
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
    const applicationId = await applyCandidate(db, candidateId, opening.id, manager.id, at(db, '2026-02-01T09:00:00Z'));
    for (const [index, day] of [[2, '2026-02-05'], [1, '2026-02-09']] as const) {
      await moveApplication(at(db, `${day}T09:00:00Z`), actingAs(manager.id), applicationId, opening.stages[index]!.id, 'en');
    }
    const viewer = { id: manager.id, role: 'hiring_manager' as const };
    const pipeline = await loadPipeline(db, viewer, {}, 'en');
    expect(pipeline.positions.filter((p) => p.openingId === opening.id)).toEqual([{ openingId: opening.id, position: 2, status: 'active', count: 1 }]);
    // Four days in the first stage, four in the third before going back; the second (current) is still open.
    expect(pipeline.stageDays.filter((d) => d.openingId === opening.id).sort((a, b) => a.position - b.position)).toEqual([
      { openingId: opening.id, position: 0, days: 4, count: 1 },
      { openingId: opening.id, position: 2, days: 4, count: 1 },
    ]);
    // The same, read from the applications for a partial month.
    const partial = await loadPipeline(db, viewer, { from: '2026-02-01', to: '2026-02-10' }, 'en');
    expect(partial.positions.filter((p) => p.openingId === opening.id)).toEqual([{ openingId: opening.id, position: 2, status: 'active', count: 1 }]);
    expect((await loadSources(db, { ...viewer, independentFeedback: true }, 'en')).positions).toEqual([{ source: 'agency', openingId: opening.id, position: 2, status: 'active', count: 1 }]);
  });

  it('when several people add candidates and submit scorecards on one opening at the same time, then every write succeeds and the totals match the records', async () => {
    const db = ctx().db;
    const deps = useCaseDeps(db);
    const manager = await createUser(db, 'hiring_manager');
    const interviewer = await createUser(db, 'interviewer');
    const opening = await makeOpening(db, { title: 'Busy', hiringManagerId: manager.id });
    const interviews = [];
    for (let i = 0; i < 4; i += 1) interviews.push({ ...(await makeInterview(db, opening.id, [interviewer.id])), openingId: opening.id });
    const candidates = [];
    for (let i = 0; i < 8; i += 1) candidates.push(await makeCandidate(db));
    // All at once, each in its own unit of work: on PostgreSQL they queue at the opening's row.
    await Promise.all([...candidates.map((candidateId) => applyCandidate(db, candidateId, opening.id, manager.id)), ...interviews.map((i) => scoreInterview(deps, interviewer.id, i, 2, 'submit', 'no'))]);
    const { kept, differing } = await totalsDifferingFromRecords(db, [opening.id]);
    expect(differing).toEqual([]);
    expect(kept.calibration_totals).toHaveLength(1);
    expect((await loadPipeline(db, { id: manager.id, role: 'hiring_manager' }, {}, 'en')).positions.reduce((s, p) => s + p.count, 0)).toBe(12);
  });

  describe('when two writes meet on one opening', () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    /**
     * Runs `first` with a last event handler that, once the unit of work has written everything and
     * rebuilt its totals, holds its transaction (and its locks) for a while; `second` starts then.
     */
    async function overlapping(first: (deps: UseCaseDeps) => Promise<unknown>, second: (deps: UseCaseDeps) => Promise<unknown>) {
      let written!: () => void;
      const wrote = new Promise<void>((resolve) => (written = resolve));
      const deps = useCaseDeps(ctx().db);
      const hold: EventHandler = {
        name: 'hold the transaction',
        listensTo: ['ApplicationAdded', 'ApplicationStatusChanged', 'DecisionRecorded', 'CandidateEdited', 'CandidateErased'],
        async handle() {
          written();
          await sleep(300);
        },
      };
      return Promise.allSettled([first({ ...deps, handlers: deps.handlers.with(hold) }), wrote.then(() => second(deps))]);
    }

    it('then a decision and a status change on one application both go through (no deadlock)', async () => {
      const db = ctx().db;
      const interviewer = await createUser(db, 'interviewer');
      const opening = await makeOpening(db, { title: 'Decided while moved' });
      const { applicationId } = await makeInterview(db, opening.id, [interviewer.id]);
      const results = await overlapping(
        (deps) => recordDecision(deps, actingAs(opening.hiringManagerId, 'hiring_manager'), applicationId, decisionInput('hire')),
        (deps) => changeApplicationStatus(deps, actingAs(interviewer.id), applicationId, { status: 'withdrawn', reason: 'x' }),
      );
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
      expect((await totalsDifferingFromRecords(db, [opening.id])).differing).toEqual([]);
    });

    it('then a source edited while the candidate is added to another opening counts in both openings', async () => {
      const db = ctx().db;
      const manager = await createUser(db, 'hiring_manager');
      const [one, two] = [await makeOpening(db, { title: 'One', hiringManagerId: manager.id }), await makeOpening(db, { title: 'Two', hiringManagerId: manager.id })];
      const candidateId = await makeCandidate(db, { source: 'agency' });
      await applyCandidate(db, candidateId, one.id, manager.id);
      const results = await overlapping(
        (deps) => applyCandidate(db, candidateId, two.id, manager.id, deps),
        (deps) => editCandidate({ ...deps, storage: ctx().storage }, actingAs(manager.id), candidateId, { candidate: candidateInput('Edited', 'referral') }),
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
      await applyCandidate(db, candidateId, one.id, manager.id);
      const results = await overlapping(
        (deps) => applyCandidate(db, candidateId, two.id, manager.id, deps),
        (deps) => eraseCandidate({ ...deps, storage: ctx().storage }, actingAs(manager.id), candidateId),
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
      await applyCandidate(db, candidateId, (await makeOpening(db, { title: 'Where they were', hiringManagerId: manager.id })).id, manager.id);
      const results = await overlapping(
        (deps) => eraseCandidate({ ...deps, storage: ctx().storage }, actingAs(manager.id), candidateId),
        (deps) => applyCandidate(db, candidateId, opening.id, manager.id, deps),
      );
      expect(results[0]!.status).toBe('fulfilled');
      const second = results[1]!;
      expect(second.status === 'rejected' && second.reason instanceof NotFoundError).toBe(true);
      expect(await db.selectFrom('applications').select('id').where('opening_id', '=', opening.id).execute()).toEqual([]);
      expect((await totalsDifferingFromRecords(db, [opening.id])).differing).toEqual([]);
    });

    it('then the same candidate added to one opening twice at once is added once, and the second is told so', async () => {
      const db = ctx().db;
      const manager = await createUser(db, 'hiring_manager');
      const opening = await makeOpening(db, { title: 'Added twice', hiringManagerId: manager.id });
      const candidateId = await makeCandidate(db);
      const add = (deps: UseCaseDeps) => applyCandidate(db, candidateId, opening.id, manager.id, deps);
      const results = await overlapping(add, add);
      expect(results[0]!.status).toBe('fulfilled');
      const second = results[1]!;
      expect(second.status === 'rejected' && second.reason instanceof ValidationError && second.reason.fieldErrors.opening_id).toBe('applications.error.opening');
      expect(await db.selectFrom('applications').select('id').where('candidate_id', '=', candidateId).execute()).toHaveLength(1);
      expect((await totalsDifferingFromRecords(db, [opening.id])).differing).toEqual([]);
    });
  });
});
