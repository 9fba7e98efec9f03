import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../src/db/database';
import { addDays, compareTasks } from '../../src/onboarding/plan';
import { seedOnboardingTemplates } from '../../src/onboarding/seed-templates';

/**
 * Gives every onboarding plan that has no tasks yet the tasks of its role's template, as creating
 * the plan would have, and a realistic state: a completed plan has every task done (and signed off
 * where the task asks for it); an open one has the tasks due before `today` done, all but one in
 * seven, and half of those awaiting sign-off signed off. Returns how many tasks were written.
 */
export async function seedPlanTasks(db: Kysely<Database>, now: Date): Promise<number> {
  const iso = now.toISOString();
  const today = iso.slice(0, 10);
  // A database seeded before the roles had templates gets the default ones first.
  await db.transaction().execute((trx) => seedOnboardingTemplates(trx, 'en', now));
  const templateTasks = await db
    .selectFrom('onboarding_template_tasks as tt')
    .innerJoin('onboarding_templates as t', 't.id', 'tt.template_id')
    .select(['t.role_id', 'tt.track', 'tt.title', 'tt.description', 'tt.owner_role', 'tt.due_day', 'tt.sign_off', 'tt.evidence_required', 'tt.required', 'tt.kind', 'tt.position', 'tt.seed_key'])
    .execute();
  const byRole = new Map<number, typeof templateTasks>();
  for (const task of templateTasks) byRole.set(task.role_id, [...(byRole.get(task.role_id) ?? []), task]);
  for (const tasks of byRole.values()) tasks.sort((a, b) => compareTasks({ track: a.track, dueDay: a.due_day, position: a.position }, { track: b.track, dueDay: b.due_day, position: b.position }));
  const plans = await db
    .selectFrom('onboarding_plans')
    .select(['id', 'role_id', 'start_date', 'completed_at', 'manager_id', 'new_hire_id'])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('onboarding_plan_tasks').select('onboarding_plan_tasks.id').whereRef('onboarding_plan_tasks.plan_id', '=', 'onboarding_plans.id'))))
    .orderBy('id')
    .execute();
  let written = 0;
  await db.transaction().execute(async (trx) => {
    let batch: Insertable<Database['onboarding_plan_tasks']>[] = [];
    const flush = async () => {
      if (batch.length > 0) await trx.insertInto('onboarding_plan_tasks').values(batch).execute();
      written += batch.length;
      batch = [];
    };
    for (const plan of plans) {
      for (const [index, task] of (byRole.get(plan.role_id) ?? []).entries()) {
        const dueDate = addDays(plan.start_date, task.due_day);
        const done = plan.completed_at !== null || (dueDate < today && (plan.id + index) % 7 !== 0);
        const signed = done && task.sign_off !== 'none' && (plan.completed_at !== null || (plan.id + index) % 2 === 0);
        const doneAt = done ? `${dueDate}T12:00:00.000Z` : null;
        batch.push({
          plan_id: plan.id, track: task.track, title: task.title, description: task.description, owner_role: task.owner_role, due_day: task.due_day, sign_off: task.sign_off,
          evidence_required: task.evidence_required, required: task.required, kind: task.kind, position: index, seed_key: task.seed_key, due_date: dueDate,
          done_at: doneAt, done_by: done ? plan.new_hire_id : null, evidence_note: done && task.evidence_required ? 'Notes from the session.' : null, evidence_file_id: null,
          signed_off_at: signed ? doneAt : null, signed_off_by: signed ? plan.manager_id : null, returned_at: null, returned_by: null, return_comment: null,
        });
        if (batch.length >= 1000) await flush();
      }
    }
    await flush();
  });
  return written;
}
