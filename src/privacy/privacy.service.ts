import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import type { FileStorage } from '../uploads/file-storage';
import { buildExportDocument, type CandidateRecord, exportFileName, safeEntryName } from './privacy';

/**
 * Streams the export archive (yazl: each entry deflated as it passes, ZIP64 when an entry or the
 * archive needs it): `candidate.json`, then each stored file read from storage as the archive is
 * written, never held whole in memory. A file missing from storage is noted in the JSON instead of
 * failing the whole export; a file that cannot be read half-way fails the stream.
 */
export async function writeCandidateExport(record: CandidateRecord, storage: FileStorage, out: Writable, now: Date): Promise<void> {
  const zip = new ZipFile();
  const written = pipeline(zip.outputStream as Readable, out);
  const opened = await Promise.all(record.files.map(async (file) => ({ file, source: await storage.open(file.storage_key) })));
  const present = opened.filter((o) => o.source !== undefined).map((o) => o.file);
  const document = buildExportDocument({ ...record, files: present }, now, safeEntryName);
  const missing = record.files.filter((f) => !present.includes(f)).map((f) => ({ id: f.id, original_name: f.original_name }));
  zip.addBuffer(Buffer.from(JSON.stringify({ ...document, missingFiles: missing }, null, 2), 'utf8'), 'candidate.json', { mtime: now });
  for (const { file, source } of opened) {
    if (!source) continue;
    source.on('error', (err) => (zip.outputStream as Readable).destroy(err));
    zip.addReadStream(source, exportFileName(file, safeEntryName), { mtime: now });
  }
  zip.end();
  await written;
}
