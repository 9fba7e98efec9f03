import type { Kysely } from 'kysely';
import { withId } from './helpers';

export async function up(db: Kysely<any>): Promise<void> {
  // One template per sales role; its tasks are copied into a plan when the plan is created.
  await withId(db, db.schema.createTable('onboarding_templates'))
    .addColumn('role_id', 'integer', (c) => c.notNull().unique().references('sales_roles.id').onDelete('restrict'))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('onboarding_template_tasks'))
    .addColumn('template_id', 'integer', (c) => c.notNull().references('onboarding_templates.id').onDelete('cascade'))
    .addColumn('track', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_role', 'text', (c) => c.notNull())
    .addColumn('due_day', 'integer', (c) => c.notNull())
    .addColumn('sign_off', 'text', (c) => c.notNull())
    .addColumn('evidence_required', 'integer', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('onboarding_template_tasks_template_idx').on('onboarding_template_tasks').columns(['template_id', 'position']).execute();

  // One plan per person. The 90-day review lives on the plan so reports can join it to hiring data.
  await withId(db, db.schema.createTable('onboarding_plans'))
    .addColumn('new_hire_id', 'integer', (c) => c.notNull().unique().references('users.id').onDelete('restrict'))
    .addColumn('role_id', 'integer', (c) => c.notNull().references('sales_roles.id').onDelete('restrict'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'integer', (c) => c.notNull().references('users.id').onDelete('restrict'))
    .addColumn('buddy_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('product_lead_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('cs_lead_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('sdr_lead_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('review_rating', 'integer')
    .addColumn('review_note', 'text')
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_at', 'text')
    .execute();
  await db.schema.createIndex('onboarding_plans_manager_idx').on('onboarding_plans').column('manager_id').execute();

  await withId(db, db.schema.createTable('onboarding_plan_tasks'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('onboarding_plans.id').onDelete('cascade'))
    .addColumn('track', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_role', 'text', (c) => c.notNull())
    .addColumn('due_day', 'integer', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('sign_off', 'text', (c) => c.notNull())
    .addColumn('evidence_required', 'integer', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('evidence_note', 'text')
    .addColumn('evidence_file_id', 'integer', (c) => c.references('stored_files.id').onDelete('set null'))
    .addColumn('signed_off_at', 'text')
    .addColumn('signed_off_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('returned_at', 'text')
    .addColumn('returned_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('return_comment', 'text')
    .execute();
  await db.schema.createIndex('onboarding_plan_tasks_plan_idx').on('onboarding_plan_tasks').columns(['plan_id', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['onboarding_plan_tasks', 'onboarding_plans', 'onboarding_template_tasks', 'onboarding_templates']) {
    await db.schema.dropTable(table).execute();
  }
}
