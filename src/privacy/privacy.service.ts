import fs from 'node:fs';
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { FileStorage } from '../uploads/file-storage';
import { buildExportDocument, type CandidateRecord, type ErasureCounts, exportFileName } from './privacy';
import { deleteCandidateRows, insertAuditEntry } from './privacy.repository';
import { safeEntryName, ZipWriter } from './zip';

/**
 * Streams the export archive: `candidate.json`, then each stored file read from disk as it is
 * written. A file missing on disk is noted in the JSON instead of failing the whole export.
 */
export async function writeCandidateExport(record: CandidateRecord, storage: FileStorage, out: Writable, now: Date): Promise<void> {
  const zip = new ZipWriter(out, now);
  const present = record.files.filter((f) => fs.existsSync(storage.pathOf(f.storage_key)));
  const document = buildExportDocument({ ...record, files: present }, now, safeEntryName);
  const missing = record.files.filter((f) => !present.includes(f)).map((f) => ({ id: f.id, original_name: f.original_name }));
  await zip.addBuffer('candidate.json', Buffer.from(JSON.stringify({ ...document, missingFiles: missing }, null, 2), 'utf8'));
  for (const file of present) {
    await zip.addStream(exportFileName(file, safeEntryName), fs.createReadStream(storage.pathOf(file.storage_key)));
  }
  await zip.finish();
}

/**
 * Erases a candidate: every row in one transaction together with the audit entry, then the files.
 * File rows go in the transaction, so after a crash between the two steps no record points at the
 * files any more, and the start-up sweep of unreferenced files removes them.
 */
export async function eraseCandidate(db: Kysely<Database>, storage: FileStorage, candidateId: number, actorId: number, now: Date): Promise<ErasureCounts | undefined> {
  const result = await db.transaction().execute(async (trx) => {
    const deleted = await deleteCandidateRows(trx, candidateId);
    if (!deleted) return undefined;
    await insertAuditEntry(trx, { actorId, action: 'candidate.erase', subjectType: 'candidate', subjectId: candidateId, detail: { ...deleted.counts } }, now);
    return deleted;
  });
  if (!result) return undefined;
  for (const key of result.storageKeys) await storage.remove(key);
  return result.counts;
}
