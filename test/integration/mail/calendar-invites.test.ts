import ical, { type VEvent } from 'node-ical';
import pino from 'pino';
import { addApplication } from '../../../src/candidates/applications.use-cases';
import { scheduleInterview } from '../../../src/interviews/interviews.use-cases';
import { createOutboxWorker, type OutboxWorker } from '../../../src/mail/outbox-worker';
import { smtpSender } from '../../../src/mail/smtp';
import { updateUser } from '../../../src/users/users.repository';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { type Received, useSmtpServer } from '../../helpers/smtp';
import { describeEachDialect } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { type Agent, createUser, csrfToken, signIn } from '../../helpers/web';

const PUBLIC_URL = 'https://hiring.acme.example';
const smtp = useSmtpServer();

/** The calendar part of a message as it arrived: its Content-Type and the event in it, parsed back. */
function calendarOf(received: Received): { contentType: string; method: string | undefined; event: VEvent; zones: string[]; text: string } {
  const part = received.mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error(`no text/calendar part in ${received.raw.slice(0, 1500)}`);
  const text = part.content.toString('utf8');
  const data = ical.sync.parseICS(text);
  const event = Object.values(data).find((c): c is VEvent => c?.type === 'VEVENT')!;
  const zones = Object.values(data)
    .filter((c) => c?.type === 'VTIMEZONE')
    .map((c) => (c as unknown as { tzid: string }).tzid);
  const header = /Content-Type: (text\/calendar[^\r\n]*)/i.exec(received.raw)?.[1] ?? '';
  return { contentType: header, method: (data.vcalendar as unknown as { method?: string }).method, event, zones, text };
}

