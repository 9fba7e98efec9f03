import type { Generated } from 'kysely';

/* Candidates' supporting records: what was read from their résumés. */

export type ResumeTextStatus = 'pending' | 'text' | 'none';

/** What was read from a résumé file (migration 0024); a 'pending' row is the job of reading it. */
export interface ResumeTextsTable {
  file_id: number;
  status: ResumeTextStatus;
  /** Why no text could be read: 'malformed', 'encrypted', 'scanned' or 'unsupported'; null otherwise. */
  reason: string | null;
  text: Generated<string>;
  attempts: Generated<number>;
  /** Until when a reader has claimed a pending row. */
  claimed_until: string | null;
  updated_at: string;
}
