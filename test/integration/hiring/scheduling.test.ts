import { updateUser } from '../../../src/users/users.repository';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { addApplication } from '../../../src/candidates/applications.use-cases';
import { type Agent, createUser, csrfToken, signIn } from '../../helpers/web';
import { applicationsWithheldFrom } from '../../../src/auth/independence';
import { countMissingScorecards } from '../../../src/comparison/comparison.repository';
import { cancelInterview } from '../../../src/interviews/schedule.use-cases';
import { scheduleInterview } from '../../../src/interviews/interviews.use-cases';

type Person = { id: number; email: string; name: string; agent: Agent };

/** Scheduling in people's own time zones: the form, the times shown, reschedule, cancel, and what a scorecard may do when. */
describeEachDialect('scheduling interviews in time zones', (ctx: () => TestContext) => {
  let nora: Person; // recruiter in New York
  let bernd: Person; // interviewer in Berlin
  let kavya: Person; // interviewer in Kolkata
  let opening: Awaited<ReturnType<typeof makeOpening>>;

  async function person(role: 'recruiter' | 'interviewer', name: string, zone: string): Promise<Person> {
    const user = await createUser(ctx().db, role, { name });
    await updateUser(ctx().db, user.id, { timeZone: zone }, ctx().clock.now());
    return { ...user, agent: await signIn(ctx().app, user.email) };
  }

  async function newApplication(): Promise<number> {
    const candidate = await makeCandidate(ctx().db, { name: `Cand ${Math.random().toString(36).slice(2, 7)}` });
    return addApplication(useCaseDeps(ctx().db), actingAs(nora.id, 'recruiter'), candidate, opening.id);
  }

  const stage = () => opening.stages[1]!;

  async function schedule(applicationId: number, fields: Record<string, string | string[]>, as: Person = nora) {
    const token = await csrfToken(as.agent, `/applications/${applicationId}/interviews/new?stage_id=${stage().id}`);
    return as.agent
      .post(`/applications/${applicationId}/interviews`)
      .type('form')
      .send({ _csrf: token, stage_id: String(stage().id), duration_minutes: '45', location: '', note: '', interviewer_ids: [String(bernd.id), String(kavya.id)], ...fields });
  }

  const interviewsOf = (applicationId: number) => ctx().db.selectFrom('interviews').selectAll().where('application_id', '=', applicationId).orderBy('id').execute();

  async function scheduled(start: string, extra: Record<string, string | string[]> = {}): Promise<{ applicationId: number; interviewId: number }> {
    const applicationId = await newApplication();
    const res = await schedule(applicationId, { start, ...extra });
    expect(res.status).toBe(303);
    const [interview] = await interviewsOf(applicationId);
    return { applicationId, interviewId: interview!.id };
  }

  beforeAll(async () => {
    nora = await person('recruiter', 'Nora Newyork', 'America/New_York');
    bernd = await person('interviewer', 'Bernd Berlin', 'Europe/Berlin');
    kavya = await person('interviewer', 'Kavya Kolkata', 'Asia/Kolkata');
    opening = await makeOpening(ctx().db, { roleKey: 'ae' });
    // The stage's usual panel: Bernd, and someone who has left (not offered, not ticked).
    const gone = await createUser(ctx().db, 'interviewer', { name: 'Gina Gone' });
    await updateUser(ctx().db, gone.id, { status: 'deactivated' }, ctx().clock.now());
    await ctx().db.updateTable('interview_stages').set({ interviewer_ids: JSON.stringify([bernd.id, gone.id]), duration_minutes: 60 }).where('id', '=', stage().id).execute();
    await createUser(ctx().db, 'interviewer', { name: 'Ivy Invited' }).then((u) => updateUser(ctx().db, u.id, { status: 'invited' }, ctx().clock.now()));
  });

  it('when the form opens, then the stage’s active interviewers are ticked, its duration is filled in, only active people are offered, and the start is in the scheduler’s zone', async () => {
    const applicationId = await newApplication();
    const page = await nora.agent.get(`/applications/${applicationId}/interviews/new?stage_id=${stage().id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`name="interviewer_ids" value="${bernd.id}" checked`);
    expect(page.text).toContain(`name="interviewer_ids" value="${kavya.id}">`);
    expect(page.text).not.toContain('Gina Gone');
    expect(page.text).not.toContain('Ivy Invited');
    expect(page.text).toMatch(/name="duration_minutes"[^>]*value="60"/);
    expect(page.text).toContain('Start (America/New_York)');
    // Interviewers do not schedule.
    expect((await bernd.agent.get(`/applications/${applicationId}/interviews/new`)).status).toBe(403);
  });

  // Times typed in New York on each side of both daylight-saving changes of 2027 (the US moves on
  // 14 March and 7 November, Europe on 28 March and 31 October; India never does).
  it.each([
    ['before both spring changes', '2027-03-10T09:00', '2027-03-10T14:00:00.000Z', 'Wed, Mar 10, 2027, 03:00 PM GMT+1', 'Wed, Mar 10, 2027, 07:30 PM GMT+5:30'],
    ['between the US and the EU spring changes', '2027-03-20T09:00', '2027-03-20T13:00:00.000Z', 'Sat, Mar 20, 2027, 02:00 PM GMT+1', 'Sat, Mar 20, 2027, 06:30 PM GMT+5:30'],
    ['after both spring changes', '2027-04-05T09:00', '2027-04-05T13:00:00.000Z', 'Mon, Apr 5, 2027, 03:00 PM GMT+2', 'Mon, Apr 5, 2027, 06:30 PM GMT+5:30'],
    ['between the EU and the US autumn changes', '2027-11-03T09:00', '2027-11-03T13:00:00.000Z', 'Wed, Nov 3, 2027, 02:00 PM GMT+1', 'Wed, Nov 3, 2027, 06:30 PM GMT+5:30'],
    ['after both autumn changes', '2027-11-10T09:00', '2027-11-10T14:00:00.000Z', 'Wed, Nov 10, 2027, 03:00 PM GMT+1', 'Wed, Nov 10, 2027, 07:30 PM GMT+5:30'],
  ])('when a New York recruiter schedules %s, then it is stored in UTC and Berlin and Kolkata see it in their own time', async (_when, typed, utc, inBerlin, inKolkata) => {
    const { applicationId, interviewId } = await scheduled(typed);
    const [stored] = await interviewsOf(applicationId);
    expect(stored!.scheduled_at).toBe(utc);
    expect(stored!.time_zone).toBe('America/New_York');
    expect(Number(stored!.duration_minutes)).toBe(45);
    expect((await bernd.agent.get(`/interviews/${interviewId}`)).text).toContain(inBerlin);
    expect((await kavya.agent.get(`/interviews/${interviewId}`)).text).toContain(inKolkata);
    expect((await bernd.agent.get('/interviews')).text).toContain(inBerlin);
    // The scheduler reads back what was typed, in New York time.
    expect((await nora.agent.get(`/applications/${applicationId}`)).text).toContain(`${typed.slice(11)}`.replace(/^09:00$/, '09:00 AM'));
  });

  it('when the time typed does not exist (the spring-forward hour), then it is refused next to the field and nothing is stored', async () => {
    const applicationId = await newApplication();
    const res = await schedule(applicationId, { start: '2027-03-14T02:30', location: 'Room <b>4</b>' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="field-start-error"');
    expect(res.text).toContain('This time does not exist in your time zone');
    expect(res.text).toContain('value="2027-03-14T02:30"');
    expect(res.text).toContain('value="Room &lt;b&gt;4&lt;/b&gt;"');
    expect(await interviewsOf(applicationId)).toEqual([]);
    // One minute before and the hour after are fine.
    expect((await schedule(applicationId, { start: '2027-03-14T01:59' })).status).toBe(303);
    expect((await schedule(applicationId, { start: '2027-03-14T03:00' })).status).toBe(303);
    expect((await interviewsOf(applicationId)).map((i) => i.scheduled_at)).toEqual(['2027-03-14T06:59:00.000Z', '2027-03-14T07:00:00.000Z']);
  });

  it('when the time typed happens twice (the autumn hour), then the form asks which, and the answer is stored', async () => {
    const applicationId = await newApplication();
    const asked = await schedule(applicationId, { start: '2027-11-07T01:30' });
    expect(asked.status).toBe(422);
    expect(asked.text).toContain('This time happens twice');
    expect(asked.text).toContain('name="start_choice" value="earlier"');
    expect(asked.text).toContain('The first: Sun, Nov 7, 2027, 01:30 AM EDT');
    expect(asked.text).toContain('The second: Sun, Nov 7, 2027, 01:30 AM EST');
    expect(await interviewsOf(applicationId)).toEqual([]);
    expect((await schedule(applicationId, { start: '2027-11-07T01:30', start_choice: 'later' })).status).toBe(303);
    expect((await schedule(applicationId, { start: '2027-11-07T01:30', start_choice: 'earlier' })).status).toBe(303);
    expect((await interviewsOf(applicationId)).map((i) => i.scheduled_at)).toEqual(['2027-11-07T06:30:00.000Z', '2027-11-07T05:30:00.000Z']);
  });

  it.each([
    ['a duration of 0', { duration_minutes: '0' }, 'duration_minutes', 'Enter a duration from 5 to 480 minutes.'],
    ['a duration over 8 hours', { duration_minutes: '481' }, 'duration_minutes', 'Enter a duration from 5 to 480 minutes.'],
    ['an end before the start (a negative duration)', { duration_minutes: '-30' }, 'duration_minutes', 'Enter a duration from 5 to 480 minutes.'],
    ['a duration that is no number', { duration_minutes: '1h' }, 'duration_minutes', 'Enter a duration from 5 to 480 minutes.'],
    ['no start', { start: '' }, 'start', 'Enter the date and time it starts.'],
    ['a start that is no time', { start: '2027-02-30T10:00' }, 'start', 'Enter a date and a time'],
    ['a script link as the place', { location: 'javascript:alert(1)' }, 'location', 'Enter a place, or a link that starts with https://'],
    ['nobody on the panel', { interviewer_ids: [] }, 'interviewers', 'Choose at least one interviewer'],
  ])('when the form has %s, then the message is next to the field, the rest is kept, and nothing is stored', async (_what, fields, field, message) => {
    const applicationId = await newApplication();
    const res = await schedule(applicationId, { start: '2027-05-04T10:00', location: 'Berlin office, room 4', note: 'Bring the pricing deck', ...(fields as Record<string, string>) });
    expect(res.status).toBe(422);
    expect(res.text).toContain(field === 'interviewers' ? 'id="interviewers-error"' : `id="field-${field}-error"`);
    expect(res.text).toContain(message);
    if (field !== 'location') expect(res.text).toContain('Berlin office, room 4');
    expect(res.text).toContain('Bring the pricing deck');
    expect(await interviewsOf(applicationId)).toEqual([]);
    expect(await ctx().db.selectFrom('application_events').select('kind').where('application_id', '=', applicationId).where('kind', '=', 'interview_scheduled').execute()).toEqual([]);
  });

  it('when the limits are met exactly (5 and 480 minutes) or the place is a video link, then it is scheduled, and the kit links the video call', async () => {
    const applicationId = await newApplication();
    expect((await schedule(applicationId, { start: '2027-05-04T10:00', duration_minutes: '5' })).status).toBe(303);
    expect((await schedule(applicationId, { start: '2027-05-05T10:00', duration_minutes: '480', location: 'https://meet.example.test/abc-defg' })).status).toBe(303);
    const [, video] = await interviewsOf(applicationId);
    expect(video!.location).toBe('https://meet.example.test/abc-defg');
    const kit = await bernd.agent.get(`/interviews/${video!.id}`);
    expect(kit.text).toContain('href="https://meet.example.test/abc-defg"');
    expect(kit.text).toContain('rel="noopener noreferrer"');
  });

  it('when a new interview is in the past, then it is recorded with a warning (an interview entered after the fact)', async () => {
    const applicationId = await newApplication();
    const res = await schedule(applicationId, { start: '2026-01-05T10:00' });
    expect(res.status).toBe(303);
    const page = await nora.agent.get(`/applications/${applicationId}`);
    expect(page.text).toContain('That time has passed: the interview is recorded as held then.');
    const later = await newApplication();
    expect((await schedule(later, { start: '2027-01-05T10:00' })).status).toBe(303);
    expect((await nora.agent.get(`/applications/${later}`)).text).not.toContain('That time has passed');
  });

  it('when an interviewer already has an overlapping interview, then it is scheduled with a warning naming them; back to back is no clash', async () => {
    await scheduled('2027-06-01T10:00', { duration_minutes: '60', interviewer_ids: [String(kavya.id)] });
    const overlapping = await newApplication();
    expect((await schedule(overlapping, { start: '2027-06-01T10:59', duration_minutes: '30', interviewer_ids: [String(kavya.id)] })).status).toBe(303);
    expect((await nora.agent.get(`/applications/${overlapping}`)).text).toContain('Kavya Kolkata already has an interview then');
    const backToBack = await newApplication();
    // The overlapping one ends at 11:29: starting then shares no minute with it, nor with the first.
    expect((await schedule(backToBack, { start: '2027-06-01T11:29', duration_minutes: '30', interviewer_ids: [String(kavya.id)] })).status).toBe(303);
    expect((await nora.agent.get(`/applications/${backToBack}`)).text).not.toContain('already has an interview then');
  });

  it('when an interview is rescheduled, then its time and panel change, its sequence goes up, the history says so, and the kit offers it to the scheduler only', async () => {
    const { applicationId, interviewId } = await scheduled('2027-07-01T10:00');
    const kit = await nora.agent.get(`/interviews/${interviewId}`);
    // The scheduler is not on the panel: the kit is for the panel; the application page has the links.
    expect(kit.status).toBe(404);
    const app = await nora.agent.get(`/applications/${applicationId}`);
    expect(app.text).toContain(`href="/interviews/${interviewId}/schedule"`);
    expect(app.text).toContain(`href="/interviews/${interviewId}/cancel"`);
    const form = await nora.agent.get(`/interviews/${interviewId}/schedule`);
    expect(form.text).toContain('value="2027-07-01T10:00"');
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const res = await nora.agent.post(`/interviews/${interviewId}/schedule`).type('form').send({ _csrf: token, start: '2027-07-02T11:30', duration_minutes: '30', location: 'Room 2', note: '', interviewer_ids: [String(kavya.id)] });
    expect(res.status).toBe(303);
    const [moved] = await interviewsOf(applicationId);
    expect(moved!.scheduled_at).toBe('2027-07-02T15:30:00.000Z');
    expect(Number(moved!.sequence)).toBe(1);
    expect(moved!.uid).toBeTruthy();
    const panel = await ctx().db.selectFrom('interview_interviewers').select('user_id').where('interview_id', '=', interviewId).execute();
    expect(panel.map((p) => p.user_id)).toEqual([kavya.id]);
    const history = await ctx().db.selectFrom('application_events').select('kind').where('application_id', '=', applicationId).orderBy('id').execute();
    expect(history.map((h) => h.kind)).toEqual(['applied', 'interview_scheduled', 'interview_rescheduled']);
    // Bernd left the panel: the interview is gone from his list and his kit.
    expect((await bernd.agent.get(`/interviews/${interviewId}`)).status).toBe(404);
    // Interviewers cannot move interviews.
    expect((await kavya.agent.get(`/interviews/${interviewId}/schedule`)).status).toBe(403);
  });

  it('when an interview is cancelled, then a reason is required, it is marked cancelled with the reason, it owes no scorecard and cannot be scored or moved', async () => {
    // Held already (entered after the fact) and not scored: it would be owed now, were it not cancelled.
    const { applicationId, interviewId } = await scheduled('2026-11-02T10:00');
    const form = await nora.agent.get(`/interviews/${interviewId}/cancel`);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const noReason = await nora.agent.post(`/interviews/${interviewId}/cancel`).type('form').send({ _csrf: token, reason: '  ' });
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('id="reason-error"');
    expect(noReason.text).toContain('Say why it is cancelled');
    expect((await interviewsOf(applicationId))[0]!.status).toBe('scheduled');
    expect((await nora.agent.post(`/interviews/${interviewId}/cancel`).type('form').send({ _csrf: token, reason: 'The candidate took <b>another</b> offer' })).status).toBe(303);
    const [cancelled] = await interviewsOf(applicationId);
    expect(cancelled!.status).toBe('cancelled');
    expect(cancelled!.cancel_reason).toBe('The candidate took <b>another</b> offer');
    const kit = await bernd.agent.get(`/interviews/${interviewId}`);
    expect(kit.text).toContain('This interview is cancelled: The candidate took &lt;b&gt;another&lt;/b&gt; offer');
    const history = await ctx().db.selectFrom('application_events').select(['kind', 'note']).where('application_id', '=', applicationId).orderBy('id').execute();
    expect(history.at(-1)).toEqual({ kind: 'interview_cancelled', note: 'The candidate took <b>another</b> offer' });
    // Nothing to score, nothing to move, nothing owed, and it opens the application to nobody.
    {
      const kitToken = /name="_csrf" value="([^"]+)"/.exec(kit.text)![1]!;
      const submit = await bernd.agent.post(`/interviews/${interviewId}/scorecard`).type('form').send({ _csrf: kitToken, action: 'submit', recommendation: 'yes' });
      expect(submit.status).toBe(422);
      expect(submit.text).toContain('This interview is cancelled: there is nothing to score.');
      const again = await nora.agent.post(`/interviews/${interviewId}/schedule`).type('form').send({ _csrf: token, start: '2027-07-06T10:00', duration_minutes: '30', interviewer_ids: [String(bernd.id)] });
      expect(again.status).toBe(422);
      expect(again.text).toContain('This interview is cancelled.');
      const mine = await bernd.agent.get('/interviews');
      expect(mine.text).not.toContain(`/interviews/${interviewId}"`);
      expect((await bernd.agent.get(`/applications/${applicationId}`)).status).toBe(404);
    }
  });

  it('when a scorecard is submitted before the interview starts, then it is refused (a draft is kept); from the start minute on it is accepted, and then the interview cannot be moved or cancelled', async () => {
    const start = new Date(ctx().clock.now().getTime() + 2 * 3_600_000);
    start.setUTCSeconds(0, 0);
    const { interviewId } = await scheduled(toNewYorkInput(start), { interviewer_ids: [String(bernd.id)] });
    const kit = await bernd.agent.get(`/interviews/${interviewId}`);
    expect(kit.text).toContain('You can submit from');
    const token = /name="_csrf" value="([^"]+)"/.exec(kit.text)![1]!;
    const card = { _csrf: token, rating_sales_dna: '3', evidence_sales_dna: 'Asked about the team first.', rating_discovery: 'na', evidence_discovery: '', key_takeaways: 'Good', recommendation: 'yes' };
    const early = await bernd.agent.post(`/interviews/${interviewId}/scorecard`).type('form').send({ ...card, action: 'submit' });
    expect(early.status).toBe(422);
    expect(early.text).toContain('The interview has not started yet');
    expect((await bernd.agent.post(`/interviews/${interviewId}/scorecard`).type('form').send({ ...card, action: 'draft' })).status).toBe(303);
    const offset = start.getTime() - ctx().clock.now().getTime();
    ctx().clock.advance(offset - 60_000);
    try {
      expect((await bernd.agent.post(`/interviews/${interviewId}/scorecard`).type('form').send({ ...card, action: 'submit' })).status).toBe(422);
      ctx().clock.advance(60_000);
      expect((await bernd.agent.post(`/interviews/${interviewId}/scorecard`).type('form').send({ ...card, action: 'submit' })).status).toBe(303);
      const nToken = await csrfToken(nora.agent, `/interviews/${interviewId}/cancel`);
      const cancel = await nora.agent.post(`/interviews/${interviewId}/cancel`).type('form').send({ _csrf: nToken, reason: 'Too late' });
      expect(cancel.status).toBe(422);
      expect(cancel.text).toContain('A scorecard is already submitted for this interview');
    } finally {
      ctx().clock.advance(-offset);
    }
  });

  it('when the one interview a panellist still owed is cancelled, then they owe nothing: the panel’s verdicts open to them and nothing counts as missing', async () => {
    const applicationId = await newApplication();
    const deps = useCaseDeps(ctx().db, { clock: ctx().clock });
    const recruiter = actingAs(nora.id, 'recruiter');
    const held = await scheduleInterview(deps, recruiter, applicationId, { stageId: stage().id, scheduledAt: null, interviewerIds: [bernd.id] });
    const second = await scheduleInterview(deps, recruiter, applicationId, { stageId: opening.stages[2]!.id, scheduledAt: null, interviewerIds: [bernd.id] });
    const kit = await bernd.agent.get(`/interviews/${held}`);
    const token = /name="_csrf" value="([^"]+)"/.exec(kit.text)![1]!;
    const card = { _csrf: token, action: 'submit', rating_sales_dna: '3', evidence_sales_dna: 'Asked about the team first.', rating_discovery: 'na', evidence_discovery: '', key_takeaways: 'Good', recommendation: 'yes' };
    expect((await bernd.agent.post(`/interviews/${held}/scorecard`).type('form').send(card)).status).toBe(303);
    const viewer = { id: bernd.id, independentFeedback: true };
    expect([...(await applicationsWithheldFrom(ctx().db, viewer, [applicationId]))]).toEqual([applicationId]);
    expect((await countMissingScorecards(ctx().db, [applicationId], ctx().clock.now())).get(applicationId)).toBe(1);
    await cancelInterview(deps, recruiter, second, 'Merged into the first');
    expect([...(await applicationsWithheldFrom(ctx().db, viewer, [applicationId]))]).toEqual([]);
    expect((await countMissingScorecards(ctx().db, [applicationId], ctx().clock.now())).get(applicationId)).toBe(0);
    // Still on the held interview's panel: the application stays open to Bernd.
    expect((await bernd.agent.get(`/applications/${applicationId}`)).status).toBe(200);
  });

  it('when My interviews is opened, then it is split into to score (with how late), upcoming and scored, in the viewer’s zone, 25 a page', async () => {
    const viewer = await person('interviewer', 'Paula Pager', 'Asia/Kolkata');
    const now = ctx().clock.now().getTime();
    const day = 86_400_000;
    // Two held and not scored (one 3 days late), 26 upcoming.
    await scheduled(toNewYorkInput(new Date(now - 3 * day)), { interviewer_ids: [String(viewer.id)], duration_minutes: '60' });
    await scheduled(toNewYorkInput(new Date(now - 2 * 3_600_000)), { interviewer_ids: [String(viewer.id)], duration_minutes: '30' });
    for (let i = 1; i <= 26; i += 1) await scheduled(toNewYorkInput(new Date(now + i * day)), { interviewer_ids: [String(viewer.id)] });
    const first = await viewer.agent.get('/interviews');
    expect(first.status).toBe(200);
    expect(first.text).toContain('To score <small class="muted">(2)</small>');
    expect(first.text).toContain('Upcoming <small class="muted">(26)</small>');
    // To score comes first: what needs doing now.
    expect(first.text.indexOf('id="group-toScore"')).toBeLessThan(first.text.indexOf('id="group-upcoming"'));
    expect(first.text).toContain('overdue by 2 days');
    expect(first.text).toContain('overdue by 1 hour');
    expect(first.text).toContain('GMT+5:30');
    expect(rowsIn(first.text, 'upcoming')).toBe(25);
    expect(first.text).toContain('href="/interviews?upcoming_page=2#group-upcoming"');
    const second = await viewer.agent.get('/interviews?upcoming_page=2');
    expect(rowsIn(second.text, 'upcoming')).toBe(1);
    expect(rowsIn(second.text, 'toScore')).toBe(2);
  });
});

/** How many interviews a section of My interviews lists. */
function rowsIn(page: string, section: string): number {
  const start = page.indexOf(`id="group-${section}"`);
  const part = page.slice(start, page.indexOf('</section>', start));
  return (part.match(/class="my-interview-head"/g) ?? []).length;
}

/** A moment as a New Yorker types it into the form. */
function toNewYorkInput(moment: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(moment);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}
