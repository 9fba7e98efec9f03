import type { KyselyPlugin } from 'kysely';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../../src/app';
import { addApplication } from '../../../src/candidates/applications.use-cases';
import { scheduleInterview, submitScorecard } from '../../../src/interviews/interviews.use-cases';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { queryCounter } from '../../helpers/query-count';
import { joinWidths, statementTables } from '../../helpers/query-shape';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { type Agent, createUser, csrfToken, signIn } from '../../helpers/web';

const HOUR = 3_600_000;

/** The part of a page inside one home card, found by its heading's id. */
function card(page: string, headingId: string): string {
  const start = page.indexOf(`id="${headingId}"`);
  if (start < 0) return '';
  return page.slice(start, page.indexOf('</section>', start));
}

describeEachDialect('home: what needs me, per role', (ctx: () => TestContext) => {
  const deps = () => useCaseDeps(ctx().db, { clock: ctx().clock });
  const card3 = { mode: 'submit' as const, ratings: { sales_dna: { choice: '4', evidence: 'Verdict-evidence-71' }, discovery: { choice: 'na', evidence: '' } }, keyTakeaways: 'Verdict-takeaway-71', recommendation: 'strong_yes' };
  let manager: { id: number; email: string; name: string };
  let recruiter: { id: number; email: string; name: string };
  let ivan: { id: number; email: string; name: string };
  let olga: { id: number; email: string; name: string };
  let opening: Awaited<ReturnType<typeof makeOpening>>;
  let otherOpening: Awaited<ReturnType<typeof makeOpening>>;
  const ids: Record<string, number> = {};

  /** The app on this database, every statement of it seen by `plugin`. */
  function appWith(plugin: KyselyPlugin) {
    const { config, clock, storage } = ctx();
    return createApp({ config, db: ctx().db.withPlugin(plugin), logger: pino({ level: 'silent' }), clock, sessionSecret: 'test-secret-that-is-long-enough-for-sessions', storage });
  }
  async function application(name: string, on = opening): Promise<number> {
    return addApplication(deps(), actingAs(recruiter.id, 'recruiter'), await makeCandidate(ctx().db, { name }), on.id);
  }
  async function interview(applicationId: number, at: Date | null, panel: number[], stage = 1, on = opening): Promise<number> {
    return scheduleInterview(deps(), actingAs(recruiter.id, 'recruiter'), applicationId, { stageId: on.stages[stage]!.id, scheduledAt: at?.toISOString() ?? null, interviewerIds: panel });
  }

  beforeAll(async () => {
    manager = await createUser(ctx().db, 'hiring_manager', { name: 'Mara Manager' });
    recruiter = await createUser(ctx().db, 'recruiter', { name: 'Rolf Recruiter' });
    ivan = await createUser(ctx().db, 'interviewer', { name: 'Ivan Interviewer' });
    olga = await createUser(ctx().db, 'interviewer', { name: 'Olga Other' });
    opening = await makeOpening(ctx().db, { roleKey: 'ae', hiringManagerId: manager.id, title: 'AE Home' });
    otherOpening = await makeOpening(ctx().db, { roleKey: 'ae', title: 'AE Elsewhere' });
    await ctx().db.insertInto('opening_recruiters').values({ opening_id: opening.id, user_id: recruiter.id }).execute();
    const now = ctx().clock.now().getTime();
    // Ready: both held interviews scored. Waiting: Ivan owes, Olga submitted (her verdict must not reach Ivan through home).
    ids.ready = await application('Rita Ready');
    const readyInterview = await interview(ids.ready, null, [olga.id]);
    await submitScorecard(deps(), actingAs(olga.id, 'interviewer'), readyInterview, card3);
    ids.waiting = await application('Walter Waiting');
    ids.owed = await interview(ids.waiting, new Date(now - 3 * 24 * HOUR), [ivan.id, olga.id]);
    await submitScorecard(deps(), actingAs(olga.id, 'interviewer'), ids.owed, card3);
    // At her application's own stage: she is not among those with nothing scheduled.
    ids.upcoming = await interview(await application('Uma Upcoming'), new Date(now + 26 * HOUR), [ivan.id], 0);
    ids.unscheduled = await application('Ned Noninterview');
    // Someone else's opening: never on this manager's or recruiter's home.
    const elsewhere = await application('Elsa Elsewhere', otherOpening);
    await interview(elsewhere, new Date(now - 3 * 24 * HOUR), [olga.id], 1, otherOpening);
  });

  it('when an interviewer opens home, then it lists their next interview and the scorecard they owe with how late, and nothing of the panel’s verdicts', async () => {
    const agent = await signIn(ctx().app, ivan.email);
    const home = await agent.get('/');
    expect(home.status).toBe(200);
    const owed = card(home.text, 'owed-heading');
    expect(owed).toContain('Walter Waiting');
    expect(owed).toContain('overdue by 2 days');
    expect(owed).toContain(`href="/interviews/${ids.owed}"`);
    expect(card(home.text, 'next-heading')).toContain('Uma Upcoming');
    expect(home.text).not.toMatch(/Verdict-|Strong yes|Rita Ready|Ned Noninterview/);
    expect(home.text).not.toContain('id="ready-heading"');
    expect(home.text).not.toContain('id="overdue-heading"');
    // The navigation counts what they owe.
    expect(home.text).toMatch(/My interviews <span class="nav-count" aria-hidden="true">1<\/span><span class="visually-hidden"> \(1 scorecard to submit\)<\/span>/);
  });

  it('when the hiring manager opens home, then their openings’ ready applications, who owes feedback and this week’s new applications show; others’ openings do not', async () => {
    const agent = await signIn(ctx().app, manager.email);
    const home = await agent.get('/');
    const ready = card(home.text, 'ready-heading');
    expect(ready).toContain('Rita Ready');
    expect(ready).toContain(`href="/applications/${ids.ready}/summary"`);
    expect(ready).not.toContain('Walter Waiting');
    const waiting = card(home.text, 'waiting-heading');
    expect(waiting).toContain('Walter Waiting');
    expect(waiting).toContain('Ivan Interviewer owes a scorecard');
    expect(waiting).not.toContain('Olga Other owes');
    expect(card(home.text, 'openings-heading')).toContain('4 new applications this week');
    expect(home.text).not.toContain('Elsa Elsewhere');
    expect(home.text).not.toContain('AE Elsewhere');
    expect(home.text).not.toMatch(/Verdict-/);
  });

  it('when the recruiter opens home, then applications with nothing scheduled at their stage and overdue scorecards show, with a remind button that works once a day', async () => {
    const agent = await signIn(ctx().app, recruiter.email);
    const home = await agent.get('/');
    const unscheduled = card(home.text, 'unscheduled-heading');
    expect(unscheduled).toContain('Ned Noninterview');
    expect(unscheduled).not.toContain('Uma Upcoming');
    const overdue = card(home.text, 'overdue-heading');
    expect(overdue).toContain('Ivan Interviewer owes a scorecard');
    expect(overdue).not.toContain('Elsa Elsewhere');
    const token = await csrfToken(agent, '/');
    const remind = () => agent.post(`/interviews/${ids.owed}/remind`).type('form').send({ _csrf: token, interviewer_id: String(ivan.id) });
    const first = await remind();
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const after = await agent.get('/');
    expect(after.text).toContain('Reminder sent to Ivan Interviewer.');
    expect(card(after.text, 'overdue-heading')).toMatch(/Last reminder: /);
    expect(card(after.text, 'overdue-heading')).toMatch(/<button type="submit" class="secondary outline" disabled/);
    const messages = await ctx().db.selectFrom('outbox_messages').select('text_body').where('recipient_user_id', '=', ivan.id).where('kind', '=', 'scorecard_reminder').execute();
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text_body).toContain('Rolf Recruiter asked us to remind you.');
    expect((await remind()).status).toBe(303);
    expect((await agent.get('/')).text).toContain('A reminder went to them less than a day ago');
    expect(await ctx().db.selectFrom('outbox_messages').select('id').where('recipient_user_id', '=', ivan.id).where('kind', '=', 'scorecard_reminder').execute()).toHaveLength(1);
    // A minute short of a day after it, still refused; a day after it, again.
    const sentAt = (ms: number) => ctx().db.updateTable('reminders').set({ sent_at: new Date(ctx().clock.now().getTime() - ms).toISOString() }).where('subject_id', '=', ids.owed!).where('user_id', '=', ivan.id).execute();
    await sentAt(24 * HOUR - 60_000);
    expect((await remind()).status).toBe(303);
    expect(await ctx().db.selectFrom('outbox_messages').select('id').where('recipient_user_id', '=', ivan.id).where('kind', '=', 'scorecard_reminder').execute()).toHaveLength(1);
    await sentAt(24 * HOUR);
    expect((await remind()).status).toBe(303);
    expect(await ctx().db.selectFrom('outbox_messages').select('id').where('recipient_user_id', '=', ivan.id).where('kind', '=', 'scorecard_reminder').execute()).toHaveLength(2);
  });

  it('when an interviewer presses remind, or anyone reminds about a submitted scorecard, then nothing goes', async () => {
    const agent = await signIn(ctx().app, olga.email);
    const token = await csrfToken(agent, '/');
    expect((await agent.post(`/interviews/${ids.owed}/remind`).type('form').send({ _csrf: token, interviewer_id: String(ivan.id) })).status).toBe(403);
    const rec = await signIn(ctx().app, recruiter.email);
    const recToken = await csrfToken(rec, '/');
    expect((await rec.post(`/interviews/${ids.owed}/remind`).type('form').send({ _csrf: recToken, interviewer_id: String(olga.id) })).status).toBe(303);
    expect((await rec.get('/')).text).toContain('Their scorecard is already in.');
    expect((await rec.post(`/interviews/${ids.upcoming}/remind`).type('form').send({ _csrf: recToken, interviewer_id: String(ivan.id) })).status).toBe(303);
    expect((await rec.get('/')).text).toContain('The interview has not started yet.');
    expect((await rec.post('/interviews/999999/remind').type('form').send({ _csrf: recToken, interviewer_id: String(ivan.id) })).status).toBe(404);
    expect(await ctx().db.selectFrom('outbox_messages').select('id').where('recipient_user_id', '=', olga.id).where('kind', '=', 'scorecard_reminder').execute()).toEqual([]);
  });

  it('when the interview was recorded without a time, then a reminder still goes and says so', async () => {
    const rec = await signIn(ctx().app, recruiter.email);
    const untimed = await interview(await application('Tim Untimed'), null, [ivan.id], 0);
    const token = await csrfToken(rec, '/');
    expect((await rec.post(`/interviews/${untimed}/remind`).type('form').send({ _csrf: token, interviewer_id: String(ivan.id) })).status).toBe(303);
    const [message] = await ctx().db.selectFrom('outbox_messages').select('text_body').where('recipient_user_id', '=', ivan.id).where('kind', '=', 'scorecard_reminder').where('text_body', 'like', '%Tim Untimed%').execute();
    expect(message!.text_body).toContain('time not set');
  });

  it('when a new hire signs in, then home takes them to their checklist', async () => {
    const hire = await createUser(ctx().db, 'new_hire');
    const agent = await signIn(ctx().app, hire.email);
    const res = await agent.get('/');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/onboarding');
  });

  it('when home is opened, then each role’s home takes a fixed number of queries, however many rows it lists (an admin’s owed scorecards are read once, and the navigation’s count is the page’s own)', async () => {
    const queries = queryCounter();
    const counted = appWith(queries.plugin);
    const admin = await createUser(ctx().db, 'admin');
    const people = { admin, hiring_manager: manager, recruiter, interviewer: ivan };
    const agents = Object.fromEntries(await Promise.all(Object.entries(people).map(async ([role, person]) => [role, await signIn(counted, person.email)] as const)));
    const count = async () => {
      const counts: Record<string, number> = {};
      for (const [role, agent] of Object.entries(agents)) {
        queries.reset();
        expect((await agent.get('/')).status).toBe(200);
        counts[role] = queries.count;
      }
      return counts;
    };
    await count();
    const few = await count();
    // More of everything home lists: owed scorecards, upcoming interviews, applications with nothing scheduled.
    const now = ctx().clock.now().getTime();
    for (let i = 0; i < 3; i += 1) {
      await interview(await application(`Quinn Counted${i}`), new Date(now - (i + 2) * 24 * HOUR), [ivan.id]);
      await interview(await application(`Una Counted${i}`), new Date(now + (i + 2) * 24 * HOUR), [ivan.id], 0);
      await application(`Ned Counted${i}`);
    }
    expect(await count()).toEqual(few);
    expect(few).toEqual({ admin: 16, hiring_manager: 13, recruiter: 12, interviewer: 8 });
  });

  it('when home or My interviews is opened, then none of their statements joins more than four tables (PostgreSQL plans each statement anew, and planning a join of seven took it 2–6 ms)', async () => {
    const widths = joinWidths();
    const shaped = appWith(widths.plugin);
    const admin = await createUser(ctx().db, 'admin');
    const people = { admin, hiring_manager: manager, recruiter, interviewer: ivan };
    const widest: Record<string, number> = {};
    for (const [role, person] of Object.entries(people)) {
      const agent = await signIn(shaped, person.email);
      for (const page of ['/', '/interviews']) {
        widths.reset();
        const res = await agent.get(page);
        expect(res.status).toBe(200);
        // The lists are not empty: the statements that fill them ran and returned rows.
        if (role === 'interviewer') expect(res.text).toContain('Walter Waiting');
        if (role === 'interviewer') expect(res.text).toContain('Uma Upcoming');
        if ((role === 'admin' || role === 'recruiter') && page === '/') expect(res.text).toContain('Ned Noninterview');
        if ((role === 'admin' || role === 'hiring_manager') && page === '/') expect(res.text).toContain('Rita Ready');
        widest[`${role} ${page}`] = widths.widest;
      }
    }
    expect(Math.max(...Object.values(widest))).toBeLessThanOrEqual(4);
    expect(Math.max(...Object.values(widest))).toBeGreaterThanOrEqual(2);
  });

  it('when a signed-in person opens a page, then the navigation’s count is read beside the page’s own queries, not after them; a form post that redirects never reads it', async () => {
    const log = statementTables();
    const logged = appWith(log.plugin);
    const agent = await signIn(logged, ivan.email);
    log.reset();
    const kit = await agent.get(`/interviews/${ids.owed}`);
    expect(kit.status).toBe(200);
    expect(kit.text).toMatch(/My interviews <span class="nav-count" aria-hidden="true">[1-9]\d*<\/span>/);
    const tables = [...log.tables];
    // The count (of the panel rows I owe) is asked for before the kit reads its interview and rubric.
    expect(tables.filter((t) => t === 'interview_interviewers count')).toHaveLength(1);
    expect(tables.indexOf('interview_interviewers count')).toBeLessThan(tables.indexOf('interview_interviewers'));
    expect(tables.indexOf('interview_interviewers count')).toBeLessThan(tables.indexOf('rubric_dimensions'));

    // A post answered with a redirect renders no page: no count, no company name.
    const token = await csrfToken(agent, '/account');
    log.reset();
    const saved = await agent.post('/account').type('form').send({ _csrf: token, name: ivan.name, language: 'en', time_zone: '' });
    expect(saved.status).toBe(303);
    expect(log.tables).not.toContain('interview_interviewers count');
    expect(log.tables.length).toBeGreaterThan(0);
  });

  it('when an interviewer who has submitted opens the kit, then their scorecard and the panel’s come with their ratings in one statement each', async () => {
    const log = statementTables();
    const agent = await signIn(appWith(log.plugin), olga.email);
    log.reset();
    const kit = await agent.get(`/interviews/${ids.owed}`);
    expect(kit.status).toBe(200);
    // Her own ratings are in the form.
    expect(kit.text).toContain('Verdict-evidence-71');
    expect(log.tables.filter((t) => t === 'scorecards')).toHaveLength(2);
    expect(log.tables).not.toContain('scorecard_ratings');
  });

  it('when nobody is signed in, then home asks to sign in', async () => {
    const res = await request(ctx().app).get('/');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });
});

