import type { Kysely } from 'kysely';
import type { Database } from '../../../src/db/database';
import { listPlanTasks, findPlanOfNewHire, type PlanTaskRecord } from '../../../src/onboarding/onboarding.repository';
import { listTemplates } from '../../../src/onboarding/onboarding-templates.repository';
import { seedOnboardingTemplates } from '../../../src/onboarding/seed-templates';
import { addDays, todayOf } from '../../../src/onboarding/plan';
import { seedRolesAndRubrics } from '../../../src/rubrics/seed-catalog';
import type { TestContext } from '../../helpers/test-context';
import { type Agent, csrfToken } from '../../helpers/web';

export async function seedCatalog(ctx: TestContext): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await seedRolesAndRubrics(trx, 'en', ctx.clock.now());
    await seedOnboardingTemplates(trx, 'en', ctx.clock.now());
  });
}

export async function roleIdOf(db: Kysely<Database>, key: string): Promise<number> {
  return (await listTemplates(db, 'en')).find((t) => t.roleKey === key)!.roleId;
}

export async function templateIdOf(db: Kysely<Database>, key: string): Promise<number> {
  return (await listTemplates(db, 'en')).find((t) => t.roleKey === key)!.id;
}

export function today(ctx: TestContext, plusDays = 0): string {
  return addDays(todayOf(ctx.clock.now()), plusDays);
}

/** Posts the new-plan form for an existing person; returns the response. */
export async function postPlan(agent: Agent, fields: Record<string, string>) {
  const token = await csrfToken(agent, '/onboarding/plans/new');
  return agent.post('/onboarding/plans').type('form').send({ _csrf: token, ...fields });
}

export async function tasksOf(db: Kysely<Database>, newHireId: number): Promise<PlanTaskRecord[]> {
  const plan = await findPlanOfNewHire(db, newHireId);
  if (!plan) throw new Error(`no plan for user ${newHireId}`);
  return listPlanTasks(db, [plan.id], null);
}

/** Marks a task done through the new hire's form (multipart, CSRF in the URL). */
export async function markDone(agent: Agent, taskId: number, options: { note?: string; file?: { content: Buffer; name: string } } = {}) {
  const token = await csrfToken(agent, '/onboarding');
  let req = agent.post(`/onboarding/tasks/${taskId}/done?_csrf=${encodeURIComponent(token)}`).field('note', options.note ?? '');
  if (options.file) req = req.attach('file', options.file.content, { filename: options.file.name, contentType: 'application/octet-stream' });
  return req;
}

export const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
