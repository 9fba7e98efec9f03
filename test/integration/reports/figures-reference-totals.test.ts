import { addApplication, changeApplicationStatus, moveApplication } from '../../../src/candidates/applications.use-cases';
import { PIPELINE_EVENT_KINDS } from '../../../src/candidates/candidate';
import { recordDecision } from '../../../src/comparison/decisions.use-cases';
import { scheduleInterview } from '../../../src/interviews/interviews.use-cases';
import { listStages } from '../../../src/openings/openings.service';
import { buildPipelineReport } from '../../../src/reports/reports.service';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { createUser, signIn } from '../../helpers/web';
import { decisionInput, scoreInterview } from '../../helpers/writes';
import { exactMedian, ms, parseCsv, prng, round } from '../../helpers/reference';

const HOUR = 3_600_000;

/**
 * The pipeline's and the sources' summary figures (applications, candidates, hires, decisions, days
 * to decision, share reaching each stage, hire rate, mean score at decision) and calibration's
 * not-assessed share, mean rating, 1–4 distribution, focus rated, decided and matched decision,
 * recomputed from the raw rows by plain loops (exact medians, no totals) on seeded random data with decisions, and
 * compared with the app's CSVs.
 */
describeEachDialect('summary report figures against a reference recomputation', (ctx: () => TestContext) => {
  it('when candidates apply to several openings, move at random times and some are decided, then every summary figure matches the recomputation from the records', async () => {
    const db = ctx().db;
    const random = prng(20261201);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const manager = await createUser(db, 'hiring_manager', { name: 'Sum Manager' });
    const panel = [await createUser(db, 'interviewer', { name: 'Sum Ada' }), await createUser(db, 'interviewer', { name: 'Sum Ben' }), await createUser(db, 'interviewer', { name: 'Sum Cy' })];
    const deps = useCaseDeps(db, { clock: ctx().clock });
    const actor = actingAs(manager.id);
    const deciders = actingAs(manager.id, 'hiring_manager');
    const openings = [
      await makeOpening(db, { roleKey: 'ae', hiringManagerId: manager.id, title: 'Sum AE one' }),
      await makeOpening(db, { roleKey: 'ae', hiringManagerId: manager.id, title: 'Sum AE two' }),
      await makeOpening(db, { roleKey: 'sdr_outbound', hiringManagerId: manager.id, title: 'Sum SDR' }),
    ];
    const titles = new Map([[openings[0]!.id, 'Sum AE one'], [openings[1]!.id, 'Sum AE two'], [openings[2]!.id, 'Sum SDR']]);
    const people: number[] = [];
    for (let n = 0; n < 40; n += 1) {
      const opening = pick(openings);
      const stages = await listStages(db, opening.id, 'en');
      // Now and then a candidate already seen applies again, to another opening: candidates ≠ applications.
      const reuse = people.length > 0 && random() < 0.25 ? pick(people) : null;
      const candidateId = reuse ?? (await makeCandidate(db, { source: pick(['referral', 'inbound', 'outbound', 'agency', 'other'] as const) }));
      people.push(candidateId);
      const taken = await db.selectFrom('applications').select('id').where('candidate_id', '=', candidateId).where('opening_id', '=', opening.id).executeTakeFirst();
      if (taken) continue;
      const applicationId = await addApplication(deps, actor, candidateId, opening.id);
      let at = 0;
      const moves = Math.floor(random() * stages.length);
      for (let m = 0; m <= moves; m += 1) {
        ctx().clock.advance(Math.floor(random() * 150 * HOUR) + Math.floor(random() * HOUR));
        if (random() < 0.5) {
          const chosen = panel.filter(() => random() < 0.6);
          const interviewers = chosen.length > 0 ? chosen : [panel[0]!];
          const interviewId = await scheduleInterview(deps, actor, applicationId, { stageId: stages[Math.max(1, at)]!.id, scheduledAt: null, interviewerIds: interviewers.map((p) => p.id) });
          for (const person of interviewers) {
            ctx().clock.advance(Math.floor(random() * 50 * HOUR));
            await scoreInterview(deps, person.id, { interviewId, openingId: opening.id }, pick([1, 2, 3, 4, null]), 'submit', pick(['strong_no', 'no', 'yes', 'strong_yes']));
          }
        }
        if (m < moves) {
          at = Math.min(stages.length - 1, at + 1 + (random() < 0.15 ? 1 : 0));
          await moveApplication(deps, actor, applicationId, stages[at]!.id, 'en');
        }
      }
      ctx().clock.advance(Math.floor(random() * 48 * HOUR) + Math.floor(random() * HOUR));
      const ending = random();
      if (ending < 0.45) await recordDecision(deps, deciders, applicationId, decisionInput(random() < 0.5 ? 'hire' : 'no_hire'));
      else if (ending < 0.7) await changeApplicationStatus(deps, actor, applicationId, { status: pick(['rejected', 'withdrawn'] as const), reason: 'Seeded' });
    }

    /* The reference: raw rows, plain loops. -------------------------------------------------------- */
    const ids = openings.map((o) => o.id);
    const stageRows = await db.selectFrom('interview_stages').select(['id', 'opening_id', 'position']).where('opening_id', 'in', ids).execute();
    const apps = await db
      .selectFrom('applications')
      .innerJoin('candidates', 'candidates.id', 'applications.candidate_id')
      .select(['applications.id', 'applications.opening_id', 'applications.candidate_id', 'applications.status', 'applications.stage_id', 'applications.created_at', 'candidates.source'])
      .where('applications.opening_id', 'in', ids)
      .execute();
    const events = await db.selectFrom('application_events').select(['id', 'application_id', 'kind', 'stage_id', 'created_at']).where('application_id', 'in', apps.map((a) => a.id)).execute();
    const decisions = await db.selectFrom('decisions').select(['application_id', 'decision', 'weighted_score', 'decided_at']).where('application_id', 'in', apps.map((a) => a.id)).execute();
    const positionOf = new Map(stageRows.map((s) => [s.id, Number(s.position)]));
    const furthest = new Map<number, number>();
    for (const app of apps) {
      let best = app.stage_id === null ? 0 : positionOf.get(app.stage_id)!;
      for (const e of events) if (e.application_id === app.id && (e.kind === 'applied' || e.kind === 'stage') && e.stage_id !== null) best = Math.max(best, positionOf.get(e.stage_id)!);
      furthest.set(app.id, best);
    }
    const decisionOf = (appId: number) => decisions.find((d) => d.application_id === appId);
    // The data has what the figures are about: hires, refusals, scores recorded at decisions, reapplying candidates.
    expect(decisions.some((d) => d.decision === 'hire')).toBe(true);
    expect(decisions.some((d) => d.decision === 'no_hire')).toBe(true);
    expect(decisions.some((d) => d.weighted_score !== null)).toBe(true);
    expect(new Set(apps.map((a) => a.candidate_id)).size).toBeLessThan(apps.length);

    const agent = await signIn(ctx().app, manager.email);

    /* Pipeline: applications, median days to decision, decisions, hires, per opening and per role. */
    const pipelineCsv = parseCsv((await agent.get('/reports/pipeline/csv')).text);
    const ph = pipelineCsv[0]!;
    const summary = (mine: typeof apps) => {
      const days: number[] = [];
      let decided = 0;
      let hired = 0;
      for (const app of mine) {
        const d = decisionOf(app.id);
        if (!d) continue;
        decided += 1;
        if (d.decision === 'hire') hired += 1;
        days.push(Math.max(0, Math.floor((ms(d.decided_at) - ms(app.created_at)) / HOUR)) / 24);
      }
      return [String(mine.length), round(exactMedian(days), 2), String(decided), String(hired)];
    };
    const cellsOf = (line: string[]) => [line[2], line[ph.length - 3], line[ph.length - 2], line[ph.length - 1]];
    expect([ph[2], ph[ph.length - 3], ph[ph.length - 2], ph[ph.length - 1]]).toEqual(['Applications', 'Median days to decision', 'Decisions', 'Hires']);
    const roleNames = new Set<string>();
    for (const opening of openings) {
      const line = pipelineCsv.find((l) => l[0] === titles.get(opening.id))!;
      roleNames.add(line[1]!);
      expect([titles.get(opening.id), ...cellsOf(line)]).toEqual([titles.get(opening.id), ...summary(apps.filter((a) => a.opening_id === opening.id))]);
    }
    expect(roleNames.size).toBe(2);
    for (const role of roleNames) {
      const mine = openings.filter((o) => pipelineCsv.find((l) => l[0] === titles.get(o.id))![1] === role).map((o) => o.id);
      const line = pipelineCsv.find((l) => l[1] === role && !Array.from(titles.values()).includes(l[0]!))!;
      expect([role, ...cellsOf(line)]).toEqual([role, ...summary(apps.filter((a) => mine.includes(a.opening_id)))]);
    }
    // Stage by stage, per opening and per role (a role's two openings together): reached, median days in stage, still in.
    const stays = new Map<string, number[]>();
    for (const app of apps) {
      const own = events.filter((e) => e.application_id === app.id && (PIPELINE_EVENT_KINDS as readonly string[]).includes(e.kind)).sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id));
      own.forEach((e, i) => {
        const next = own[i + 1];
        if ((e.kind === 'applied' || e.kind === 'stage') && e.stage_id !== null && next) {
          const key = `${app.id}:${positionOf.get(e.stage_id)!}`;
          stays.set(key, [...(stays.get(key) ?? []), Math.max(0, Math.floor((ms(next.created_at) - ms(e.created_at)) / HOUR)) / 24]);
        }
      });
    }
    const stageWidth = Math.max(...openings.map((o) => stageRows.filter((s) => s.opening_id === o.id).length));
    // A position past the end of the role's plans is left blank, not zero.
    const stageCells = (mine: typeof apps, stages: number) => {
      const cells: string[] = [];
      for (let k = 0; k < stageWidth; k += 1) cells.push(k < stages ? String(mine.filter((a) => furthest.get(a.id)! >= k).length) : '');
      for (let k = 0; k < stageWidth; k += 1) cells.push(round(exactMedian(mine.flatMap((a) => stays.get(`${a.id}:${k}`) ?? [])), 2));
      for (let k = 0; k < stageWidth; k += 1) cells.push(k < stages ? String(mine.filter((a) => furthest.get(a.id) === k && a.status === 'active').length) : '');
      return cells;
    };
    for (const opening of openings) {
      const line = pipelineCsv.find((l) => l[0] === titles.get(opening.id))!;
      expect([titles.get(opening.id), ...line.slice(3, 3 + 3 * stageWidth)]).toEqual([titles.get(opening.id), ...stageCells(apps.filter((a) => a.opening_id === opening.id), stageRows.filter((r) => r.opening_id === opening.id).length)]);
    }
    const report = await buildPipelineReport(db, { id: manager.id, role: 'hiring_manager' }, {}, 'en');
    let pooled = false;
    for (const role of roleNames) {
      const mine = openings.filter((o) => pipelineCsv.find((l) => l[0] === titles.get(o.id))![1] === role).map((o) => o.id);
      if (mine.length > 1) pooled = true;
      const line = pipelineCsv.find((l) => l[1] === role && !Array.from(titles.values()).includes(l[0]!))!;
      const stages = Math.max(...mine.map((id) => stageRows.filter((r) => r.opening_id === id).length));
      expect([role, ...line.slice(3, 3 + 3 * stageWidth)]).toEqual([role, ...stageCells(apps.filter((a) => mine.includes(a.opening_id)), stages)]);
      // The page's stage-by-stage table of the role: did not pass, and the share that moved on (those still in left out).
      const row = report.roles.find((r) => r.name === role)!;
      const pooledApps = apps.filter((a) => mine.includes(a.opening_id));
      for (let k = 0; k < stages; k += 1) {
        const passed = pooledApps.filter((a) => furthest.get(a.id)! > k).length;
        const stopped = pooledApps.filter((a) => furthest.get(a.id) === k && a.status !== 'active').length;
        expect([role, k, row.didNotPass[k]]).toEqual([role, k, stopped]);
        if (k < stages - 1) expect([role, k, row.passThrough[k]]).toEqual([role, k, passed + stopped > 0 ? passed / (passed + stopped) : null]);
      }
    }
    expect(pooled).toBe(true);
    // Some time to decision falls off the whole day.
    expect(decisions.some((d) => (ms(d.decided_at) - ms(apps.find((a) => a.id === d.application_id)!.created_at)) % (24 * HOUR) !== 0)).toBe(true);

    /* Sources: candidates, applications, share reaching each stage, hires, hire rate, mean score at decision. */
    const sourcesCsv = parseCsv((await agent.get('/reports/sources/csv')).text);
    const sh = sourcesCsv[0]!;
    const width = Math.max(...stageRows.map((s) => Number(s.position)));
    const reachedColumns = sh.map((h, i) => (h.startsWith('Reached ') && h !== 'Reached reference check' && !h.startsWith('Reached reference check (') ? i : -1)).filter((i) => i >= 0);
    expect(reachedColumns.length).toBe(width);
    for (const [source, label] of [['referral', 'Referral'], ['inbound', 'Inbound'], ['outbound', 'Outbound sourcing'], ['agency', 'Agency'], ['other', 'Other']] as const) {
      const mine = apps.filter((a) => a.source === source);
      const candidates = new Set(mine.map((a) => a.candidate_id)).size;
      const hires = mine.filter((a) => a.status === 'hired').length;
      const scores: number[] = [];
      for (const a of mine) {
        const d = decisionOf(a.id);
        if (d && d.weighted_score !== null) scores.push(Number(d.weighted_score));
      }
      const reached: string[] = [];
      for (let k = 1; k <= width; k += 1) reached.push(mine.length > 0 ? round(mine.filter((a) => furthest.get(a.id)! >= k).length / mine.length, 3) : '');
      const line = sourcesCsv.find((l) => l[0] === label)!;
      expect([label, line[sh.indexOf('Candidates')], line[sh.indexOf('Applications')], ...reachedColumns.map((i) => line[i]), line[sh.indexOf('Hires')], line[sh.indexOf('Hire rate')], line[sh.indexOf('Score at decision')]]).toEqual([
        label,
        String(candidates),
        String(mine.length),
        ...reached,
        String(hires),
        mine.length > 0 ? round(hires / mine.length, 3) : '',
        scores.length > 0 ? round(scores.reduce((s, v) => s + v, 0) / scores.length, 1) : '',
      ]);
    }

    /* Calibration: not assessed, mean rating, 1–4 distribution, focus rated, decided and agreed. --- */
    const cards = await db
      .selectFrom('scorecards')
      .innerJoin('interviews', 'interviews.id', 'scorecards.interview_id')
      .innerJoin('interview_stages', 'interview_stages.id', 'interviews.stage_id')
      .select(['scorecards.id', 'scorecards.interviewer_id', 'scorecards.application_id', 'scorecards.recommendation', 'interview_stages.focus'])
      .where('scorecards.status', '=', 'submitted')
      .where('scorecards.application_id', 'in', apps.map((a) => a.id))
      .execute();
    const ratingRows = await db.selectFrom('scorecard_ratings').select(['scorecard_id', 'dimension_key', 'rating']).where('scorecard_id', 'in', cards.map((c) => c.id)).execute();
    const calibrationCsv = parseCsv((await agent.get('/reports/calibration/csv')).text);
    const ch = calibrationCsv[0]!;
    expect(ch.slice(3, 9).concat(ch.slice(14, 17))).toEqual(['Not assessed', 'Mean rating', '1', '2', '3', '4', 'Focus rated', 'Decided', 'Matched decision']);
    let focusSeen = false;
    for (const person of panel) {
      const distribution = [0, 0, 0, 0];
      let notAssessed = 0;
      let focusExpected = 0;
      let focusRated = 0;
      let decided = 0;
      let agreed = 0;
      for (const card of cards) {
        if (card.interviewer_id !== person.id) continue;
        const focus = JSON.parse(card.focus) as string[];
        focusExpected += focus.length;
        for (const r of ratingRows) {
          if (r.scorecard_id !== card.id) continue;
          if (r.rating === null) notAssessed += 1;
          else {
            distribution[Number(r.rating) - 1]! += 1;
            if (focus.includes(r.dimension_key)) focusRated += 1;
          }
        }
        const d = decisionOf(card.application_id);
        if (d && card.recommendation !== null) {
          decided += 1;
          if ((d.decision === 'hire') === (card.recommendation === 'yes' || card.recommendation === 'strong_yes')) agreed += 1;
        }
      }
      if (focusRated > 0) focusSeen = true;
      const rated = distribution.reduce((s, c) => s + c, 0);
      const line = calibrationCsv.find((l) => l[0] === person.name)!;
      expect([person.name, ...line.slice(3, 9), ...line.slice(14, 17)]).toEqual([
        person.name,
        rated + notAssessed > 0 ? round(notAssessed / (rated + notAssessed), 3) : '',
        rated > 0 ? round(distribution.reduce((s, c, i) => s + c * (i + 1), 0) / rated, 2) : '',
        ...distribution.map(String),
        focusExpected > 0 ? round(Math.min(1, focusRated / focusExpected), 3) : '',
        String(decided),
        String(agreed),
      ]);
      // Both sides of agreement occur in the data.
      expect([person.name, decided > agreed, agreed > 0]).toEqual([person.name, true, true]);
    }
    expect(focusSeen).toBe(true);
  });
});
