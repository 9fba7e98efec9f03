import fs from 'node:fs';
import { findPlanOfNewHire, findPlanTask, type PlanTaskRecord } from '../../../src/onboarding/onboarding.repository';
import { describeEachDialect, type TestContext } from '../../helpers/test-context';
import { type Agent, createUser, csrfToken, signIn, signInAs } from '../../helpers/web';
import { markDone, PDF, PNG, postPlan, roleIdOf, seedCatalog, tasksOf, today } from './helpers';

interface Person {
  id: number;
  email: string;
  password: string;
  name: string;
}

/** A refused mark-done: back to the task on the checklist's clean address; the checklist as it then shows. */
async function refusedMarkDone(agent: Parameters<typeof markDone>[0], taskId: number, options: Parameters<typeof markDone>[2] = {}) {
  const res = await markDone(agent, taskId, options);
  expect([res.status, res.headers.location]).toEqual([303, `/onboarding#task-${taskId}`]);
  const page = await agent.get('/onboarding');
  expect(page.status).toBe(200);
  return page;
}

describeEachDialect(
  'onboarding checklist, evidence and sign-off',
  (ctx: () => TestContext) => {
    let managerAgent: Agent;
    let manager: { id: number };
    let otherManagerAgent: Agent;
    let recruiterAgent: Agent;
    let hireA: Person;
    let hireB: Person;
    let sdrLead: Person;
    let productLead: Person;
    let a: Agent;
    let b: Agent;
    let lead: Agent;
    let tasksA: PlanTaskRecord[];
    let tasksB: PlanTaskRecord[];

    const find = (tasks: PlanTaskRecord[], title: string) => tasks.find((t) => t.title === title)!;
    const storedFileCount = async () => (await ctx().db.selectFrom('stored_files').select('id').execute()).length;
    const tmpFiles = () => fs.readdirSync(ctx().storage.tmpDir);
    const post = async (agent: Agent, path: string, fields: Record<string, string> = {}) => agent.post(path).type('form').send({ _csrf: await csrfToken(agent, '/onboarding'), ...fields });

    beforeAll(async () => {
      await seedCatalog(ctx());
      const m = await signInAs(ctx().app, ctx().db, 'hiring_manager');
      [managerAgent, manager] = [m.agent, m.user];
      otherManagerAgent = (await signInAs(ctx().app, ctx().db, 'hiring_manager')).agent;
      recruiterAgent = (await signInAs(ctx().app, ctx().db, 'recruiter')).agent;
      hireA = await createUser(ctx().db, 'new_hire', { name: 'Ada Newhire' });
      hireB = await createUser(ctx().db, 'new_hire', { name: 'Bo Newhire' });
      sdrLead = await createUser(ctx().db, 'interviewer', { name: 'Sid Lead' });
      productLead = await createUser(ctx().db, 'interviewer', { name: 'Pat Product' });
      const sdrRole = String(await roleIdOf(ctx().db, 'sdr_outbound'));
      const common = { hire_mode: 'existing', role_id: sdrRole, start_date: today(ctx(), -11), manager_id: String(manager.id), sdr_lead_id: String(sdrLead.id), product_lead_id: String(productLead.id) };
      expect((await postPlan(managerAgent, { ...common, hire_user_id: String(hireA.id) })).status).toBe(303);
      expect((await postPlan(managerAgent, { ...common, hire_user_id: String(hireB.id) })).status).toBe(303);
      tasksA = await tasksOf(ctx().db, hireA.id);
      tasksB = await tasksOf(ctx().db, hireB.id);
      a = await signIn(ctx().app, hireA.email, hireA.password);
      b = await signIn(ctx().app, hireB.email, hireB.password);
      lead = await signIn(ctx().app, sdrLead.email, sdrLead.password);
    });

    it('when the new hire opens their checklist, then tasks are grouped by track with progress bars, due dates and overdue marked', async () => {
      const page = await a.get('/onboarding');
      expect(page.status).toBe(200);
      for (const heading of ['Company &amp; culture', 'Product immersion', 'Customer success', 'Sales development (SDR shadowing)', 'Your role']) expect(page.text).toContain(heading);
      expect(page.text).toContain('id="progress-overall" value="0"');
      expect(page.text).toContain('id="progress-product"');
      // Started 11 days ago: the welcome (day 0) is overdue, the 90-day review is not.
      expect(page.text).toMatch(new RegExp(`id="task-${find(tasksA, 'Welcome meeting: the mission and your first 90 days').id}"[^>]*`));
      expect(page.text).toMatch(new RegExp(`class="task task-open task-overdue" id="task-${find(tasksA, 'Welcome meeting: the mission and your first 90 days').id}"`));
      expect(page.text).toMatch(new RegExp(`class="task task-open" id="task-${find(tasksA, '90-day review').id}"`));
      expect(page.text).toContain('Overdue: ');
      expect(page.text).not.toContain('Bo Newhire');
    });

    it('when the new hire marks a task done without required evidence, then the message is next to the note and nothing changes; with a note it waits for sign-off', async () => {
      const plain = find(tasksA, 'Welcome meeting: the mission and your first 90 days');
      expect((await markDone(a, plain.id)).status).toBe(303);
      expect((await findPlanTask(ctx().db, plain.id, null))!.doneAt).not.toBeNull();
      const page = await a.get('/onboarding');
      expect(page.text).toContain('Done: Welcome meeting: the mission and your first 90 days.');
      expect(page.text).toContain('id="progress-overall" value="1"');
      // A finished task folds away under its track; what is left stays in view.
      const welcome = page.text.indexOf(`id="task-${plain.id}"`);
      const folded = page.text.lastIndexOf('<details class="done-tasks">', welcome);
      expect(folded).toBeGreaterThan(page.text.lastIndexOf('<section id="track-', welcome));
      expect(page.text.slice(folded, welcome)).toContain('1 task done');
      const open = find(tasksA, 'Values and integrity: what they mean here');
      expect(page.text.lastIndexOf('<details class="done-tasks">', page.text.indexOf(`id="task-${open.id}"`))).toBeLessThan(page.text.lastIndexOf('<section id="track-', page.text.indexOf(`id="task-${open.id}"`)));

      const evidence = find(tasksA, 'Values and integrity: what they mean here');
      const missing = await refusedMarkDone(a, evidence.id, { note: '   ' });
      expect(missing.text).toContain('“Values and integrity: what they mean here” was not marked done');
      expect(missing.text).toMatch(new RegExp(`id="task-${evidence.id}-note-error" class="field-error">This task needs evidence: write a note or attach a file\\.`));
      expect(missing.text).toMatch(/<details class="done-form" open>/);
      expect((await findPlanTask(ctx().db, evidence.id, null))!.doneAt).toBeNull();

      const done = await markDone(a, evidence.id, { note: 'I would walk away from a deal that needs a feature we do not have.' });
      expect(done.status).toBe(303);
      const after = (await findPlanTask(ctx().db, evidence.id, null))!;
      expect([after.doneAt !== null, after.signedOffAt, after.evidenceNote]).toEqual([true, null, 'I would walk away from a deal that needs a feature we do not have.']);
      expect((await a.get('/onboarding')).text).toContain('It now waits for sign-off.');

      await refusedMarkDone(a, plain.id);
      await refusedMarkDone(a, find(tasksA, '90-day review').id, { note: 'mine' });
      // The messages show once: the next visit is the plain checklist.
      expect((await a.get('/onboarding')).text).not.toContain('was not marked done');
    });

    it('when evidence files are wrong (too large, a script named .pdf, empty, or a broken upload), then the message is next to the file field and nothing is kept', async () => {
      const task = find(tasksA, 'Shadow five outbound calls');
      const files = await storedFileCount();
      const cases: [string, Buffer, string, RegExp][] = [
        ['oversize', Buffer.concat([PDF, Buffer.alloc(1024 * 1024 + 10)]), 'big.pdf', /This file is too large: the limit is 1 MB\./],
        ['script', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'notes.pdf', /This file is not one of the accepted types \(PDF, DOCX, PNG, JPEG\)/],
        ['empty', Buffer.alloc(0), 'empty.pdf', /This file is empty\./],
        ['html', Buffer.from('<html><script>alert(1)</script></html>'), 'x.png', /This file is not one of the accepted types/],
      ];
      for (const [label, content, name, message] of cases) {
        const res = await refusedMarkDone(a, task.id, { note: 'kept note', file: { content, name } });
        expect(`${label}: ${new RegExp(`id="task-${task.id}-file-error" class="field-error">${message.source}`).test(res.text)}`).toBe(`${label}: true`);
        expect(res.text).toContain('>kept note</textarea>');
      }
      const token = await csrfToken(a, '/onboarding');
      const twoFiles = await a.post(`/onboarding/tasks/${task.id}/done?_csrf=${token}`).field('note', 'x').attach('file', PDF, 'a.pdf').attach('file', PDF, 'b.pdf');
      expect([twoFiles.status, twoFiles.headers.location]).toEqual([303, `/onboarding#task-${task.id}`]);
      expect((await a.get('/onboarding')).text).toContain('The upload could not be read.');
      expect((await findPlanTask(ctx().db, task.id, null))!.doneAt).toBeNull();
      expect(await storedFileCount()).toBe(files);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(tmpFiles()).toEqual([]);
      const noToken = await a.post(`/onboarding/tasks/${task.id}/done`).attach('file', PDF, 'a.pdf');
      expect(noToken.status).toBe(403);
    });

    it('when a file name tries path traversal, then only the clean name is kept, the file lives under a random key, and it downloads as an attachment', async () => {
      const task = find(tasksA, 'Shadow five outbound calls');
      const res = await markDone(a, task.id, { file: { content: PDF, name: '../../../etc/passwd.pdf' } });
      expect(res.status).toBe(303);
      const saved = (await findPlanTask(ctx().db, task.id, null))!;
      expect(saved.evidenceFile?.name).toBe('passwd.pdf');
      const stored = await ctx().db.selectFrom('stored_files').selectAll().where('id', '=', saved.evidenceFile!.id).executeTakeFirstOrThrow();
      expect(stored.storage_key).toMatch(/^[0-9a-f]{32}$/);
      expect(fs.readFileSync(ctx().storage.pathOf(stored.storage_key)).equals(PDF)).toBe(true);
      const download = await a.get(`/onboarding/tasks/${task.id}/evidence`).buffer(true);
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toContain('attachment; filename="passwd.pdf"');
      expect(download.headers['x-content-type-options']).toBe('nosniff');
    });

    it('when the owner sends a task back without a comment, then the message is next to the comment; with one, the task reopens and the new hire sees why', async () => {
      const task = find(tasksA, 'Shadow five outbound calls');
      const waiting = await lead.get('/onboarding/tasks');
      expect(waiting.status).toBe(200);
      expect(waiting.text).toContain('Shadow five outbound calls');
      expect(waiting.text).toContain('Ada Newhire');
      expect(waiting.text).toContain(`/onboarding/tasks/${task.id}/evidence`);

      const empty = await post(lead, `/onboarding/tasks/${task.id}/send-back`, { comment: '  ' });
      expect(empty.status).toBe(422);
      expect(empty.text).toMatch(new RegExp(`id="signoff-${task.id}-comment-error" class="field-error">Say what is missing`));
      expect((await findPlanTask(ctx().db, task.id, null))!.doneAt).not.toBeNull();

      const sent = await post(lead, `/onboarding/tasks/${task.id}/send-back`, { comment: 'Add notes on how the SDR handled the two objections.' });
      expect(sent.status).toBe(303);
      const reopened = (await findPlanTask(ctx().db, task.id, null))!;
      expect([reopened.doneAt, reopened.returnComment, reopened.evidenceFile?.name]).toEqual([null, 'Add notes on how the SDR handled the two objections.', 'passwd.pdf']);
      const checklist = await a.get('/onboarding');
      expect(checklist.text).toContain('Sent back by Sid Lead:');
      expect(checklist.text).toContain('Add notes on how the SDR handled the two objections.');
      expect(checklist.text).toContain('The file you attached earlier stays');

      // The file sent before still counts as evidence; the new hire adds the notes.
      expect((await markDone(a, task.id, { note: 'Objections: price and timing; the SDR asked what changes if they wait.' })).status).toBe(303);
      expect((await post(lead, `/onboarding/tasks/${task.id}/sign-off`)).status).toBe(303);
      const signed = (await findPlanTask(ctx().db, task.id, null))!;
      expect([signed.signedOffBy, signed.evidenceFile?.name]).toEqual([sdrLead.id, 'passwd.pdf']);
      expect((await post(lead, `/onboarding/tasks/${task.id}/sign-off`)).status).toBe(422);
      const page = await a.get('/onboarding');
      expect(page.text).toMatch(new RegExp(`class="task task-complete" id="task-${task.id}"`));
    });

    it('when the manager opens the plan, then they see the evidence and the progress; manager-signed tasks wait in their list', async () => {
      const plan = (await findPlanOfNewHire(ctx().db, hireA.id))!;
      const page = await managerAgent.get(`/onboarding/plans/${plan.id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Onboarding: Ada Newhire');
      expect(page.text).toContain('I would walk away from a deal');
      expect(page.text).toContain('Download evidence: passwd.pdf');
      expect(page.text).not.toContain('Mark done');
      const mine = await managerAgent.get('/onboarding/tasks');
      expect(mine.text).toContain('Values and integrity: what they mean here');
      expect(mine.text).toContain('Record the 90-day review of Ada Newhire');
    });

    it('IDOR: when people reach for plans, tasks and files that are not theirs, then they get 404 and nothing changes', async () => {
      const evidenceTask = find(tasksA, 'Shadow five outbound calls');
      const openTaskA = find(tasksA, 'Set up your tools with your buddy');
      const signTaskA = find(tasksA, 'Values and integrity: what they mean here');
      const planA = (await findPlanOfNewHire(ctx().db, hireA.id))!;

      // Another new hire: not A's checklist, tasks, evidence or sign-offs.
      const bPage = await b.get('/onboarding');
      expect(bPage.text).not.toContain('Ada Newhire');
      expect(bPage.text).not.toContain('I would walk away');
      expect((await markDone(b, openTaskA.id, { note: 'sneaky' })).status).toBe(404);
      expect((await markDone(b, openTaskA.id, { file: { content: PNG, name: 'x.png' } })).status).toBe(404);
      expect((await b.get(`/onboarding/tasks/${evidenceTask.id}/evidence`)).status).toBe(404);
      expect((await post(b, `/onboarding/tasks/${signTaskA.id}/sign-off`)).status).toBe(404);
      expect((await post(b, `/onboarding/tasks/${signTaskA.id}/send-back`, { comment: 'no' })).status).toBe(404);
      expect((await b.get(`/onboarding/plans/${planA.id}`)).status).toBe(403);

      // An owner of some of A's tasks: not the manager's sign-offs, not other tasks' files.
      expect((await post(lead, `/onboarding/tasks/${signTaskA.id}/sign-off`)).status).toBe(404);
      expect((await lead.get(`/onboarding/tasks/${find(tasksA, 'Values and integrity: what they mean here').id}/evidence`)).status).toBe(404);
      expect((await markDone(lead, openTaskA.id, { note: 'x' })).status).toBe(404);
      expect((await lead.get(`/onboarding/tasks/${evidenceTask.id}/evidence`)).status).toBe(200);

      // Another hiring manager: not A's plan, review or schedule.
      expect((await otherManagerAgent.get(`/onboarding/plans/${planA.id}`)).status).toBe(404);
      expect((await otherManagerAgent.get(`/onboarding/tasks/${evidenceTask.id}/evidence`)).status).toBe(404);
      const otherToken = await csrfToken(otherManagerAgent, '/onboarding/plans');
      expect((await otherManagerAgent.post(`/onboarding/plans/${planA.id}`).type('form').send({ _csrf: otherToken, start_date: '2030-01-01', manager_id: String(manager.id) })).status).toBe(404);
      expect((await post(otherManagerAgent, `/onboarding/tasks/${signTaskA.id}/sign-off`)).status).toBe(404);
      expect((await otherManagerAgent.get('/onboarding/plans')).text).not.toContain('Ada Newhire');

      // Admins and recruiters see everything; the manager too.
      expect((await recruiterAgent.get(`/onboarding/plans/${planA.id}`)).status).toBe(200);
      expect((await recruiterAgent.get(`/onboarding/tasks/${evidenceTask.id}/evidence`)).status).toBe(200);
      expect((await managerAgent.get(`/onboarding/tasks/${evidenceTask.id}/evidence`)).status).toBe(200);

      // Nothing above changed A's plan.
      const after = await tasksOf(ctx().db, hireA.id);
      expect(after.find((t) => t.id === openTaskA.id)!.doneAt).toBeNull();
      expect(after.find((t) => t.id === signTaskA.id)!.signedOffAt).toBeNull();
      expect((await findPlanOfNewHire(ctx().db, hireA.id))!.startDate).toBe(planA.startDate);
      expect(tasksB.every((t) => t.doneAt === null)).toBe(true);
    });

    it('when ids are nonsense, then the answer is 404, never an error page', async () => {
      for (const path of ['/onboarding/tasks/abc/evidence', '/onboarding/tasks/0/evidence', '/onboarding/tasks/99999999999/evidence', '/onboarding/plans/abc', '/onboarding/plans/-1']) {
        const res = await managerAgent.get(path);
        expect(`${path} ${res.status}`).toBe(`${path} 404`);
      }
      expect((await markDone(a, 999999)).status).toBe(404);
      expect((await post(a, '/onboarding/tasks/abc/sign-off')).status).toBe(404);
      // A task without evidence has no file to download.
      expect((await a.get(`/onboarding/tasks/${find(tasksA, 'Welcome meeting: the mission and your first 90 days').id}/evidence`)).status).toBe(404);
    });

    it('when someone without a plan opens the checklist, then they are told so, and pointed to tasks waiting for them', async () => {
      const page = await lead.get('/onboarding');
      expect(page.status).toBe(200);
      expect(page.text).toContain('You have no onboarding plan.');
      expect(page.text).not.toContain('id="progress-overall"');
      const ada = find(tasksA, 'Qualify three recorded calls yourself');
      expect((await markDone(a, ada.id, { note: 'My verdicts: yes, no, not yet.' })).status).toBe(303);
      expect((await lead.get('/onboarding')).text).toContain('Tasks of other people waiting for your sign-off: 1');
    });
  },
  { UPLOAD_MAX_MB: '1' },
);
