import { addApplication, changeApplicationStatus, moveApplication } from '../../../src/candidates/applications.use-cases';
import { PIPELINE_EVENT_KINDS } from '../../../src/candidates/candidate';
import { scheduleInterview } from '../../../src/interviews/interviews.use-cases';
import { listStages } from '../../../src/openings/openings.service';
import { buildPipelineReport } from '../../../src/reports/reports.service';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { createUser, signIn } from '../../helpers/web';
import { scoreInterview } from '../../helpers/writes';
import { exactMedian, ms, parseCsv, prng, round } from '../../helpers/reference';


/**
 * Every figure the pipeline, sources and calibration reports show for stays, work in progress,
 * reference checks and the panel, recomputed from the raw rows by plain loops (exact medians, no
 * totals), on seeded random data with times that fall anywhere in the hour, and compared with what
 * the app's CSVs and pipeline report give.
 */
describeEachDialect('report figures against a reference recomputation', (ctx: () => TestContext) => {
  it('when applications move at random times, some still active, and interviewers score some applications twice, then every figure matches the recomputation from the records', async () => {
    const db = ctx().db;
    const random = prng(20261130);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const manager = await createUser(db, 'hiring_manager', { name: 'Ref Manager' });
    const panel = [await createUser(db, 'interviewer', { name: 'Ref Ada' }), await createUser(db, 'interviewer', { name: 'Ref Ben' }), await createUser(db, 'interviewer', { name: 'Ref Cy' })];
    const deps = useCaseDeps(db, { clock: ctx().clock });
    const actor = actingAs(manager.id);
    const openings = [await makeOpening(db, { roleKey: 'ae', hiringManagerId: manager.id, title: 'Ref AE' }), await makeOpening(db, { roleKey: 'sdr_outbound', hiringManagerId: manager.id, title: 'Ref SDR' })];
    const HOUR = 3_600_000;
    for (let n = 0; n < 36; n += 1) {
      const opening = pick(openings);
      const stages = await listStages(db, opening.id, 'en');
      const applicationId = await addApplication(deps, actor, await makeCandidate(db, { source: pick(['referral', 'inbound', 'outbound', 'agency', 'other'] as const) }), opening.id);
      let at = 0;
      const moves = Math.floor(random() * stages.length);
      for (let m = 0; m <= moves; m += 1) {
        ctx().clock.advance(Math.floor(random() * 150 * HOUR) + Math.floor(random() * 3_600_000));
        if (random() < 0.5) {
          const interviewers = panel.filter(() => random() < 0.6);
          const chosen = interviewers.length > 0 ? interviewers : [panel[0]!];
          const interviewId = await scheduleInterview(deps, actor, applicationId, { stageId: stages[Math.max(1, at)]!.id, scheduledAt: null, interviewerIds: chosen.map((p) => p.id) });
          for (const person of chosen) {
            ctx().clock.advance(Math.floor(random() * 50 * HOUR));
            await scoreInterview(deps, person.id, { interviewId, openingId: opening.id }, pick([1, 2, 3, 4, null]));
          }
        }
        if (m < moves) {
          at = Math.min(stages.length - 1, at + 1 + (random() < 0.15 ? 1 : 0));
          await moveApplication(deps, actor, applicationId, stages[at]!.id, 'en');
        }
      }
      ctx().clock.advance(Math.floor(random() * 48 * HOUR));
      if (random() < 0.6) await changeApplicationStatus(deps, actor, applicationId, { status: pick(['rejected', 'withdrawn'] as const), reason: 'Seeded' });
    }

    /* The reference: raw rows, plain loops. -------------------------------------------------------- */
    const ids = openings.map((o) => o.id);
    const stageRows = await db.selectFrom('interview_stages').select(['id', 'opening_id', 'position', 'name', 'kind']).where('opening_id', 'in', ids).execute();
    const apps = await db.selectFrom('applications').innerJoin('candidates', 'candidates.id', 'applications.candidate_id').select(['applications.id', 'applications.opening_id', 'applications.status', 'applications.stage_id', 'candidates.source']).where('applications.opening_id', 'in', ids).execute();
    const events = await db.selectFrom('application_events').select(['id', 'application_id', 'kind', 'stage_id', 'created_at']).where('application_id', 'in', apps.map((a) => a.id)).execute();
    const positionOf = new Map(stageRows.map((s) => [s.id, Number(s.position)]));
    const furthest = new Map<number, number>();
    const stays = new Map<string, number[]>();
    for (const app of apps) {
      const own = events.filter((e) => e.application_id === app.id && (PIPELINE_EVENT_KINDS as readonly string[]).includes(e.kind)).sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id));
      let best: number | null = null;
      own.forEach((e, i) => {
        if ((e.kind === 'applied' || e.kind === 'stage') && e.stage_id !== null) {
          const position = positionOf.get(e.stage_id)!;
          best = best === null ? position : Math.max(best, position);
          const next = own[i + 1];
          if (next) {
            const key = `${app.opening_id}:${position}`;
            stays.set(key, [...(stays.get(key) ?? []), Math.max(0, Math.floor((ms(next.created_at) - ms(e.created_at)) / HOUR)) / 24]);
          }
        }
      });
      furthest.set(app.id, best ?? (app.stage_id === null ? 0 : positionOf.get(app.stage_id)!));
    }

    /* Pipeline: reached, still in stage, did not pass, pass-through, medians (report and CSV). ---- */
    const report = await buildPipelineReport(db, { id: manager.id, role: 'hiring_manager' }, {}, 'en');
    const agent = await signIn(ctx().app, manager.email);
    const pipelineCsv = parseCsv((await agent.get('/reports/pipeline/csv')).text);
    const header = pipelineCsv[0]!;
    const width = Math.max(...openings.map((o) => stageRows.filter((s) => s.opening_id === o.id).length));
    let checked = 0;
    for (const opening of openings) {
      const stages = stageRows.filter((s) => s.opening_id === opening.id).sort((a, b) => a.position - b.position);
      const mine = apps.filter((a) => a.opening_id === opening.id);
      const row = report.openings.find((r) => r.key === opening.id)!;
      const csv = pipelineCsv.find((l) => l[0] === (opening.id === openings[0]!.id ? 'Ref AE' : 'Ref SDR'))!;
      for (let k = 0; k < stages.length; k += 1) {
        const reached = mine.filter((a) => furthest.get(a.id)! >= k).length;
        const passed = mine.filter((a) => furthest.get(a.id)! >= k + 1).length;
        const stillIn = mine.filter((a) => furthest.get(a.id) === k && a.status === 'active').length;
        const didNotPass = mine.filter((a) => furthest.get(a.id) === k && a.status !== 'active').length;
        const median = exactMedian(stays.get(`${opening.id}:${k}`) ?? []);
        expect([k, row.reached[k], row.stillIn[k], row.didNotPass[k]]).toEqual([k, reached, stillIn, k === stages.length - 1 ? reached - stillIn : didNotPass]);
        if (k < stages.length - 1) expect([k, row.passThrough[k]]).toEqual([k, passed + didNotPass > 0 ? passed / (passed + didNotPass) : null]);
        expect([k, row.medianDaysInStage[k]]).toEqual([k, median]);
        // The CSV's stage columns go by position (names of both plans joined): reached, medians, still in.
        expect([header[3 + k]!.startsWith('Reached '), header[3 + width + k]!.startsWith('Median days in stage: '), header[3 + 2 * width + k]!.startsWith('Still in stage: ')]).toEqual([true, true, true]);
        expect([k, csv[3 + k], csv[3 + width + k], csv[3 + 2 * width + k]]).toEqual([k, String(reached), round(median, 2), String(stillIn)]);
        checked += 1;
      }
    }
    expect(checked).toBe(11);
    // The data has what the figures are about: stays off the whole day, and work in progress.
    expect([...stays.values()].flat().some((d) => d % 1 !== 0)).toBe(true);
    expect(apps.some((a) => a.status === 'active')).toBe(true);

    /* Sources: reached reference check, by the stage's kind. --------------------------------------- */
    const sourcesCsv = parseCsv((await agent.get('/reports/sources/csv')).text);
    const checkAt = new Map<number, number>();
    for (const s of stageRows) if (s.kind === 'reference_check') checkAt.set(s.opening_id, Math.min(checkAt.get(s.opening_id) ?? Infinity, Number(s.position)));
    for (const [source, label] of [['referral', 'Referral'], ['inbound', 'Inbound'], ['outbound', 'Outbound sourcing'], ['agency', 'Agency'], ['other', 'Other']] as const) {
      const mine = apps.filter((a) => a.source === source && checkAt.has(a.opening_id));
      const got = mine.filter((a) => furthest.get(a.id)! >= checkAt.get(a.opening_id)!).length;
      const line = sourcesCsv.find((l) => l[0] === label)!;
      expect([label, line[sourcesCsv[0]!.indexOf('Reached reference check')], line[sourcesCsv[0]!.indexOf('Reached reference check (n)')]]).toEqual([label, mine.length > 0 ? round(got / mine.length, 3) : '', String(mine.length)]);
    }

    /* Calibration: the rest of the panel without one's own ratings; time to submit to the minute. -- */
    const ratings = await db
      .selectFrom('scorecard_ratings')
      .innerJoin('scorecards', 'scorecards.id', 'scorecard_ratings.scorecard_id')
      .select(['scorecards.interviewer_id', 'scorecards.application_id', 'scorecard_ratings.dimension_key', 'scorecard_ratings.rating'])
      .where('scorecards.status', '=', 'submitted')
      .where('scorecards.application_id', 'in', apps.map((a) => a.id))
      .execute();
    const cards = await db
      .selectFrom('scorecards')
      .innerJoin('interviews', 'interviews.id', 'scorecards.interview_id')
      .select(['scorecards.interviewer_id', 'scorecards.submitted_at', 'interviews.scheduled_at', 'interviews.created_at'])
      .where('scorecards.status', '=', 'submitted')
      .where('scorecards.application_id', 'in', apps.map((a) => a.id))
      .execute();
    const calibrationCsv = parseCsv((await agent.get('/reports/calibration/csv')).text);
    const ch = calibrationCsv[0]!;
    let twice = false;
    for (const person of panel) {
      const pairs: { own: number; others: number }[] = [];
      for (const r of ratings) {
        if (r.interviewer_id !== person.id || r.rating === null) continue;
        const others = ratings.filter((o) => o.application_id === r.application_id && o.dimension_key === r.dimension_key && o.interviewer_id !== person.id && o.rating !== null).map((o) => Number(o.rating));
        if (others.length > 0) pairs.push({ own: Number(r.rating), others: others.reduce((s, v) => s + v, 0) / others.length });
        if (ratings.some((o) => o !== r && o.application_id === r.application_id && o.dimension_key === r.dimension_key && o.interviewer_id === person.id)) twice = true;
      }
      const minutes = cards.filter((c) => c.interviewer_id === person.id).map((c) => Math.max(0, Math.floor((ms(c.submitted_at!) - ms(c.scheduled_at ?? c.created_at)) / 60_000)));
      const line = calibrationCsv.find((l) => l[0] === person.name)!;
      const own = pairs.length > 0 ? pairs.reduce((s, p) => s + p.own, 0) / pairs.length : null;
      const others = pairs.length > 0 ? pairs.reduce((s, p) => s + p.others, 0) / pairs.length : null;
      const signed = (v: number | null) => (v === null ? '' : v < 0 ? `'${round(v, 2)}` : round(v, 2));
      expect([person.name, line[ch.indexOf('Scorecards')], line[ch.indexOf('Median time to submit (h)')], line[ch.indexOf('Shared ratings')], line[ch.indexOf('Own mean on shared ratings')], line[ch.indexOf('Rest of panel’s mean on them')], line[ch.indexOf('Difference')]]).toEqual([
        person.name,
        String(minutes.length),
        round(exactMedian(minutes) === null ? null : exactMedian(minutes)! / 60, 2),
        String(pairs.length),
        round(own, 2),
        round(others, 2),
        signed(own === null ? null : own - others!),
      ]);
    }
    // The data has an interviewer with two scorecards on one application and dimension.
    expect(twice).toBe(true);
  });
});
