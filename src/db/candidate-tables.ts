/** The candidates' tables (split from database.ts, which names every table). */
import type { Generated } from 'kysely';
import type { CandidateSource } from '../candidates/candidate';

export interface CandidatesTable {
  id: Generated<number>;
  name: string;
  name_lower: string;
  last_name_lower: string;
  email: string;
  phone: string;
  linkedin_url: string;
  source: CandidateSource;
  source_detail: string;
  resume_file_id: number | null;
  notes: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  /** The e-mail while this record holds it, null when it has none: unique where not null (migration 0026, which explains the nulls of older records). */
  email_unique: string | null;
  /** The keys that find likely duplicates (candidates/duplicates.ts); '' when empty. */
  email_key: Generated<string>;
  phone_key: Generated<string>;
  linkedin_key: Generated<string>;
}

/** What the candidates list sorts by (see migration 0021): kept in step by the candidates' and applications' repositories. */
export interface CandidateActivityTable {
  candidate_id: number;
  /** 1 when the candidate has an active application. */
  has_active: number;
  last_activity_at: string;
}

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

/** A spreadsheet being imported (migration 0033): kept only for the import flow, for the user who uploaded it. */
export interface CandidateImportsTable {
  id: Generated<number>;
  user_id: number;
  file_name: string;
  /** The file's bytes, base64. */
  content: string;
  created_at: string;
  expires_at: string;
}
