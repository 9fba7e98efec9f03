import type { Kysely } from 'kysely';
import { CATALOGS, LANGUAGES, type MessageKey } from '../../i18n/i18n';
import { dimensionSeedKey, type DimensionTexts, sameAsSeeded, seededDimension, seededRole, seededTask, taskSeedKey } from '../../i18n/seeded-texts';
import { DEFAULT_TEMPLATES } from '../../onboarding/default-templates';
import { ROLE_KEYS, type RoleKey } from '../../rubrics/default-content';

const TABLES = ['sales_roles', 'rubric_dimensions', 'interview_stages', 'onboarding_template_tasks', 'onboarding_plan_tasks'] as const;

/** Sets `seed_key` on the rows whose ids are listed under it, a statement per key (not per row). */
async function fill(db: Kysely<any>, table: string, keys: Map<string, number[]>): Promise<void> {
  for (const [seedKey, ids] of keys) {
    for (let start = 0; start < ids.length; start += 500) {
      await db.updateTable(table).set({ seed_key: seedKey }).where('id', 'in', ids.slice(start, start + 500)).execute();
    }
  }
}

function add(keys: Map<string, number[]>, seedKey: string, id: number): void {
  keys.set(seedKey, [...(keys.get(seedKey) ?? []), id]);
}

function roleKeyOf(value: string): RoleKey | undefined {
  return ROLE_KEYS.find((key) => key === value);
}

/**
 * Seeded texts follow the reader's language: each seeded row keeps the key of its catalogue entry
 * (null once an admin edits it). Rows of existing installations get their key when their words are
 * still exactly the catalogue's, in either language; anything edited keeps showing as written.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).addColumn('seed_key', 'text').execute();

  const roles: { id: number; key: string; name: string; summary: string; hands_off_to: string; pay_model: string; rubric_note: string }[] = await db.selectFrom('sales_roles').select(['id', 'key', 'name', 'summary', 'hands_off_to', 'pay_model', 'rubric_note']).execute();
  const roleKeys = new Map<string, number[]>();
  for (const role of roles) {
    const texts = { name: role.name, summary: role.summary, handsOffTo: role.hands_off_to, payModel: role.pay_model, rubricNote: role.rubric_note };
    if (sameAsSeeded((language) => seededRole(role.key, language), texts)) add(roleKeys, role.key, role.id);
  }
  await fill(db, 'sales_roles', roleKeys);

  const dimensions: { id: number; key: string; role_key: string; name: string; description: string; anchor_1: string; anchor_2: string; anchor_3: string; anchor_4: string; questions: string }[] = await db
    .selectFrom('rubric_dimensions')
    .innerJoin('rubric_versions', 'rubric_versions.id', 'rubric_dimensions.version_id')
    .innerJoin('rubrics', 'rubrics.id', 'rubric_versions.rubric_id')
    .innerJoin('sales_roles', 'sales_roles.id', 'rubrics.role_id')
    .select(['rubric_dimensions.id', 'rubric_dimensions.key', 'sales_roles.key as role_key', 'rubric_dimensions.name', 'rubric_dimensions.description', 'rubric_dimensions.anchor_1', 'rubric_dimensions.anchor_2', 'rubric_dimensions.anchor_3', 'rubric_dimensions.anchor_4', 'rubric_dimensions.questions'])
    .execute();
  const dimensionKeys = new Map<string, number[]>();
  for (const d of dimensions) {
    const seedKey = dimensionSeedKey(d.role_key, d.key);
    const texts: DimensionTexts = { name: d.name, description: d.description, anchors: [d.anchor_1, d.anchor_2, d.anchor_3, d.anchor_4], questions: d.questions === '' ? [] : d.questions.split('\n') };
    if (sameAsSeeded((language) => seededDimension(seedKey, language), texts)) add(dimensionKeys, seedKey, d.id);
  }
  await fill(db, 'rubric_dimensions', dimensionKeys);

  const stageKeyByName = new Map<string, MessageKey>();
  for (const key of Object.keys(CATALOGS.en) as MessageKey[]) {
    if (key.startsWith('stage.')) for (const language of LANGUAGES) stageKeyByName.set(CATALOGS[language][key], key);
  }
  const stages: { id: number; name: string }[] = await db.selectFrom('interview_stages').select(['id', 'name']).execute();
  const stageKeys = new Map<string, number[]>();
  for (const stage of stages) {
    const key = stageKeyByName.get(stage.name);
    if (key) add(stageKeys, key, stage.id);
  }
  await fill(db, 'interview_stages', stageKeys);

  const matchTask = (roleKey: string, title: string, description: string): string | undefined => {
    const role = roleKeyOf(roleKey);
    if (!role) return undefined;
    const index = DEFAULT_TEMPLATES[role].findIndex((_, i) => sameAsSeeded((language) => seededTask(taskSeedKey(role, i), language), { title, description }));
    return index < 0 ? undefined : taskSeedKey(role, index);
  };
  const templateTasks: { id: number; role_key: string; title: string; description: string }[] = await db
    .selectFrom('onboarding_template_tasks')
    .innerJoin('onboarding_templates', 'onboarding_templates.id', 'onboarding_template_tasks.template_id')
    .innerJoin('sales_roles', 'sales_roles.id', 'onboarding_templates.role_id')
    .select(['onboarding_template_tasks.id', 'sales_roles.key as role_key', 'onboarding_template_tasks.title', 'onboarding_template_tasks.description'])
    .execute();
  const templateKeys = new Map<string, number[]>();
  for (const task of templateTasks) {
    const key = matchTask(task.role_key, task.title, task.description);
    if (key) add(templateKeys, key, task.id);
  }
  await fill(db, 'onboarding_template_tasks', templateKeys);

  const planTasks: { id: number; role_key: string; title: string; description: string }[] = await db
    .selectFrom('onboarding_plan_tasks')
    .innerJoin('onboarding_plans', 'onboarding_plans.id', 'onboarding_plan_tasks.plan_id')
    .innerJoin('sales_roles', 'sales_roles.id', 'onboarding_plans.role_id')
    .select(['onboarding_plan_tasks.id', 'sales_roles.key as role_key', 'onboarding_plan_tasks.title', 'onboarding_plan_tasks.description'])
    .execute();
  const planKeys = new Map<string, number[]>();
  for (const task of planTasks) {
    const key = matchTask(task.role_key, task.title, task.description);
    if (key) add(planKeys, key, task.id);
  }
  await fill(db, 'onboarding_plan_tasks', planKeys);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [...TABLES].reverse()) await db.schema.alterTable(table).dropColumn('seed_key').execute();
}
