import { type Kysely, sql } from 'kysely';
import type { Database, DbOrTrx as Db } from '../db/database';
import { isPostgres } from '../db/migrations/helpers';
import type { ExtractionOutcome } from './resume-text';

/** The candidate's current résumé file and whether its text has a row yet. */
export async function findResumeToQueue(db: Db, candidateId: number): Promise<{ fileId: number; queued: boolean } | undefined> {
  const row = await db
    .selectFrom('candidates')
    .leftJoin('resume_texts', 'resume_texts.file_id', 'candidates.resume_file_id')
    .select(['candidates.resume_file_id as fileId', 'resume_texts.file_id as textFileId'])
    .where('candidates.id', '=', candidateId)
    .executeTakeFirst();
  if (!row || row.fileId === null) return undefined;
  return { fileId: row.fileId, queued: row.textFileId !== null };
}

/** Writes a 'pending' row for the file unless it has one (of any status); true when one was written. */
export async function insertPendingIfAbsent(db: Db, fileId: number, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('resume_texts')
    .values({ file_id: fileId, status: 'pending', reason: null, claimed_until: null, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('file_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/**
 * Writes 'pending' rows for up to `limit` résumé files that have none (résumés kept before texts
 * were read), in one statement; returns how many.
 */
export async function queueUnreadResumes(db: Db, now: Date, limit: number): Promise<number> {
  const unread = db
    .selectFrom('candidates')
    .select(['candidates.resume_file_id as file_id', sql.lit('pending').as('status'), sql<string>`${now.toISOString()}`.as('updated_at')])
    .where('candidates.resume_file_id', 'is not', null)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('resume_texts').select('resume_texts.file_id').whereRef('resume_texts.file_id', '=', 'candidates.resume_file_id'))))
    .orderBy('candidates.resume_file_id')
    .limit(limit);
  const result = await db
    .insertInto('resume_texts')
    .columns(['file_id', 'status', 'updated_at'])
    .expression(unread)
    .onConflict((oc) => oc.column('file_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/** A claimed job: the file to read. */
export interface ClaimedResume {
  readonly fileId: number;
  /** Tries so far, this one included. */
  readonly attempts: number;
  readonly storageKey: string;
  readonly mimeType: string;
}

/**
 * Claims up to `limit` pending rows whose claim is free or has run out, until `now + leaseMs`, and
 * counts the try. On PostgreSQL rows another reader holds are skipped; SQLite has one writer at a time.
 */
export async function claimPendingResumes(db: Kysely<Database>, now: Date, leaseMs: number, limit: number): Promise<ClaimedResume[]> {
  const at = now.toISOString();
  let due = db
    .selectFrom('resume_texts')
    .select('resume_texts.file_id')
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
    .orderBy('resume_texts.file_id')
    .limit(limit);
  if (isPostgres(db as unknown as Kysely<unknown>)) due = due.forUpdate().skipLocked();
  const claimed = await db
    .updateTable('resume_texts')
    .set((eb) => ({ claimed_until: new Date(now.getTime() + leaseMs).toISOString(), attempts: eb('attempts', '+', 1), updated_at: at }))
    .where('file_id', 'in', due)
    .returning(['file_id', 'attempts'])
    .execute();
  if (claimed.length === 0) return [];
  const files = await db.selectFrom('stored_files').select(['id', 'storage_key', 'mime_type']).where('id', 'in', claimed.map((c) => c.file_id)).execute();
  const byId = new Map(files.map((f) => [f.id, f]));
  return claimed
    .flatMap((c) => {
      const file = byId.get(c.file_id);
      return file ? [{ fileId: c.file_id, attempts: Number(c.attempts), storageKey: file.storage_key, mimeType: file.mime_type }] : [];
    })
    .sort((a, b) => a.fileId - b.fileId);
}

/** Gives a claimed row back, to be read again at once; `uncount` takes the try back (a reader stopping is no failed try). */
export async function releaseResume(db: Db, fileId: number, now: Date, uncount: boolean): Promise<void> {
  await db
    .updateTable('resume_texts')
    .set((eb) => ({ claimed_until: null, updated_at: now.toISOString(), ...(uncount ? { attempts: eb('attempts', '-', 1) } : {}) }))
    .where('file_id', '=', fileId)
    .where('status', '=', 'pending')
    .execute();
}

/** Records what was read, if the row is still pending (another reader may have finished it); true when written. */
export async function saveResumeText(db: Db, fileId: number, outcome: ExtractionOutcome, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('resume_texts')
    .set({ status: outcome.status, reason: outcome.status === 'none' ? outcome.reason : null, text: outcome.status === 'text' ? outcome.text : '', claimed_until: null, updated_at: now.toISOString() })
    .where('file_id', '=', fileId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The candidate whose résumé the file is now (none once it was replaced or its candidate erased). */
export async function findCandidateOfResume(db: Db, fileId: number): Promise<number | undefined> {
  const row = await db.selectFrom('candidates').select('id').where('resume_file_id', '=', fileId).orderBy('id').executeTakeFirst();
  return row?.id;
}

/** A résumé text's state and its number of words (counted by the database: words are single-space separated). */
export async function findResumeTextState(db: Db, fileId: number): Promise<{ status: string; reason: string | null; words: number } | undefined> {
  const row = await db
    .selectFrom('resume_texts')
    .select(['status', 'reason', sql<number | string>`case when text = '' then 0 else length(text) - length(replace(text, ' ', '')) + 1 end`.as('words')])
    .where('file_id', '=', fileId)
    .executeTakeFirst();
  return row && { status: row.status, reason: row.reason, words: Number(row.words) };
}