describeEachDialect(
  'calendar invites by e-mail',
  (ctx) => {
    let worker: OutboxWorker;
    let nora: { id: number; email: string; agent: Agent };
    let bernd: { id: number; email: string; agent: Agent };
    let olga: { id: number; email: string };
    let opening: Awaited<ReturnType<typeof makeOpening>>;

    beforeAll(async () => {
      worker = createOutboxWorker({ db: ctx().db, clock: ctx().clock, send: smtpSender(ctx().config.mail!), logger: pino({ level: 'silent' }) });
      const n = await createUser(ctx().db, 'recruiter', { name: 'Nora Newyork', email: `nora.${ctx().dialect}@acme.example` });
      await updateUser(ctx().db, n.id, { timeZone: 'America/New_York' }, ctx().clock.now());
      nora = { ...n, agent: await signIn(ctx().app, n.email) };
      const b = await createUser(ctx().db, 'interviewer', { name: 'Bernd Berlin', email: `bernd.${ctx().dialect}@acme.example` });
      await updateUser(ctx().db, b.id, { timeZone: 'Europe/Berlin' }, ctx().clock.now());
      bernd = { ...b, agent: await signIn(ctx().app, b.email) };
      olga = await createUser(ctx().db, 'interviewer', { name: 'Olga Orlova', email: `olga.${ctx().dialect}@acme.example` });
      await updateUser(ctx().db, olga.id, { language: 'ru', timeZone: 'Europe/Moscow' }, ctx().clock.now());
      opening = await makeOpening(ctx().db, { roleKey: 'ae', title: 'AE Berlin' });
    });

    it('when an interview is scheduled, rescheduled with someone taken off, then cancelled, then each step reaches the panel as REQUEST, update and CANCEL of one UID with a rising SEQUENCE', async () => {
      const candidate = await makeCandidate(ctx().db, { name: 'Carla Candidate' });
      const applicationId = await addApplication(useCaseDeps(ctx().db), actingAs(nora.id, 'recruiter'), candidate, opening.id);
      const stageId = opening.stages[1]!.id;
      const token = await csrfToken(nora.agent, `/applications/${applicationId}/interviews/new?stage_id=${stageId}`);
      const created = await nora.agent
        .post(`/applications/${applicationId}/interviews`)
        .type('form')
        .send({ _csrf: token, stage_id: String(stageId), start: '2027-03-10T09:00', duration_minutes: '45', location: 'https://meet.example.test/abc', note: 'Bring the pricing deck', interviewer_ids: [String(bernd.id), String(olga.id)] });
      expect(created.status).toBe(303);
      const interview = await ctx().db.selectFrom('interviews').selectAll().where('application_id', '=', applicationId).executeTakeFirstOrThrow();
      // A scorecard the other panellist may already have drafted never travels in a calendar.
      expect(await worker.deliverDue()).toBe(2);

      const invite = smtp().to(bernd.email).at(-1)!;
      expect(invite.mail.subject).toContain('Carla Candidate');
      const request1 = calendarOf(invite);
      expect(request1.contentType).toMatch(/^text\/calendar; charset=utf-8; method=REQUEST/i);
      expect(request1.method).toBe('REQUEST');
      expect(request1.zones).toEqual(['America/New_York']);
      expect(request1.text).toContain('DTSTART;TZID=America/New_York:20270310T090000');
      expect(request1.event.uid).toBe(interview.uid);
      expect(Number(request1.event.sequence)).toBe(0);
      expect(request1.event.start.toISOString()).toBe('2027-03-10T14:00:00.000Z');
      expect(request1.event.end!.toISOString()).toBe('2027-03-10T14:45:00.000Z');
      expect(request1.event.location).toBe('https://meet.example.test/abc');
      expect(request1.event.description).toContain(`${PUBLIC_URL}/interviews/${interview.id}`);
      expect(request1.event.description).toContain('Bring the pricing deck');
      expect(request1.event.organizer).toEqual({ params: { CN: 'Nora Newyork' }, val: `mailto:${nora.email}` });
      const attendees = ([request1.event.attendee].flat() as unknown as { val: string }[]).map((a) => a.val.toLowerCase());
      expect(attendees).toEqual([`mailto:${bernd.email}`, `mailto:${olga.email}`]);
      // The message text, in Bernd's zone; Olga's in Russian and in Moscow time.
      expect(invite.mail.text).toContain('Wed, Mar 10, 2027, 03:00 PM GMT+1');
      const olgaInvite = smtp().to(olga.email).at(-1)!;
      expect(olgaInvite.mail.text).toContain('17:00');
      expect(calendarOf(olgaInvite).event.summary).toContain('Интервью');

      // Reschedule: a new time, Olga taken off.
      const form = await nora.agent.get(`/interviews/${interview.id}/schedule`);
      const token2 = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
      const moved = await nora.agent
        .post(`/interviews/${interview.id}/schedule`)
        .type('form')
        .send({ _csrf: token2, start: '2027-03-11T10:30', duration_minutes: '60', location: 'Room 4', note: '', interviewer_ids: [String(bernd.id)] });
      expect(moved.status).toBe(303);
      expect(await worker.deliverDue()).toBe(2);
      const update = calendarOf(smtp().to(bernd.email).at(-1)!);
      expect(update.method).toBe('REQUEST');
      expect(update.event.uid).toBe(interview.uid);
      expect(Number(update.event.sequence)).toBe(1);
      expect(update.event.start.toISOString()).toBe('2027-03-11T15:30:00.000Z');
      expect(update.event.end!.toISOString()).toBe('2027-03-11T16:30:00.000Z');
      expect(update.event.location).toBe('Room 4');
      const removed = calendarOf(smtp().to(olga.email).at(-1)!);
      expect(removed.method).toBe('CANCEL');
      expect(removed.event.uid).toBe(interview.uid);
      expect(Number(removed.event.sequence)).toBe(1);
      expect(removed.event.status).toBe('CANCELLED');

      // Cancel: Bernd gets the cancellation with the reason.
      const token3 = await csrfToken(nora.agent, `/interviews/${interview.id}/cancel`);
      expect((await nora.agent.post(`/interviews/${interview.id}/cancel`).type('form').send({ _csrf: token3, reason: 'The candidate withdrew' })).status).toBe(303);
      expect(await worker.deliverDue()).toBe(1);
      const cancelMail = smtp().to(bernd.email).at(-1)!;
      expect(cancelMail.mail.text).toContain('The candidate withdrew');
      const cancel = calendarOf(cancelMail);
      expect(cancel.contentType).toMatch(/method=CANCEL/i);
      expect(cancel.method).toBe('CANCEL');
      expect(cancel.event.uid).toBe(interview.uid);
      expect(Number(cancel.event.sequence)).toBe(2);
      expect(cancel.event.status).toBe('CANCELLED');
      // Olga, off the panel already, hears nothing more.
      expect(smtp().to(olga.email)).toHaveLength(2);
    });

    it('when a panellist has already submitted a scorecard on the application, then the next invite carries none of it', async () => {
      const candidate = await makeCandidate(ctx().db, { name: 'Dana Done' });
      const applicationId = await addApplication(useCaseDeps(ctx().db), actingAs(nora.id, 'recruiter'), candidate, opening.id);
      const first = await scheduleInterview(useCaseDeps(ctx().db), actingAs(nora.id, 'recruiter'), applicationId, { stageId: opening.stages[1]!.id, scheduledAt: null, interviewerIds: [bernd.id] });
      const kitToken = await csrfToken(bernd.agent, `/interviews/${first}`);
      const card = { _csrf: kitToken, action: 'submit', rating_sales_dna: '4', evidence_sales_dna: 'Evidence-7f3a: asked about the buyer team', rating_discovery: 'na', evidence_discovery: '', key_takeaways: 'Takeaway-9c1e', recommendation: 'strong_yes' };
      expect((await bernd.agent.post(`/interviews/${first}/scorecard`).type('form').send(card)).status).toBe(303);
      await worker.deliverDue();
      const before = smtp().received.length;
      const token = await csrfToken(nora.agent, `/applications/${applicationId}/interviews/new?stage_id=${opening.stages[2]!.id}`);
      const res = await nora.agent
        .post(`/applications/${applicationId}/interviews`)
        .type('form')
        .send({ _csrf: token, stage_id: String(opening.stages[2]!.id), start: '2027-04-01T10:00', duration_minutes: '45', interviewer_ids: [String(bernd.id), String(olga.id)] });
      expect(res.status).toBe(303);
      expect(await worker.deliverDue()).toBe(2);
      const sent = smtp().received.slice(before);
      expect(sent.map((m) => m.to[0]).sort()).toEqual([bernd.email, olga.email].sort());
      for (const m of sent) {
        expect(m.raw).not.toMatch(/Evidence-7f3a|Takeaway-9c1e|strong|Strong yes|recommend/i);
        expect(calendarOf(m).text).not.toMatch(/Evidence-7f3a|Takeaway-9c1e/);
      }
    });
  },
  () => ({ SMTP_URL: smtp().url(), PUBLIC_URL }),
);
