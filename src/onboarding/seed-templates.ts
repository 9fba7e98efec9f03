import type { DbOrTrx } from '../db/database';
import type { Language } from '../i18n/i18n';
import { taskSeedKey } from '../i18n/seeded-texts';
import { ROLE_KEYS, type RoleKey } from '../rubrics/default-content';
import { DEFAULT_TEMPLATES } from './default-templates';
import { findTemplateByRole, insertTemplate, insertTemplateTask } from './onboarding-templates.repository';
import type { TaskTemplate } from './plan';

/** A default template's tasks in one language. */
export function defaultTemplateTasks(roleKey: RoleKey, language: Language): TaskTemplate[] {
  return DEFAULT_TEMPLATES[roleKey].map((task, index) => ({
    seedKey: taskSeedKey(roleKey, index),
    track: task.track,
    title: task.title[language],
    description: task.description[language],
    ownerRole: task.owner,
    dueDay: task.day,
    signOff: task.signOff,
    evidenceRequired: task.evidence,
    required: task.required,
    kind: task.kind,
  }));
}

/**
 * Gives every default sales role that has no onboarding template yet its default one, in the
 * company language. Safe to call again: roles that have a template keep it. Call inside a
 * transaction, after the roles are seeded. Returns how many templates were created.
 */
export async function seedOnboardingTemplates(db: DbOrTrx, language: Language, now: Date): Promise<number> {
  const roles = await db.selectFrom('sales_roles').select(['id', 'key']).orderBy('position').execute();
  let created = 0;
  for (const role of roles) {
    const key = ROLE_KEYS.find((k) => k === role.key);
    if (!key || (await findTemplateByRole(db, role.id, language))) continue;
    const templateId = await insertTemplate(db, role.id, now);
    for (const [position, task] of defaultTemplateTasks(key, language).entries()) await insertTemplateTask(db, templateId, task, position);
    created += 1;
  }
  return created;
}
