import { recordDecision } from '../../../src/comparison/decisions.use-cases';
import { changeApplicationStatus, moveApplication } from '../../../src/candidates/applications.use-cases';
import type { DomainEvent } from '../../../src/events/domain-events';
import { type EventHandler, runInUnitOfWork, type UseCaseDeps } from '../../../src/events/unit-of-work';
import { readTotals } from '../../../src/reports/report-totals';
import type { TotalsKind } from '../../../src/reports/reports.events';
import { makeInterview, makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { createUser } from '../../helpers/web';
import { decisionInput, scoreInterview } from '../../helpers/writes';

describeEachDialect('use cases and domain events', (ctx: () => TestContext) => {
  /** Use-case dependencies that note every rebuild of report totals. */
  const counting = () => {
    const rebuilds: { kind: TotalsKind; openingIds: readonly number[] }[] = [];
    return { rebuilds, deps: useCaseDeps(ctx().db, { observeTotals: (kind, openingIds) => rebuilds.push({ kind, openingIds }) }) };
  };

  it('when a decision is recorded (the decision, the status change and the history line at once), then its opening’s totals are rebuilt once per kind', async () => {
    const db = ctx().db;
    const interviewer = await createUser(db, 'interviewer');
    const opening = await makeOpening(db);
    const interview = await makeInterview(db, opening.id, [interviewer.id]);
    await scoreInterview(useCaseDeps(db), interviewer.id, { ...interview, openingId: opening.id }, 3);
    const { rebuilds, deps } = counting();
    await recordDecision(deps, actingAs(opening.hiringManagerId, 'hiring_manager'), interview.applicationId, decisionInput('hire'));
    expect(rebuilds).toEqual([
      { kind: 'calibration', openingIds: [opening.id] },
      { kind: 'pipeline', openingIds: [opening.id] },
    ]);
  });

  it('when a stage move and a status change touch the pipeline, then each is one rebuild of the pipeline only, and a move to the same stage rebuilds nothing', async () => {
    const db = ctx().db;
    const opening = await makeOpening(db);
    const { applicationId } = await makeInterview(db, opening.id, [(await createUser(db, 'interviewer')).id]);
    const { rebuilds, deps } = counting();
    await moveApplication(deps, actingAs(1), applicationId, opening.stages[2]!.id, 'en');
    expect(rebuilds).toEqual([{ kind: 'pipeline', openingIds: [opening.id] }]);
    await moveApplication(deps, actingAs(1), applicationId, opening.stages[2]!.id, 'en');
    expect(rebuilds).toHaveLength(1);
    await changeApplicationStatus(deps, actingAs(1), applicationId, { status: 'withdrawn', reason: 'Took another offer' });
    expect(rebuilds).toEqual([
      { kind: 'pipeline', openingIds: [opening.id] },
      { kind: 'pipeline', openingIds: [opening.id] },
    ]);
  });

  it('when a use case fails after recording its events, then its rows, the totals and the audit log are as if it never ran', async () => {
    const db = ctx().db;
    const interviewer = await createUser(db, 'interviewer');
    const opening = await makeOpening(db);
    const interview = await makeInterview(db, opening.id, [interviewer.id]);
    await scoreInterview(useCaseDeps(db), interviewer.id, { ...interview, openingId: opening.id }, 3);
    const before = { totals: await readTotals(db, [opening.id]), audit: await db.selectFrom('audit_log').selectAll().execute(), decisions: await db.selectFrom('decisions').selectAll().execute() };
    const failing: EventHandler = {
      name: 'fails after the others',
      listensTo: ['DecisionRecorded'],
      handle: () => Promise.reject(new Error('mail server exploded')),
    };
    const deps: UseCaseDeps = { ...useCaseDeps(db), handlers: useCaseDeps(db).handlers.with(failing) };
    await expect(recordDecision(deps, actingAs(opening.hiringManagerId, 'hiring_manager'), interview.applicationId, decisionInput('hire'))).rejects.toThrow('mail server exploded');
    expect(await readTotals(db, [opening.id])).toEqual(before.totals);
    expect(await db.selectFrom('audit_log').selectAll().execute()).toEqual(before.audit);
    expect(await db.selectFrom('decisions').selectAll().execute()).toEqual(before.decisions);
    expect((await db.selectFrom('applications').select('status').where('id', '=', interview.applicationId).executeTakeFirstOrThrow()).status).toBe('active');
    // The same decision goes through once nothing fails: the failure left no half-done state in the way.
    await recordDecision(useCaseDeps(db), actingAs(opening.hiringManagerId, 'hiring_manager'), interview.applicationId, decisionInput('hire'));
    expect((await db.selectFrom('audit_log').select('action').where('subject_id', '=', interview.applicationId).where('action', '=', 'decision.record').execute()).length).toBe(1);
  });

  it('when one unit of work records several events, then each handler sees each of its events exactly once, in order, and none it does not listen to', async () => {
    const seen: Record<string, string[]> = { all: [], moves: [] };
    const recorder = (name: string, listensTo: EventHandler['listensTo']): EventHandler => ({
      name,
      listensTo,
      handle: async (_trx, events: readonly DomainEvent[]) => {
        seen[name]!.push(...events.map((e) => `${e.type}#${e.subject.id}`));
      },
    });
    const base = useCaseDeps(ctx().db);
    const deps: UseCaseDeps = { ...base, handlers: base.handlers.with(recorder('all', ['ApplicationMoved', 'ApplicationStatusChanged', 'CandidateEdited'])).with(recorder('moves', ['ApplicationMoved'])) };
    await runInUnitOfWork(deps, async (uow) => {
      uow.record({ type: 'ApplicationMoved', actorId: 1, subject: { type: 'application', id: 1 }, applicationId: 1, openingId: 999, stageId: 2 });
      uow.record({ type: 'ApplicationStatusChanged', actorId: 1, subject: { type: 'application', id: 1 }, applicationId: 1, openingId: 999, status: 'withdrawn' });
      uow.record({ type: 'ApplicationMoved', actorId: 1, subject: { type: 'application', id: 2 }, applicationId: 2, openingId: 999, stageId: 3 });
      uow.record({ type: 'TeamPlanSaved', actorId: 1, subject: { type: 'team_plan', id: 1 } });
    });
    expect(seen.all).toEqual(['ApplicationMoved#1', 'ApplicationStatusChanged#1', 'ApplicationMoved#2']);
    expect(seen.moves).toEqual(['ApplicationMoved#1', 'ApplicationMoved#2']);
  });

  it('when a unit of work records events, then the audit log keeps one row per event with actor, action, subject and counts, and nothing else', async () => {
    const db = ctx().db;
    const deps = useCaseDeps(db);
    const at = new Date('2026-03-04T05:06:07.000Z');
    const admin = await createUser(db, 'admin');
    await runInUnitOfWork({ ...deps, clock: { now: () => at } }, async (uow) => {
      uow.record({ type: 'CandidateErased', actorId: admin.id, subject: { type: 'candidate', id: 42 }, counts: { applications: 2, files: 1 }, candidateId: 42, openingIds: [] });
    });
    const row = await db.selectFrom('audit_log').selectAll().where('subject_type', '=', 'candidate').where('subject_id', '=', 42).executeTakeFirstOrThrow();
    expect({ ...row, id: 0 }).toEqual({ id: 0, actor_id: admin.id, action: 'candidate.erase', subject_type: 'candidate', subject_id: 42, detail: JSON.stringify({ applications: 2, files: 1 }), created_at: at.toISOString() });
  });
});
