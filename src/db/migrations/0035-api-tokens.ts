import type { Kysely } from 'kysely';
import { withId } from './helpers';

/**
 * API tokens: a person's own (personal) or one an admin made for a chosen user (service). Only the
 * token's SHA-256 hash is kept. `scopes` is `read` or `read write`. A revoked or expired token stays
 * listed (with its last use) until someone deletes the user.
 *
 * api_request_counts: requests per token and minute, counted in the database so that every worker
 * and server over it shares one limit. Old minutes are deleted as new ones are counted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('api_tokens'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_tokens_user_idx').on('api_tokens').columns(['user_id', 'id']).execute();
  await db.schema
    .createTable('api_request_counts')
    .addColumn('token_id', 'integer', (c) => c.notNull().references('api_tokens.id').onDelete('cascade'))
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('api_request_counts_pk', ['token_id', 'window_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_request_counts').execute();
  await db.schema.dropTable('api_tokens').execute();
}
