import type { Generated } from 'kysely';

/* The JSON API: tokens and their request counts. */

export type ApiTokenKind = 'personal' | 'service';

/** A bearer token for /api (only its SHA-256 hash is kept). */
export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  kind: ApiTokenKind;
  name: string;
  token_hash: string;
  /** `read` or `read write`. */
  scopes: string;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Requests a token made in one minute (the rate limit's count, shared by every worker). */
export interface ApiRequestCountsTable {
  token_id: number;
  /** The minute, as an ISO timestamp with seconds zeroed. */
  window_start: string;
  count: number;
}

export interface ApiTables {
  api_tokens: ApiTokensTable;
  api_request_counts: ApiRequestCountsTable;
}
