import type { Kysely } from 'kysely';

/**
 * One row counting committed units of work: every use case's transaction adds one as its last
 * statement, so a page that keeps what it computed (the reports) can tell, with one indexed read,
 * whether anything was written since.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('data_version').values({ id: 1, version: 0 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('data_version').execute();
}
