import type { Kysely } from 'kysely';
import { isPostgres, withId } from './helpers';

export async function up(db: Kysely<any>): Promise<void> {
  const real = isPostgres(db) ? 'double precision' : 'real';

  await withId(db, db.schema.createTable('sales_roles'))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('hands_off_to', 'text', (c) => c.notNull())
    .addColumn('pay_model', 'text', (c) => c.notNull())
    .addColumn('rubric_note', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('rubrics'))
    .addColumn('role_id', 'integer', (c) => c.notNull().unique().references('sales_roles.id').onDelete('restrict'))
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Versions are immutable: an edit writes a new version, so anything scored keeps the one it used.
  await withId(db, db.schema.createTable('rubric_versions'))
    .addColumn('rubric_id', 'integer', (c) => c.notNull().references('rubrics.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('rubric_versions_rubric_version_uq', ['rubric_id', 'version'])
    .execute();

  await withId(db, db.schema.createTable('rubric_dimensions'))
    .addColumn('version_id', 'integer', (c) => c.notNull().references('rubric_versions.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('dimension_group', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('weight', real, (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('knockout', 'integer', (c) => c.notNull())
    .addColumn('threshold', real)
    .addColumn('trait', 'text')
    .addColumn('anchor_1', 'text', (c) => c.notNull())
    .addColumn('anchor_2', 'text', (c) => c.notNull())
    .addColumn('anchor_3', 'text', (c) => c.notNull())
    .addColumn('anchor_4', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull())
    .addUniqueConstraint('rubric_dimensions_version_key_uq', ['version_id', 'key'])
    .execute();
  await db.schema.createIndex('rubric_dimensions_version_position_idx').on('rubric_dimensions').columns(['version_id', 'position']).execute();

  await db.schema
    .createTable('team_plans')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['team_plans', 'rubric_dimensions', 'rubric_versions', 'rubrics', 'sales_roles']) {
    await db.schema.dropTable(table).execute();
  }
}
