/**
 * Candidates whose search entry is missing or out of date (migration 0028), indexed in batches by
 * the app. The entries themselves (`candidate_search`: FTS5 on SQLite, tsvector on PostgreSQL) are
 * written with SQL of their own in src/search and have no type here.
 */
export interface CandidateSearchStaleTable {
  candidate_id: number;
}
