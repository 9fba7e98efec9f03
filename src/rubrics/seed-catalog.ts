import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../db/database';
import { getCompanyLanguage } from '../settings/settings.service';
import { anyUserExists } from '../users/users.service';
import type { Language } from '../i18n/i18n';
import { countRoles } from '../roles/roles.service';
import { CORE_DIMENSIONS, DEFAULT_ROLES, type DefaultDimension, ROLE_DIMENSIONS } from './default-content';
import { insertRubric, insertVersion, type SeededDimension } from './rubrics.repository';
import { dimensionSeedKey } from '../i18n/seeded-texts';
import { seedOnboardingTemplates } from '../onboarding/seed-templates';
import { lockStartUpSeeding } from '../db/locks';

function localise(roleKey: string, dimension: DefaultDimension, language: Language): SeededDimension {
  return {
    seedKey: dimensionSeedKey(roleKey, dimension.key),
    key: dimension.key,
    group: dimension.group,
    name: dimension.name[language],
    description: dimension.description[language],
    weight: dimension.weight,
    knockout: dimension.knockout,
    threshold: dimension.threshold,
    trait: dimension.trait,
    anchors: [dimension.anchors[0][language], dimension.anchors[1][language], dimension.anchors[2][language], dimension.anchors[3][language]],
    questions: dimension.questions.map((q) => q[language]),
  };
}

/** The default dimensions of a role's rubric, with their seed keys: the core group, then the role's skills. */
export function defaultDimensions(roleKey: (typeof DEFAULT_ROLES)[number]['key'], language: Language): SeededDimension[] {
  return [...CORE_DIMENSIONS, ...ROLE_DIMENSIONS[roleKey]].map((d) => localise(roleKey, d, language));
}

/**
 * Seeds the five sales roles and their rubrics (version 1) in the company's language, once, each
 * row keeping its seed key so that readers see it in their own language until an admin edits it.
 * Returns false when roles already exist. Call inside a transaction.
 */
export async function seedRolesAndRubrics(db: DbOrTrx, language: Language, now: Date): Promise<boolean> {
  if ((await countRoles(db)) > 0) return false;
  for (const [position, role] of DEFAULT_ROLES.entries()) {
    const { id: roleId } = await db
      .insertInto('sales_roles')
      .values({
        key: role.key,
        name: role.name[language],
        summary: role.summary[language],
        hands_off_to: role.handsOffTo[language],
        pay_model: role.payModel[language],
        rubric_note: role.rubricNote[language],
        seed_key: role.key,
        position,
        updated_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rubricId = await insertRubric(db, roleId, now);
    await insertVersion(db, rubricId, 1, defaultDimensions(role.key, language), { note: null, createdBy: null }, now);
  }
  return true;
}

/** For installations set up before roles existed: seeds them in the company language once setup is done. */
export async function ensureRolesSeeded(db: Kysely<Database>, now: Date): Promise<boolean> {
  if (!(await anyUserExists(db))) return false;
  const language = await getCompanyLanguage(db);
  return db.transaction().execute(async (trx) => {
    await lockStartUpSeeding(trx);
    const seeded = await seedRolesAndRubrics(trx, language, now);
    await seedOnboardingTemplates(trx, language, now);
    return seeded;
  });
}
