import { type Kysely, sql } from 'kysely';

/**
 * One onboarding plan per hired application, as a constraint of the database: a unique index on
 * the plan's application where it has one (a partial index, on SQLite and PostgreSQL alike; plans
 * made for someone without a recorded hire keep a null application and are not limited). Should an
 * installation already hold two plans of one application, the earliest keeps the link and the later
 * ones keep their tasks and people but no longer count as plans of that hire.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update onboarding_plans set application_id = null
    where application_id is not null
      and exists (select 1 from onboarding_plans earlier where earlier.application_id = onboarding_plans.application_id and earlier.id < onboarding_plans.id)`.execute(db);
  await sql`create unique index onboarding_plans_application_unique on onboarding_plans (application_id) where application_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('onboarding_plans_application_unique').execute();
}
