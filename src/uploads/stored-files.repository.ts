import { sql } from 'kysely';
import type { DbOrTrx as Db } from '../db/database';
import type { AcceptedUpload } from './accepted-upload';

export interface StoredFile {
  readonly id: number;
  readonly storageKey: string;
  readonly originalName: string;
  readonly mimeType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly createdAt: string;
}

/** Records a kept file under its storage key. */
export async function insertStoredFile(db: Db, storageKey: string, upload: AcceptedUpload, uploadedBy: number | null, now: Date): Promise<StoredFile> {
  const row = await db
    .insertInto('stored_files')
    .values({ storage_key: storageKey, original_name: upload.originalName, mime_type: upload.mimeType, size_bytes: upload.size, sha256: upload.sha256, uploaded_by: uploadedBy, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, storageKey, originalName: upload.originalName, mimeType: upload.mimeType, sizeBytes: upload.size, sha256: upload.sha256, createdAt: now.toISOString() };
}

export async function findStoredFile(db: Db, id: number): Promise<StoredFile | undefined> {
  const row = await db.selectFrom('stored_files').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, storageKey: row.storage_key, originalName: row.original_name, mimeType: row.mime_type, sizeBytes: Number(row.size_bytes), sha256: row.sha256, createdAt: row.created_at };
}

/** Deletes a file's row (inside the caller's transaction) and returns its storage key, to remove from storage. */
export async function deleteStoredFile(db: Db, id: number): Promise<string | undefined> {
  const row = await db.deleteFrom('stored_files').where('id', '=', id).returning('storage_key').executeTakeFirst();
  return row?.storage_key;
}

/**
 * Deletes rows of files no record points at any more (a replaced résumé, a record erased while the
 * process stopped half-way). A file is referenced by a candidate's résumé, a task's evidence, or
 * the company's logo (a setting holding the file's id).
 */
export async function deleteUnreferencedFileRows(db: Db): Promise<number> {
  const result = await db
    .deleteFrom('stored_files')
    .where(({ and, not, exists, selectFrom }) =>
      and([
        not(exists(selectFrom('candidates').select('candidates.id').whereRef('candidates.resume_file_id', '=', 'stored_files.id'))),
        not(exists(selectFrom('careers_applications').select('careers_applications.id').whereRef('careers_applications.resume_file_id', '=', 'stored_files.id'))),
        not(exists(selectFrom('onboarding_plan_tasks').select('onboarding_plan_tasks.id').whereRef('onboarding_plan_tasks.evidence_file_id', '=', 'stored_files.id'))),
        not(exists(selectFrom('settings').select('settings.key').where('settings.key', '=', 'company_logo_file_id').where('settings.value', '=', sql<string>`cast(${sql.ref('stored_files.id')} as text)`))),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Which of `keys` have a stored_files row. */
export async function findRecordedKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.selectFrom('stored_files').select('storage_key').where('storage_key', 'in', keys.slice(i, i + 500)).execute();
    for (const row of rows) found.add(row.storage_key);
  }
  return found;
}
