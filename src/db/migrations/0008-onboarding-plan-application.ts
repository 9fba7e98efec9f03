import type { Kysely } from 'kysely';

/** Links an onboarding plan to the application it was hired from, so reviews can be compared with interview scores. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('onboarding_plans')
    .addColumn('application_id', 'integer', (c) => c.references('applications.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('onboarding_plans_application_idx').on('onboarding_plans').column('application_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('onboarding_plans_application_idx').execute();
  await db.schema.alterTable('onboarding_plans').dropColumn('application_id').execute();
}
