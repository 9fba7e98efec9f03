import type { DbOrTrx } from '../db/database';
import type { UnitOfWork } from '../events/unit-of-work';
import { checkPasswordPolicy, hashPassword } from '../auth/passwords';
import type { Language } from '../i18n/i18n';
import { insertUser } from '../users/users.repository';
import { findPlan, listPlanTasks, markPlanTaskDone, sendBackPlanTask, signOffPlanTask } from '../onboarding/onboarding.repository';
import { addDays, signerOf, todayOf } from '../onboarding/plan';
import { createPlanIn } from '../onboarding/plans.use-cases';

const NOTE = {
  en: 'Done. Notes from the session: what went well, what I will do differently, and two questions I still have.',
  ru: 'Готово. Заметки по итогам: что получилось, что сделаю иначе и два вопроса, которые у меня остались.',
};
const SENT_BACK = {
  en: 'Please attach the slides you used and write down the two questions you could not answer during the demo.',
  ru: 'Приложите, пожалуйста, слайды, которые вы использовали, и запишите два вопроса, на которые вы не смогли ответить во время демо.',
};

const SECOND_HIRE = { name: 'Sam Okafor', email: 'sam.okafor@demo.salesbench.test' };

/** A task finished `dueDay - 1` days after the start, at 10:00 UTC. */
function doneAt(startDate: string, dueDay: number): Date {
  return new Date(`${addDays(startDate, Math.max(dueDay - 1, 0))}T10:00:00Z`);
}

/**
 * Demo onboarding: the demo new hire is 40 days into the SDR – outbound plan (some tasks done and
 * signed off, one waiting for sign-off, one sent back, a few overdue); a second new hire, who can
 * sign in too, is 75 days into the Account Executive plan with the 90-day review ahead. Call inside
 * the demo transaction, after the roles and templates are seeded. Returns the second sign-in.
 */
export async function seedOnboardingDemo(uow: UnitOfWork, language: Language, passphrase: () => string): Promise<{ role: 'new_hire'; name: string; email: string; password: string }[]> {
  const { trx, now } = uow;
  const users = await trx.selectFrom('users').select(['id', 'role']).execute();
  const idOf = (role: string) => users.find((u) => u.role === role)?.id;
  const roles = await trx.selectFrom('sales_roles').select(['id', 'key']).execute();
  const roleId = (key: string) => roles.find((r) => r.key === key)?.id;
  const [newHire, manager, admin, interviewer] = [idOf('new_hire'), idOf('hiring_manager'), idOf('admin'), idOf('interviewer')];
  const sdrRole = roleId('sdr_outbound');
  const aeRole = roleId('ae');
  if (!newHire || !manager || !admin || !interviewer || !sdrRole || !aeRole) return [];

  let password = passphrase();
  while (checkPasswordPolicy(password)) password = passphrase();
  const secondId = await insertUser(trx, { ...SECOND_HIRE, role: 'new_hire', status: 'active', passwordHash: await hashPassword(password), language: null }, now);

  const today = todayOf(now);
  const people = { managerId: manager, buddyId: interviewer, productLeadId: admin, csLeadId: null, sdrLeadId: interviewer };

  // The demo new hire: 40 days in.
  const ninaStart = addDays(today, -40);
  const ninaPlan = await createPlanIn(uow, admin, { newHireId: newHire, roleId: sdrRole, startDate: ninaStart, ...people });
  await playTasks(trx, ninaPlan, ninaStart, language, (task) => {
    if (task.kind === 'review' || task.dueDay > 30) return 'open';
    if (task.dueDay === 20) return 'open';
    if (task.dueDay === 10) return 'sent_back';
    if (task.dueDay === 12) return 'awaiting';
    return 'complete';
  });

  // The second new hire: 75 days in, the 90-day review ahead.
  const samStart = addDays(today, -75);
  const samPlan = await createPlanIn(uow, admin, { newHireId: secondId, roleId: aeRole, startDate: samStart, ...people });
  await playTasks(trx, samPlan, samStart, language, (task) => {
    if (task.kind === 'review' || task.dueDay > 60) return 'open';
    if (task.dueDay === 60) return 'awaiting';
    return 'complete';
  });

  return [{ role: 'new_hire', ...SECOND_HIRE, password }];
}

type Outcome = 'open' | 'complete' | 'awaiting' | 'sent_back';

async function playTasks(trx: DbOrTrx, planId: number, startDate: string, language: Language, outcome: (task: { kind: string; dueDay: number }) => Outcome): Promise<void> {
  const plan = await findPlan(trx, planId);
  if (!plan) return;
  for (const task of await listPlanTasks(trx, [planId], null)) {
    const result = outcome(task);
    if (result === 'open') continue;
    const at = doneAt(startDate, task.dueDay);
    await markPlanTaskDone(trx, task.id, { by: plan.people.newHireId, note: task.evidenceRequired ? NOTE[language] : null, fileId: null }, at);
    const signer = signerOf(plan.people, task);
    if (signer === null) continue;
    const later = new Date(at.getTime() + 86_400_000);
    if (result === 'complete') await signOffPlanTask(trx, task.id, signer, later);
    if (result === 'sent_back') await sendBackPlanTask(trx, task.id, signer, SENT_BACK[language], later);
  }
}
