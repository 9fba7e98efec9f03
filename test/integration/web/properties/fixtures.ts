import type { Kysely } from 'kysely';
import request from 'supertest';
import type { Express } from 'express';
import type { Server } from 'node:http';
import type { Role } from '../../../../src/auth/permissions';
import type { Database } from '../../../../src/db/database';
import { scheduleInterview } from '../../../../src/interviews/interviews.use-cases';
import { listPlanTasks } from '../../../../src/onboarding/onboarding.repository';
import { listTemplates, listTemplateTasks } from '../../../../src/onboarding/onboarding-templates.repository';
import { createPlanIn } from '../../../../src/onboarding/plans.use-cases';
import { runInUnitOfWork } from '../../../../src/events/unit-of-work';
import { savePosting } from '../../../../src/careers/careers.use-cases';
import { seedOnboardingTemplates } from '../../../../src/onboarding/seed-templates';
import { inviteUser } from '../../../../src/users/users.use-cases';
import { createPasswordReset } from '../../../../src/auth/password-reset.repository';
import { createUnsubscribeToken } from '../../../../src/mail/notifications.repository';
import { createEmailChange } from '../../../../src/users/email-changes.repository';
import { actingAs, useCaseDeps } from '../../../helpers/use-cases';
import { applyCandidate } from '../../../helpers/writes';
import { updateUser } from '../../../../src/users/users.repository';
import { makeCandidate, makeOpening } from '../../../helpers/hiring';
import { storeImportFile } from '../../../../src/candidates/import.repository';
import { insertToken } from '../../../../src/api/tokens.repository';
import { createEndpoint } from '../../../../src/webhooks/webhooks.use-cases';
import { insertDelivery } from '../../../../src/webhooks/webhooks.repository';
import { type Agent, createUser, csrfToken, signIn } from '../../../helpers/web';

export type Actor = Role | 'anonymous';

/** The records and signed-in people the form properties act on and against. */
export interface World {
  readonly agents: Record<Actor, Agent>;
  readonly tokens: Record<Actor, string>;
  readonly users: Record<Role, { id: number; email: string; password: string }>;
  readonly ids: {
    inviteToken: string;
    resetToken: string;
    unsubscribeToken: string;
    emailChangeToken: string;
    /** A message kept unsent (mail is not configured in tests): it can be sent again. */
    outboxMessage: number;
    /** A webhook endpoint with one failed delivery (to send again), and another endpoint to delete. */
    webhook: number;
    webhookDelivery: number;
    deletableWebhook: number;
    invitedUser: number;
    roleTarget: number;
    deactivateTarget: number;
    reactivateTarget: number;
    salesRole: number;
    rubric: number;
    /** Visible to the hiring manager; the hiring flow's fixtures hang on it. */
    opening: number;
    /** Edited by the opening properties, so changes there cannot take the main opening away from anyone. */
    editableOpening: number;
    /** The main opening's posting on the careers page (published). */
    postingSlug: string;
    /** Someone else's opening: the hiring manager and interviewer may not see it. */
    otherOpening: number;
    candidate: number;
    otherCandidate: number;
    erasableCandidate: number;
    /** A candidate and a second record of them, merged by the merge properties (nothing else hangs on either). */
    mergeKept: number;
    mergeDuplicate: number;
    application: number;
    otherApplication: number;
    interview: number;
    otherInterview: number;
    reschedulable: number;
    cancellable: number;
    plan: number;
    otherPlan: number;
    hireTask: number;
    otherHireTask: number;
    signOffTask: number;
    template: number;
    templateTask: number;
    deletableTemplateTask: number;
    /** A spreadsheet the recruiter uploaded for import (kept a year: the properties preview it), and one they may cancel. */
    candidateImport: number;
    discardableImport: number;
    /** The recruiter's API token (revoked by the revoke properties; revoking twice changes nothing). */
    apiToken: number;
  };
}

async function agentFor(app: Server, user: { email: string; password: string }): Promise<{ agent: Agent; token: string }> {
  const agent = await signIn(app as unknown as Express, user.email, user.password);
  return { agent, token: await csrfToken(agent, '/') };
}

