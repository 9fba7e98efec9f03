import fs from 'node:fs';
import type { Writable } from 'node:stream';
import type { FileStorage } from '../uploads/file-storage';
import { buildExportDocument, type CandidateRecord, exportFileName } from './privacy';
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
