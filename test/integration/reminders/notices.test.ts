import pino from 'pino';
import { addApplication } from '../../../src/candidates/applications.use-cases';
import { recordDecision } from '../../../src/comparison/decisions.use-cases';
import { scheduleInterview, submitScorecard } from '../../../src/interviews/interviews.use-cases';
import { listTemplates } from '../../../src/onboarding/onboarding-templates.repository';
import { addDays, todayOf } from '../../../src/onboarding/plan';
import { createPlanIn } from '../../../src/onboarding/plans.use-cases';
import { sendBackTask } from '../../../src/onboarding/tasks.use-cases';
import { createReminderScheduler } from '../../../src/reminders/scheduler';
import { runInUnitOfWork } from '../../../src/events/unit-of-work';
import { makeCandidate, makeOpening } from '../../helpers/hiring';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { actingAs, useCaseDeps } from '../../helpers/use-cases';
import { createUser, signIn } from '../../helpers/web';
import { markDone, PDF, seedCatalog, tasksOf } from '../onboarding/helpers';

const PUBLIC_URL = 'https://hiring.acme.example';
const DAY = 86_400_000;

describeEachDialect(
  'notices: a complete panel, a decision, onboarding tasks',
  (ctx: () => TestContext) => {
    const deps = () => useCaseDeps(ctx().db, { clock: ctx().clock, mail: { publicUrl: PUBLIC_URL, configured: true } });
    const mailTo = (userId: number, kind: string) => ctx().db.selectFrom('outbox_messages').select(['subject', 'text_body']).where('recipient_user_id', '=', userId).where('kind', '=', kind).orderBy('id').execute();
    const card = { mode: 'submit' as const, ratings: { sales_dna: { choice: '3', evidence: 'Asked about the team' }, discovery: { choice: 'na', evidence: '' } }, keyTakeaways: 'Takeaway-5b2', recommendation: 'strong_yes' };

    beforeAll(async () => {
      await seedCatalog(ctx());
    });

    it('when the last owed scorecard of an application arrives, then its hiring manager hears the panel is complete (not before), with no verdict in the message', async () => {
      const manager = await createUser(ctx().db, 'hiring_manager');
      const [anna, boris] = [await createUser(ctx().db, 'interviewer'), await createUser(ctx().db, 'interviewer')];
      const recruiter = await createUser(ctx().db, 'recruiter');
      const opening = await makeOpening(ctx().db, { roleKey: 'ae', hiringManagerId: manager.id });
      const applicationId = await addApplication(deps(), actingAs(recruiter.id, 'recruiter'), await makeCandidate(ctx().db, { name: 'Dora Debrief' }), opening.id);
      const first = await scheduleInterview(deps(), actingAs(recruiter.id, 'recruiter'), applicationId, { stageId: opening.stages[1]!.id, scheduledAt: null, interviewerIds: [anna.id, boris.id] });
      await submitScorecard(deps(), actingAs(anna.id, 'interviewer'), first, card);
      expect(await mailTo(manager.id, 'debrief_ready')).toEqual([]);
      await submitScorecard(deps(), actingAs(boris.id, 'interviewer'), first, card);
      const [debrief] = await mailTo(manager.id, 'debrief_ready');
      expect(debrief!.subject).toBe('Ready for a decision: Dora Debrief');
      expect(debrief!.text_body).toContain(`${PUBLIC_URL}/applications/${applicationId}/summary`);
      expect(debrief!.text_body).not.toMatch(/Takeaway-5b2|strong|Strong yes/i);
      // A decision: the opening's recruiters hear of it, the one who decided does not.
      await ctx().db.insertInto('opening_recruiters').values({ opening_id: opening.id, user_id: recruiter.id }).execute();
      await recordDecision(deps(), actingAs(manager.id, 'hiring_manager'), applicationId, { decision: 'no_hire', rationale: 'Not this time', acknowledgements: {} });
      const [decided] = await mailTo(recruiter.id, 'decision_recorded');
      expect(decided!.subject).toBe('Decision on Dora Debrief: No hire');
      expect(await mailTo(manager.id, 'decision_recorded')).toEqual([]);
    });

    it('when onboarding tasks come due, are overdue, are done or sent back, then their owner, the manager and the new hire hear of it once each', async () => {
      const manager = await createUser(ctx().db, 'hiring_manager');
      const buddy = await createUser(ctx().db, 'interviewer');
      const hire = await createUser(ctx().db, 'new_hire', { name: 'Nils Newhire' });
      const template = (await listTemplates(ctx().db, 'en')).find((t) => t.roleKey === 'ae')!;
      const today = todayOf(ctx().clock.now());
      await runInUnitOfWork(deps(), (uow) => createPlanIn(uow, manager.id, { newHireId: hire.id, roleId: template.roleId, startDate: today, managerId: manager.id, buddyId: buddy.id, productLeadId: null, csLeadId: null, sdrLeadId: null }));
      const tasks = await tasksOf(ctx().db, hire.id);
      const owned = tasks.filter((t) => t.ownerRole !== 'new_hire' && t.kind !== 'review');
      const scheduler = createReminderScheduler({ ...deps(), logger: pino({ level: 'silent' }), owner: 'a' });
      await scheduler.runOnce();
      // Owners hear of their tasks due within 3 days (day 0 to 3), once.
      const soon = owned.filter((t) => t.dueDate <= addDays(today, 3));
      const notices = [...(await mailTo(manager.id, 'task_due')), ...(await mailTo(buddy.id, 'task_due'))];
      expect(notices.length).toBe(soon.length);
      expect(soon.length).toBeGreaterThan(0);
      await scheduler.runOnce();
      expect([...(await mailTo(manager.id, 'task_due')), ...(await mailTo(buddy.id, 'task_due'))].length).toBe(soon.length);
      expect(await mailTo(manager.id, 'overdue_digest')).toEqual([]);

      // Ten days on, some tasks are overdue: one digest this week, another next week.
      ctx().clock.advance(10 * DAY);
      try {
        await scheduler.runOnce();
        await scheduler.runOnce();
        const digests = await mailTo(manager.id, 'overdue_digest');
        expect(digests).toHaveLength(1);
        expect(digests[0]!.text_body).toContain('Nils Newhire');
        ctx().clock.advance(7 * DAY);
        await scheduler.runOnce();
        expect(await mailTo(manager.id, 'overdue_digest')).toHaveLength(2);
      } finally {
        ctx().clock.advance(-17 * DAY);
      }

      // The new hire marks a task done that needs the manager's sign-off: the manager is asked.
      const signed = tasks.find((t) => t.signOff === 'manager' && t.kind !== 'review')!;
      const hireAgent = await signIn(ctx().app, hire.email);
      expect((await markDone(hireAgent, signed.id, { note: 'Done it', ...(signed.evidenceRequired ? { file: { content: PDF, name: 'notes.pdf' } } : {}) })).status).toBe(303);
      const [asked] = await mailTo(manager.id, 'sign_off_requested');
      expect(asked!.subject).toBe(`Sign-off requested: ${signed.title}`);
      // Sent back with a comment: the new hire hears why.
      await sendBackTask(deps(), actingAs(manager.id, 'hiring_manager'), signed.id, 'Add the call notes');
      const [back] = await mailTo(hire.id, 'task_sent_back');
      expect(back!.text_body).toContain('Add the call notes');
    });
  },
  { PUBLIC_URL },
);
