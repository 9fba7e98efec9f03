import type { Kysely } from 'kysely';

/**
 * Scoring aggregates (count, sum, min, max per dimension) read only these three columns of a
 * rating: an index holding them spares a lookup of every rating row, evidence text and all.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('scorecard_ratings_aggregate_idx').on('scorecard_ratings').columns(['scorecard_id', 'dimension_key', 'rating']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('scorecard_ratings_aggregate_idx').execute();
}
