import type { Generated } from 'kysely';

/** One backup, scheduled (slot = the start of its period) or by hand (slot = manual:<start>). */
export interface BackupRunsTable {
  id: Generated<number>;
  slot: string;
  owner: string;
  status: 'running' | 'ok' | 'failed';
  started_at: string;
  finished_at: string | null;
  archive: string | null;
  size_bytes: number | null;
  duration_ms: number | null;
  error: string | null;
}
