import fs from 'node:fs';

/**
 * A plain POSIX (ustar) tar archive, written and read here so a backup needs no extra tool to make
 * and any `tar` to look into. Entries are regular files only; each header carries its own checksum.
 */
const BLOCK = 512;
/** The ustar size field holds 11 octal digits. */
export const MAX_ENTRY_BYTES = 8 ** 11 - 1;

function writeOctal(header: Buffer, value: number, offset: number, length: number): void {
  header.write(value.toString(8).padStart(length - 1, '0') + '\0', offset, length, 'ascii');
}

/** A 512-byte ustar header for a regular file. */
export function tarHeader(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name too long: ${name}`);
  if (size > MAX_ENTRY_BYTES) throw new Error(`tar entry too large: ${name}`);
  const header = Buffer.alloc(BLOCK, 0);
  header.write(name, 0, 100, 'utf8');
  writeOctal(header, 0o644, 100, 8);
  writeOctal(header, 0, 108, 8);
  writeOctal(header, 0, 116, 8);
  writeOctal(header, size, 124, 12);
  writeOctal(header, Math.floor(mtime.getTime() / 1000), 136, 12);
  header.fill(' ', 148, 156);
  header.write('0', 156, 1, 'ascii');
  header.write('ustar\0', 257, 6, 'ascii');
  header.write('00', 263, 2, 'ascii');
  writeOctal(header, headerChecksum(header), 148, 7);
  header[155] = 0x20;
  return header;
}

function headerChecksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  return sum;
}

/** Padding after an entry's data, up to the next block. */
export function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest, 0);
}

/** The two zero blocks that end an archive. */
export const END_OF_ARCHIVE = Buffer.alloc(BLOCK * 2, 0);

export interface TarEntryHeader {
  readonly name: string;
  readonly size: number;
}

export class TarFormatError extends Error {
  /** The entry being read when the archive stopped making sense (undefined before the first). */
  constructor(message: string, readonly entry: string | undefined) {
    super(message);
    this.name = 'TarFormatError';
  }
}

function parseHeader(block: Buffer, previous: string | undefined): TarEntryHeader | undefined {
  if (block.every((byte) => byte === 0)) return undefined;
  const recorded = parseInt(block.toString('ascii', 148, 156).replace(/\0.*$/, '').trim(), 8);
  const nameEnd = block.indexOf(0, 0);
  const name = block.toString('utf8', 0, nameEnd >= 0 && nameEnd < 100 ? nameEnd : 100);
  if (recorded !== headerChecksum(block)) {
    throw new TarFormatError(`the header of the entry after ${previous ?? 'the start'} is damaged (its checksum does not match)`, name || previous);
  }
  const size = parseInt(block.toString('ascii', 124, 136).replace(/\0.*$/, '').trim(), 8);
  if (!Number.isSafeInteger(size) || size < 0) throw new TarFormatError(`the entry ${name} has no readable size`, name);
  if (block[156] !== 0x30 && block[156] !== 0) throw new TarFormatError(`the entry ${name} is not a regular file`, name);
  return { name, size };
}

/**
 * Reads an archive from start to end, handing each entry's data to `onEntry` in chunks. Throws
 * TarFormatError naming the entry where the archive is damaged or cut short.
 */
export async function readTar(file: string, onEntry: (entry: TarEntryHeader) => { data(chunk: Buffer): void; end(): Promise<void> | void }): Promise<void> {
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let buffer: Buffer = Buffer.alloc(0);
  let current: { header: TarEntryHeader; remaining: number; pad: number; sink: ReturnType<typeof onEntry> } | undefined;
  let previous: string | undefined;
  let ended = false;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    for (;;) {
      if (ended) {
        buffer = Buffer.alloc(0);
        break;
      }
      if (current) {
        if (current.remaining > 0) {
          if (buffer.length === 0) break;
          const take = Math.min(current.remaining, buffer.length);
          current.sink.data(buffer.subarray(0, take));
          current.remaining -= take;
          buffer = buffer.subarray(take);
          continue;
        }
        if (buffer.length < current.pad) break;
        buffer = buffer.subarray(current.pad);
        await current.sink.end();
        previous = current.header.name;
        current = undefined;
        continue;
      }
      if (buffer.length < BLOCK) break;
      const header = parseHeader(buffer.subarray(0, BLOCK), previous);
      buffer = buffer.subarray(BLOCK);
      if (!header) {
        ended = true;
        continue;
      }
      current = { header, remaining: header.size, pad: padding(header.size).length, sink: onEntry(header) };
    }
  }
  if (current) throw new TarFormatError(`the archive is cut short inside the entry ${current.header.name}`, current.header.name);
  if (!ended) throw new TarFormatError(`the archive is cut short after the entry ${previous ?? '(none)'}: its end is missing`, previous);
}
