import { insertPlanTasks, markPlanTaskDone } from '../../../src/onboarding/onboarding.repository';
import { addDays, daysBetween, TRACKS } from '../../../src/onboarding/plan';
import { makeOpening } from '../../helpers/hiring';
import { reviewedHire, scoredApplication } from '../../helpers/reports';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { createUser, signIn } from '../../helpers/web';
import { exactMedian, parseCsv, prng, round } from '../../helpers/reference';


const TRACK_LABELS: Record<string, string> = { company: 'Company & culture', product: 'Product immersion', customer_success: 'Customer success', sales_development: 'Sales development (SDR shadowing)', role: 'Your role' };

/**
 * Every figure of the onboarding report (plans by state, days to completion by role, days to finish
 * each track, tasks overdue or done late) and the sources' mean 90-day review with its count,
 * recomputed from the raw plan and task rows by plain loops (exact medians) on seeded random plans,
 * and compared with the app's CSVs.
 */
describeEachDialect('onboarding report figures against a reference recomputation', (ctx: () => TestContext) => {
  it('when plans start on random days with tasks due, done on time, done late or not done, some signed off, then every onboarding figure matches the recomputation from the records', async () => {
    const db = ctx().db;
    const random = prng(20261202);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const manager = await createUser(db, 'hiring_manager', { name: 'Onb Manager' });
    const other = await createUser(db, 'hiring_manager', { name: 'Onb Other' });
    const panel = [await createUser(db, 'interviewer', { name: 'Onb Ada' }), await createUser(db, 'interviewer', { name: 'Onb Ben' })];
    const openings = [await makeOpening(db, { roleKey: 'ae', hiringManagerId: manager.id, title: 'Onb AE' }), await makeOpening(db, { roleKey: 'sdr_outbound', hiringManagerId: manager.id, title: 'Onb SDR' })];
    const theirs = await makeOpening(db, { roleKey: 'ae', hiringManagerId: other.id, title: 'Onb elsewhere' });
    const today = ctx().clock.now().toISOString().slice(0, 10);
    const titles = ['Meet the founders', 'Product demo', 'Shadow a call', 'Call three customers', 'Read the playbook'];
    const task = { description: '', ownerRole: 'new_hire' as const, signOff: 'none' as const, evidenceRequired: false, required: true, kind: 'task' as const };
    for (let n = 0; n < 18; n += 1) {
      const opening = n === 17 ? theirs : pick(openings);
      const roleId = (await db.selectFrom('openings').select('role_id').where('id', '=', opening.id).executeTakeFirstOrThrow()).role_id;
      const app = await scoredApplication(db, opening.id, panel.map((p) => p.id), [pick([1, 2, 3, 4]), pick([1, 2, 3, 4])]);
      await db.updateTable('candidates').set({ source: pick(['referral', 'inbound', 'outbound', 'agency', 'other'] as const) }).where('id', '=', app.candidateId).execute();
      const planId = await reviewedHire(db, app.applicationId, { roleId, managerId: opening === theirs ? other.id : manager.id, review: pick([1, 2, 3, 4, null] as const), weightedScore: Math.floor(random() * 101) });
      const start = addDays(today, -Math.floor(random() * 80));
      await db.updateTable('onboarding_plans').set({ start_date: start }).where('id', '=', planId).execute();
      const count = Math.floor(random() * 5);
      const chosen = titles.filter(() => random() < 0.6).slice(0, count);
      await insertPlanTasks(db, planId, chosen.map((title, i) => ({ ...task, track: pick(TRACKS), title, dueDay: 1 + i, position: i + 1, dueDate: addDays(start, Math.floor(random() * 90)) })));
      const rows = await db.selectFrom('onboarding_plan_tasks').select(['id', 'due_date']).where('plan_id', '=', planId).execute();
      let allDone = rows.length > 0;
      for (const row of rows) {
        const roll = random();
        if (roll < 0.65) {
          const done = addDays(row.due_date, Math.floor(random() * 12) - 6);
          await markPlanTaskDone(db, row.id, { by: manager.id, note: null, fileId: null }, new Date(`${done < today ? done : today}T${String(Math.floor(random() * 24)).padStart(2, '0')}:30:00.000Z`));
        } else allDone = false;
      }
      if (allDone && random() < 0.7) await db.updateTable('onboarding_plans').set({ completed_at: `${addDays(start, Math.floor(random() * 90))}T12:00:00.000Z` }).where('id', '=', planId).execute();
    }

    /* The reference: raw rows, plain loops. -------------------------------------------------------- */
    const plans = await db.selectFrom('onboarding_plans').innerJoin('sales_roles', 'sales_roles.id', 'onboarding_plans.role_id').select(['onboarding_plans.id', 'onboarding_plans.manager_id', 'onboarding_plans.start_date', 'onboarding_plans.completed_at', 'onboarding_plans.review_rating', 'onboarding_plans.application_id', 'sales_roles.name']).execute();
    const mine = plans.filter((p) => p.manager_id === manager.id);
    const tasks = await db.selectFrom('onboarding_plan_tasks').select(['plan_id', 'track', 'title', 'due_date', 'done_at']).where('plan_id', 'in', mine.map((p) => p.id)).execute();
    const states = { on_track: 0, late: 0, complete: 0 };
    for (const plan of mine) {
      let overdue = 0;
      for (const t of tasks) if (t.plan_id === plan.id && t.done_at === null && t.due_date < today) overdue += 1;
      if (plan.completed_at !== null) states.complete += 1;
      else if (overdue > 0) states.late += 1;
      else states.on_track += 1;
    }
    const expected: string[][] = [['Plans by status', 'Plans'], ['On track', String(states.on_track)], ['Late', String(states.late)], ['Complete', String(states.complete)], [''], ['Role', 'Plans', 'Completed', 'Median days']];
    for (const role of [...new Set(mine.map((p) => p.name))].sort((a, b) => a.localeCompare(b))) {
      const days: number[] = [];
      let count = 0;
      for (const plan of mine) {
        if (plan.name !== role) continue;
        count += 1;
        if (plan.completed_at !== null) days.push(daysBetween(plan.start_date, plan.completed_at.slice(0, 10)));
      }
      expected.push([role, String(count), String(days.length), days.length > 0 ? String(exactMedian(days)) : '']);
    }
    expected.push([''], ['Track', 'Plans', 'Completed', 'Median days']);
    for (const track of TRACKS) {
      const days: number[] = [];
      let count = 0;
      for (const plan of mine) {
        const own = tasks.filter((t) => t.plan_id === plan.id && t.track === track);
        if (own.length === 0) continue;
        count += 1;
        if (own.every((t) => t.done_at !== null)) {
          let last = own[0]!.done_at!;
          for (const t of own) if (t.done_at! > last) last = t.done_at!;
          days.push(Math.max(0, daysBetween(plan.start_date, last.slice(0, 10))));
        }
      }
      if (count > 0) expected.push([TRACK_LABELS[track]!, String(count), String(days.length), days.length > 0 ? String(exactMedian(days)) : '']);
    }
    expected.push([''], ['Task', 'Overdue or done late', 'Of plans with it']);
    // The most often late first, then by title; at most ten.
    const overdueRows: [string, number, number][] = [];
    for (const title of [...new Set(tasks.map((t) => t.title))]) {
      let late = 0;
      let total = 0;
      for (const t of tasks) {
        if (t.title !== title) continue;
        total += 1;
        if ((t.done_at === null && t.due_date < today) || (t.done_at !== null && t.done_at.slice(0, 10) > t.due_date)) late += 1;
      }
      if (late > 0) overdueRows.push([title, late, total]);
    }
    overdueRows.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [title, late, total] of overdueRows.slice(0, 10)) expected.push([title, String(late), String(total)]);
    const agent = await signIn(ctx().app, manager.email);
    expect(parseCsv((await agent.get('/reports/onboarding/csv')).text)).toEqual(expected);
    // The data has what the figures are about: every state, tasks done late and on time, another manager's plan left out.
    expect([states.on_track > 0, states.late > 0, states.complete > 0]).toEqual([true, true, true]);
    expect(tasks.some((t) => t.done_at !== null && t.done_at.slice(0, 10) > t.due_date) && tasks.some((t) => t.done_at !== null && t.done_at.slice(0, 10) <= t.due_date)).toBe(true);
    expect(plans.length).toBeGreaterThan(mine.length);

    /* Sources: the mean 90-day review of hires and how many it is over. ----------------------------- */
    const apps = await db.selectFrom('applications').innerJoin('candidates', 'candidates.id', 'applications.candidate_id').select(['applications.id', 'applications.opening_id', 'candidates.source']).execute();
    const sourcesCsv = parseCsv((await agent.get('/reports/sources/csv')).text);
    const sh = sourcesCsv[0]!;
    let reviewedAny = 0;
    for (const [source, label] of [['referral', 'Referral'], ['inbound', 'Inbound'], ['outbound', 'Outbound sourcing'], ['agency', 'Agency'], ['other', 'Other']] as const) {
      const reviews: number[] = [];
      for (const plan of plans) {
        const app = apps.find((a) => a.id === plan.application_id);
        if (!app || app.source !== source || !openings.some((o) => o.id === app.opening_id) || plan.review_rating === null) continue;
        reviews.push(Number(plan.review_rating));
      }
      reviewedAny += reviews.length;
      const line = sourcesCsv.find((l) => l[0] === label)!;
      expect([label, line[sh.indexOf('90-day review')], line[sh.indexOf('90-day review (n)')]]).toEqual([label, reviews.length > 0 ? round(reviews.reduce((s, v) => s + v, 0) / reviews.length, 2) : '', String(reviews.length)]);
    }
    expect(reviewedAny).toBeGreaterThan(0);
  });
});
