import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import type { Language } from '../i18n/i18n';
import { seedOnboardingTemplates } from '../onboarding/seed-templates';
import { seedRolesAndRubrics } from '../rubrics/seed-catalog';
import { startCompanyIn } from '../settings/settings.use-cases';
import { createFirstAdminIn } from '../users/users.use-cases';

/**
 * Sets up a new installation: the first admin, the company's language, and the sales roles, rubrics
 * and onboarding templates written in it. All or nothing; a second set-up at the same moment fails.
 */
export async function completeSetup(deps: UseCaseDeps, input: { name: string; email: string; passwordHash: string; language: Language; timeZone?: string }): Promise<number> {
  return runInUnitOfWork(deps, async (uow) => {
    await startCompanyIn(uow, input.language, input.timeZone ?? 'UTC');
    const adminId = await createFirstAdminIn(uow, input);
    await seedRolesAndRubrics(uow.trx, input.language, uow.now);
    await seedOnboardingTemplates(uow.trx, input.language, uow.now);
    uow.record({ type: 'SetupCompleted', actorId: adminId, subject: { type: 'user', id: adminId }, adminId });
    return adminId;
  });
}