export async function buildWorld(app: Server, db: Kysely<Database>, inviteTtlMs: number): Promise<World> {
  const now = new Date();
  const users = {
    admin: await createUser(db, 'admin', { name: 'Ada Admin' }),
    recruiter: await createUser(db, 'recruiter', { name: 'Rita Recruiter' }),
    hiring_manager: await createUser(db, 'hiring_manager', { name: 'Hal Manager' }),
    interviewer: await createUser(db, 'interviewer', { name: 'Ivo Interviewer' }),
    new_hire: await createUser(db, 'new_hire', { name: 'Nina Newhire' }),
  };
  const otherManager = await createUser(db, 'hiring_manager', { name: 'Olaf Othermanager' });
  const otherInterviewer = await createUser(db, 'interviewer', { name: 'Oona Otherinterviewer' });
  const otherHire = await createUser(db, 'new_hire', { name: 'Otto Otherhire' });

  const opening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: users.hiring_manager.id, title: 'AE Berlin' });
  const editableOpening = await makeOpening(db, { roleKey: 'ae', hiringManagerId: users.hiring_manager.id, title: 'AE Munich' });
  const otherOpening = await makeOpening(db, { roleKey: 'sdr_outbound', hiringManagerId: otherManager.id, title: 'SDR Vienna' });
  await savePosting(useCaseDeps(db, { clock: { now: () => now } }), actingAs(users.recruiter.id, 'recruiter'), opening.id, { published: true, publicTitle: 'AE Berlin', description: 'We **sell**.', location: 'Berlin', employmentType: 'full_time', slug: 'ae-berlin' });
  const candidate = await makeCandidate(db, { name: 'Carla Candidate' });
  const otherCandidate = await makeCandidate(db, { name: 'Oskar Othercandidate' });
  const erasableCandidate = await makeCandidate(db, { name: 'Erin Erasable' });
  const mergeKept = await makeCandidate(db, { name: 'Mona Merged', email: 'mona.merged@example.test' });
  const mergeDuplicate = await makeCandidate(db, { name: 'Mona Merged', email: 'mona.merged+jobs@example.test' });
  const deps = useCaseDeps(db, { clock: { now: () => now } });
  const recruiter = actingAs(users.recruiter.id, 'recruiter');
  const application = await applyCandidate(db, candidate, opening.id, users.recruiter.id, deps);
  const otherApplication = await applyCandidate(db, otherCandidate, otherOpening.id, users.recruiter.id, deps);
  const interview = await scheduleInterview(deps, recruiter, application, { stageId: opening.stages[1]!.id, scheduledAt: null, interviewerIds: [users.interviewer.id, users.hiring_manager.id] });
  const otherInterview = await scheduleInterview(deps, recruiter, otherApplication, { stageId: otherOpening.stages[1]!.id, scheduledAt: null, interviewerIds: [otherInterviewer.id] });
  // Interviews to reschedule and to cancel, on a panel of their own (nobody else's scorecards or views change).
  const panelist = await createUser(db, 'interviewer', { name: 'Pia Panelist' });
  const later = new Date(now.getTime() + 7 * 86_400_000).toISOString();
  const reschedulable = await scheduleInterview(deps, recruiter, application, { stageId: opening.stages[2]!.id, scheduledAt: later, interviewerIds: [panelist.id] });
  const cancellable = await scheduleInterview(deps, recruiter, application, { stageId: opening.stages[2]!.id, scheduledAt: later, interviewerIds: [panelist.id] });

  await seedOnboardingTemplates(db, 'en', now);
  const templates = await listTemplates(db, 'en');
  const template = templates.find((t) => t.roleKey === 'ae')!;
  const templateTasks = await listTemplateTasks(db, template.id, null);
  const plan = await runInUnitOfWork(deps, (uow) =>
    createPlanIn(uow, users.admin.id, { newHireId: users.new_hire.id, roleId: template.roleId, startDate: now.toISOString().slice(0, 10), managerId: users.hiring_manager.id, buddyId: null, productLeadId: null, csLeadId: null, sdrLeadId: null }),
  );
  const otherPlan = await runInUnitOfWork(deps, (uow) =>
    createPlanIn(uow, users.admin.id, { newHireId: otherHire.id, roleId: template.roleId, startDate: now.toISOString().slice(0, 10), managerId: otherManager.id, buddyId: null, productLeadId: null, csLeadId: null, sdrLeadId: null }),
  );
  const tasks = await listPlanTasks(db, [plan], null);
  // The new hire marks any task of their plan done; the manager signs off those that say so.
  const hireTask = tasks.find((t) => t.signOff === 'none' && !t.evidenceRequired && t.kind !== 'review')!;
  const signOff = tasks.find((t) => t.signOff === 'manager' && t.kind !== 'review')!;
  await db.updateTable('onboarding_plan_tasks').set({ done_at: now.toISOString(), done_by: users.new_hire.id }).where('id', '=', signOff.id).execute();
  const otherHireTask = (await listPlanTasks(db, [otherPlan], null)).find((t) => t.signOff === 'manager' && t.kind !== 'review')!;

  const invited = await inviteUser({ ...deps, inviteTtlMs }, actingAs(users.admin.id), { name: 'Ines Invited', email: 'ines.invited@example.test', role: 'interviewer' });
  const reInvited = await inviteUser({ ...deps, inviteTtlMs }, actingAs(users.admin.id), { name: 'Ivan Reinvited', email: 'ivan.reinvited@example.test', role: 'interviewer' });
  const resetTarget = await createUser(db, 'interviewer', { name: 'Rita Resettarget' });
  const reset = await createPasswordReset(db, resetTarget.id, now, 3_600_000);
  const emailChanger = await createUser(db, 'interviewer', { name: 'Emil Emailchanger' });
  const emailChange = await createEmailChange(db, emailChanger.id, 'emil.moved@example.test', now, 86_400_000);
  const unsubscribeToken = await createUnsubscribeToken(db, users.new_hire.id, 'welcome', new Date(now.getTime() + 86_400_000));
  const outboxMessage = (await db.selectFrom('outbox_messages').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const endpointFields = { url: 'https://hooks.example.test/salesbench', description: 'HR', events: ['candidate.hired'], allowHttp: false, allowPrivate: false, enabled: true };
  const webhook = (await createEndpoint(deps, actingAs(users.admin.id), endpointFields)).id;
  const deletableWebhook = (await createEndpoint(deps, actingAs(users.admin.id), endpointFields)).id;
  await insertDelivery(db, { deliveryId: '00000000-0000-4000-8000-000000000001', endpointId: webhook, event: 'candidate.hired', payload: '{"id":"00000000-0000-4000-8000-000000000001"}' }, now);
  await db.updateTable('webhook_deliveries').set({ state: 'failed', attempts: 8, last_status: 500 }).execute();
  const webhookDelivery = (await db.selectFrom('webhook_deliveries').select('id').executeTakeFirstOrThrow()).id;
  const roleTarget = await createUser(db, 'interviewer', { name: 'Rolf Roletarget' });
  const deactivateTarget = await createUser(db, 'interviewer', { name: 'Dora Deactivatetarget' });
  const reactivateTarget = await createUser(db, 'interviewer', { name: 'Rene Reactivatetarget' });
  await updateUser(db, reactivateTarget.id, { status: 'deactivated' }, now);

  const salesRole = (await db.selectFrom('sales_roles').select('id').orderBy('position').executeTakeFirstOrThrow()).id;
  const rubric = (await db.selectFrom('rubrics').select('id').where('role_id', '=', salesRole).executeTakeFirstOrThrow()).id;

  const agents = {} as Record<Actor, Agent>;
  const tokens = {} as Record<Actor, string>;
  for (const role of Object.keys(users) as Role[]) {
    const signedIn = await agentFor(app, users[role]);
    agents[role] = signedIn.agent;
    tokens[role] = signedIn.token;
  }
  const spreadsheet = (name: string) => storeImportFile(db, { userId: users.recruiter.id, fileName: `${name}.csv`, bytes: Buffer.from(`Name,Email,Notes\n${name} Person,${name}@import.test,"a, b"\n`) }, new Date(), new Date(Date.now() + 365 * 24 * 3600 * 1000));
  const apiToken = (await insertToken(db, { userId: users.recruiter.id, kind: 'personal', name: 'Fixture', scopes: ['read'], createdBy: users.recruiter.id, expiresAt: new Date(now.getTime() + 86_400_000 * 30).toISOString() }, now)).id;
  const candidateImport = await spreadsheet('preview');
  const discardableImport = await spreadsheet('discard');
  agents.anonymous = request.agent(app);
  tokens.anonymous = await csrfToken(agents.anonymous, '/login');

  return {
    agents,
    tokens,
    users,
    ids: {
      inviteToken: invited.token,
      resetToken: reset.token,
      unsubscribeToken,
      emailChangeToken: emailChange.token,
      outboxMessage,
      webhook,
      webhookDelivery,
      deletableWebhook,
      invitedUser: reInvited.userId,
      roleTarget: roleTarget.id,
      deactivateTarget: deactivateTarget.id,
      reactivateTarget: reactivateTarget.id,
      salesRole,
      rubric,
      opening: opening.id,
      editableOpening: editableOpening.id,
      postingSlug: 'ae-berlin',
      otherOpening: otherOpening.id,
      candidate,
      otherCandidate,
      erasableCandidate,
      mergeKept,
      mergeDuplicate,
      application,
      otherApplication,
      interview,
      otherInterview,
      reschedulable,
      cancellable,
      plan,
      otherPlan,
      hireTask: hireTask.id,
      otherHireTask: otherHireTask.id,
      signOffTask: signOff.id,
      template: template.id,
      templateTask: templateTasks[0]!.id,
      deletableTemplateTask: templateTasks[templateTasks.length - 1]!.id,
      candidateImport,
      discardableImport,
      apiToken,
    },
  };
}