describeEachDialect('home: the admin’s getting-started checklist', (ctx: () => TestContext) => {
  let admin: Agent;
  beforeAll(async () => {
    const user = await createUser(ctx().db, 'admin');
    admin = await signIn(ctx().app, user.email);
  });

  it('when the instance is new, then the checklist lists what is left, and items tick themselves off as they are done', async () => {
    const before = await admin.get('/');
    const setup = card(before.text, 'setup-heading');
    expect(setup).toContain('<a href="/settings/mail">Set up mail (SMTP)');
    expect(setup).toContain('<a href="/openings/new">Open your first opening</a>');
    expect(setup).toContain('<a href="/users">Invite your team</a>');
    const manager = await createUser(ctx().db, 'hiring_manager');
    await makeOpening(ctx().db, { roleKey: 'ae', hiringManagerId: manager.id });
    const after = card((await admin.get('/')).text, 'setup-heading');
    expect(after).toContain('Open your first opening <span class="visually-hidden">(done)</span>');
    expect(after).toContain('Invite your team <span class="visually-hidden">(done)</span>');
    expect(after).toContain('<a href="/settings/mail">');
  });

  it.each([['0'], ['169'], ['1.5'], ['a day'], ['-24']])('when the first reminder is set to %p hours, then it is refused next to the field and nothing changes', async (hours) => {
    const token = await csrfToken(admin, '/settings');
    const res = await admin.post('/settings').type('form').send({ _csrf: token, company_name: 'Acme', company_time_zone: 'UTC', reminder_hours: hours, independent_feedback: 'on' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="field-reminder_hours-error"');
    expect(res.text).toContain('Enter a number of hours from 1 to 168.');
    expect(res.text).toContain(`value="${hours}"`);
    expect(await ctx().db.selectFrom('settings').select('value').where('key', '=', 'company_name').executeTakeFirst()).toBeUndefined();
  });

  it.each([['1'], ['168'], ['48']])('when the first reminder is set to %p hours, then it is saved', async (hours) => {
    const token = await csrfToken(admin, '/settings');
    expect((await admin.post('/settings').type('form').send({ _csrf: token, company_name: 'Acme', company_time_zone: 'UTC', reminder_hours: hours })).status).toBe(303);
    expect((await ctx().db.selectFrom('settings').select('value').where('key', '=', 'scorecard_reminder_hours').executeTakeFirstOrThrow()).value).toBe(hours);
    expect((await admin.get('/settings')).text).toContain(`value="${hours}"`);
  });
});
