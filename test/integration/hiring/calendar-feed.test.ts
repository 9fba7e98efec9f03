import ical, { type VEvent } from 'node-ical';
import request from 'supertest';
import { addApplication } from '../../../src/candidates/applications.use-cases';
import { scheduleInterview } from '../../../src/interviews/interviews.use-cases';
import { updateUser } from '../../../src/users/users.repository';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { describeEachDialect } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { type Agent, createUser, csrfToken, signIn } from '../../helpers/web';

const PUBLIC_URL = 'https://hiring.acme.example';

describeEachDialect(
  'the personal calendar feed',
  (ctx) => {
    let bernd: { id: number; email: string; agent: Agent };
    let other: { id: number; email: string; agent: Agent };
    let mine: number[];
    let theirs: number;

    async function interviewFor(panel: number[], startsAt: Date): Promise<number> {
      const opening = await makeOpening(ctx().db, { roleKey: 'ae' });
      const candidate = await makeCandidate(ctx().db);
      const recruiter = actingAs((await createUser(ctx().db, 'recruiter')).id, 'recruiter');
      const applicationId = await addApplication(useCaseDeps(ctx().db), recruiter, candidate, opening.id);
      return scheduleInterview(useCaseDeps(ctx().db, { clock: ctx().clock }), recruiter, applicationId, { stageId: opening.stages[1]!.id, scheduledAt: startsAt.toISOString(), interviewerIds: panel, durationMinutes: 30, timeZone: 'Europe/Berlin' });
    }

    /** Makes (or remakes) the person's feed from the account page; the link is shown once, in the message after. */
    async function makeFeed(agent: Agent): Promise<string> {
      const token = await csrfToken(agent, '/account');
      const res = await agent.post('/account/calendar').type('form').send({ _csrf: token });
      expect(res.status).toBe(303);
      const page = await agent.get('/account');
      const link = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}(/calendar/[A-Za-z0-9_-]{43}\\.ics)`).exec(page.text)?.[1];
      if (!link) throw new Error('no feed link on the account page');
      // Shown only once.
      expect((await agent.get('/account')).text).not.toContain(link);
      return link;
    }

    const eventsOf = (text: string) => Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');

    beforeAll(async () => {
      const b = await createUser(ctx().db, 'interviewer', { name: 'Bernd Berlin' });
      await updateUser(ctx().db, b.id, { timeZone: 'Europe/Berlin' }, ctx().clock.now());
      bernd = { ...b, agent: await signIn(ctx().app, b.email) };
      const o = await createUser(ctx().db, 'interviewer', { name: 'Otto Other' });
      other = { ...o, agent: await signIn(ctx().app, o.email) };
      const now = ctx().clock.now().getTime();
      mine = [await interviewFor([bernd.id], new Date(now + 86_400_000)), await interviewFor([bernd.id, other.id], new Date(now + 2 * 86_400_000))];
      theirs = await interviewFor([other.id], new Date(now + 3 * 86_400_000));
    });

    it('when a person makes their feed, then the link lists their interviews only, with the invites’ UIDs, as a calendar file nobody caches publicly', async () => {
      const link = await makeFeed(bernd.agent);
      const res = await request(ctx().app).get(link);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
      expect(res.headers['cache-control']).toMatch(/private/);
      const uids = await ctx().db.selectFrom('interviews').select(['id', 'uid']).where('id', 'in', [...mine, theirs]).execute();
      const uidOf = new Map(uids.map((u) => [u.id, u.uid]));
      const events = eventsOf(res.text);
      expect(events.map((e) => e.uid).sort()).toEqual(mine.map((id) => uidOf.get(id)).sort());
      expect(res.text).not.toContain(uidOf.get(theirs)!);
      expect(res.text).toContain('BEGIN:VTIMEZONE');
      expect(res.text).not.toContain('METHOD:');
      // The token is the credential: the path is never logged with it.
      expect(JSON.stringify(ctx().logs)).not.toContain(link.slice(10, 40));
    });

    it('when the link is wrong, or a session is all there is, then there is no feed', async () => {
      expect((await request(ctx().app).get(`/calendar/${'a'.repeat(43)}.ics`)).status).toBe(404);
      expect((await request(ctx().app).get('/calendar/short.ics')).status).toBe(404);
      expect((await bernd.agent.get(`/calendar/${'b'.repeat(43)}.ics`)).status).toBe(404);
      const link = await makeFeed(other.agent);
      expect((await request(ctx().app).get(link.replace('.ics', ''))).status).toBe(404);
      expect((await request(ctx().app).get(link.toUpperCase())).status).toBe(404);
    });

    it('when the person makes a new link, then the old one stops working; switched off, neither works', async () => {
      const old = await makeFeed(bernd.agent);
      const fresh = await makeFeed(bernd.agent);
      expect(fresh).not.toBe(old);
      expect((await request(ctx().app).get(old)).status).toBe(404);
      expect((await request(ctx().app).get(fresh)).status).toBe(200);
      const token = await csrfToken(bernd.agent, '/account');
      expect((await bernd.agent.post('/account/calendar/off').type('form').send({ _csrf: token })).status).toBe(303);
      expect((await request(ctx().app).get(fresh)).status).toBe(404);
      expect(await ctx().db.selectFrom('calendar_feeds').selectAll().where('user_id', '=', bernd.id).execute()).toEqual([]);
      // Only the hash is stored.
      const again = await makeFeed(bernd.agent);
      const stored = await ctx().db.selectFrom('calendar_feeds').select('token_hash').where('user_id', '=', bernd.id).executeTakeFirstOrThrow();
      expect(again).not.toContain(stored.token_hash);
    });

    it('when a year has passed, or the person is deactivated, then the link stops working', async () => {
      const link = await makeFeed(other.agent);
      ctx().clock.advance(365 * 86_400_000 - 60_000);
      try {
        expect((await request(ctx().app).get(link)).status).toBe(200);
        ctx().clock.advance(60_000);
        expect((await request(ctx().app).get(link)).status).toBe(404);
      } finally {
        ctx().clock.advance(-365 * 86_400_000);
      }
      const link2 = await makeFeed(other.agent);
      await updateUser(ctx().db, other.id, { status: 'deactivated' }, ctx().clock.now());
      expect((await request(ctx().app).get(link2)).status).toBe(404);
    });
  },
  { PUBLIC_URL },
);
