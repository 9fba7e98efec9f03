import crypto from 'node:crypto';
import fs from 'node:fs';
import { DOCX_ENTRY_NAMES, type FileKind, kindOfSignature } from './file-kind';

const HEAD_BYTES = 16;
const OVERLAP = Math.max(...DOCX_ENTRY_NAMES.map((name) => name.length));

/**
 * Judges an uploaded file by its bytes and hashes it in one pass over the file, a piece at a time
 * (the same rule as sniffFileKind, without holding the file in memory).
 */
export async function inspectUploadedFile(filePath: string): Promise<{ kind: FileKind | undefined; sha256: string }> {
  const hash = crypto.createHash('sha256');
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  const seen = new Set<string>();
  for await (const piece of fs.createReadStream(filePath, { highWaterMark: 256 * 1024 })) {
    const bytes = piece as Buffer;
    hash.update(bytes);
    if (head.length < HEAD_BYTES) head = Buffer.concat([head, bytes.subarray(0, HEAD_BYTES - head.length)]);
    // A name may straddle two pieces: look in the end of the last piece joined to this one.
    const window = Buffer.concat([tail, bytes]);
    for (const name of DOCX_ENTRY_NAMES) if (!seen.has(name) && window.includes(name, 0, 'latin1')) seen.add(name);
    tail = Buffer.from(window.subarray(Math.max(0, window.length - OVERLAP)));
  }
  return { kind: kindOfSignature(head, seen.size === DOCX_ENTRY_NAMES.length), sha256: hash.digest('hex') };
}
