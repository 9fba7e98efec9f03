import type { Selectable } from 'kysely';
import type { DbOrTrx as Db } from '../db/database';
import type { OnboardingTemplateTasksTable } from '../db/onboarding-tables';
import type { Language } from '../i18n/i18n';
import { seededRole, seededTask } from '../i18n/seeded-texts';
import type { TaskTemplate } from './plan';

/* Onboarding templates: a role's tasks, copied into each new hire's plan. */

export interface TemplateSummary {
  readonly id: number;
  readonly roleId: number;
  readonly roleKey: string;
  readonly roleName: string;
  readonly taskCount: number;
  readonly updatedAt: string;
}

export interface TemplateTaskRecord extends TaskTemplate {
  readonly id: number;
  readonly templateId: number;
  readonly position: number;
}

type TaskColumns = Pick<Selectable<OnboardingTemplateTasksTable>, 'track' | 'title' | 'description' | 'owner_role' | 'due_day' | 'sign_off' | 'evidence_required' | 'required' | 'kind' | 'seed_key'>;

/** A task in the reader's language (seeded: the catalogue's words; edited: as written); `null`: as stored. */
export function toTaskTemplate(row: TaskColumns, language: Language | null): TaskTemplate {
  const seeded = language === null ? undefined : seededTask(row.seed_key, language);
  return {
    track: row.track,
    title: row.title,
    description: row.description,
    ownerRole: row.owner_role,
    dueDay: Number(row.due_day),
    signOff: row.sign_off,
    evidenceRequired: Number(row.evidence_required) === 1,
    required: Number(row.required) === 1,
    kind: row.kind,
    seedKey: row.seed_key,
    ...seeded,
  };
}

export function taskColumns(task: TaskTemplate): TaskColumns {
  return {
    track: task.track,
    title: task.title,
    description: task.description,
    owner_role: task.ownerRole,
    due_day: task.dueDay,
    sign_off: task.signOff,
    evidence_required: task.evidenceRequired ? 1 : 0,
    required: task.required ? 1 : 0,
    kind: task.kind,
    seed_key: task.seedKey ?? null,
  };
}

function selectTemplates(db: Db) {
  return db
    .selectFrom('onboarding_templates as t')
    .innerJoin('sales_roles as r', 'r.id', 't.role_id')
    .select(['t.id', 't.role_id', 't.updated_at', 'r.key as role_key', 'r.name as role_name', 'r.seed_key as role_seed_key', 'r.position'])
    .select((eb) => eb.selectFrom('onboarding_template_tasks as tt').whereRef('tt.template_id', '=', 't.id').select(eb.fn.countAll<number>().as('n')).as('task_count'));
}

type TemplateRow = Awaited<ReturnType<ReturnType<typeof selectTemplates>['executeTakeFirstOrThrow']>>;

function toTemplateSummary(row: TemplateRow, language: Language): TemplateSummary {
  return { id: row.id, roleId: row.role_id, roleKey: row.role_key, roleName: seededRole(row.role_seed_key, language)?.name ?? row.role_name, taskCount: Number(row.task_count ?? 0), updatedAt: row.updated_at };
}

export async function listTemplates(db: Db, language: Language): Promise<TemplateSummary[]> {
  return (await selectTemplates(db).orderBy('r.position').execute()).map((row) => toTemplateSummary(row, language));
}

export async function findTemplate(db: Db, id: number, language: Language): Promise<TemplateSummary | undefined> {
  const row = await selectTemplates(db).where('t.id', '=', id).executeTakeFirst();
  return row && toTemplateSummary(row, language);
}

export async function findTemplateByRole(db: Db, roleId: number, language: Language): Promise<TemplateSummary | undefined> {
  const row = await selectTemplates(db).where('t.role_id', '=', roleId).executeTakeFirst();
  return row && toTemplateSummary(row, language);
}

export async function insertTemplate(db: Db, roleId: number, now: Date): Promise<number> {
  const row = await db.insertInto('onboarding_templates').values({ role_id: roleId, updated_by: null, updated_at: now.toISOString() }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function touchTemplate(db: Db, id: number, userId: number, now: Date): Promise<void> {
  await db.updateTable('onboarding_templates').set({ updated_by: userId, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function listTemplateTasks(db: Db, templateId: number, language: Language | null): Promise<TemplateTaskRecord[]> {
  const rows = await db.selectFrom('onboarding_template_tasks').selectAll().where('template_id', '=', templateId).orderBy('position').orderBy('id').execute();
  return rows.map((row) => ({ ...toTaskTemplate(row, language), id: row.id, templateId: row.template_id, position: Number(row.position) }));
}

export async function insertTemplateTask(db: Db, templateId: number, task: TaskTemplate, position: number): Promise<number> {
  const row = await db
    .insertInto('onboarding_template_tasks')
    .values({ template_id: templateId, ...taskColumns(task), position })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTemplateTask(db: Db, id: number, task: TaskTemplate): Promise<void> {
  await db.updateTable('onboarding_template_tasks').set(taskColumns(task)).where('id', '=', id).execute();
}

export async function deleteTemplateTask(db: Db, id: number): Promise<void> {
  await db.deleteFrom('onboarding_template_tasks').where('id', '=', id).execute();
}
