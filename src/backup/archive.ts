import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseConfig, FileStorageKind } from '../config';
import { PROJECT_ROOT } from '../paths';
import { STALE_RUN_MS } from './schedule';
import { type Snapshot, takeSnapshot } from './snapshot';
import { END_OF_ARCHIVE, padding, readTar, tarHeader, TarFormatError } from './tar';

/**
 * A backup is one tar archive: the database copy, every uploaded file a row records, then the
 * manifest (what is inside, with sizes and SHA-256) and the manifest's own checksum.
 */
export const MANIFEST_ENTRY = 'manifest.json';
export const MANIFEST_CHECKSUM_ENTRY = 'manifest.sha256';
export const ARCHIVE_PATTERN = /^salesbench-\d{8}-\d{6}Z[-0-9]*\.tar$/;

export interface ManifestEntry {
  readonly entry: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface Manifest {
  readonly format: 'salesbench-backup';
  readonly formatVersion: 1;
  readonly appVersion: string;
  readonly schemaVersion: string;
  readonly dialect: 'sqlite' | 'postgres';
  readonly createdAt: string;
  /** The database copy; for PostgreSQL also the schema it came from (and is restored into). */
  readonly database: ManifestEntry & { readonly format: Snapshot['format']; readonly schema?: string };
  readonly tables: Record<string, number>;
  readonly files: readonly ManifestEntry[];
  /** With FILE_STORAGE=database: how many uploaded files the database copy holds (`files` is then empty). */
  readonly filesInDatabase?: number;
  /** Uploaded files whose bytes on disk no longer match the checksum their row recorded (archived as found). */
  readonly filesNotMatchingTheirRecord: readonly string[];
}

export class BackupError extends Error {
  constructor(message: string, readonly entry?: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export function appVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** salesbench-20261130-141500Z.tar, unique in `dir`. */
export function archiveName(dir: string, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').replace(/\.\d+Z$/, 'Z');
  let name = `salesbench-${stamp}.tar`;
  for (let n = 2; fs.existsSync(path.join(dir, name)); n += 1) name = `salesbench-${stamp}-${n}.tar`;
  return name;
}

class VanishedFile extends Error {}

async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Appends one entry, streaming the file; returns its size and SHA-256. */
async function appendFile(out: fs.promises.FileHandle, name: string, source: string, mtime: Date): Promise<ManifestEntry> {
  let input: fs.promises.FileHandle;
  try {
    input = await fs.promises.open(source, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new VanishedFile(name);
    throw err;
  }
  try {
    const size = (await input.stat()).size;
    await out.write(tarHeader(name, size, mtime));
    const hash = crypto.createHash('sha256');
    const chunk = Buffer.alloc(1 << 20);
    let written = 0;
    while (written < size) {
      const { bytesRead } = await input.read(chunk, 0, Math.min(chunk.length, size - written), written);
      if (bytesRead === 0) throw new BackupError(`${name} shrank while it was being archived`, name);
      hash.update(chunk.subarray(0, bytesRead));
      await out.write(chunk.subarray(0, bytesRead));
      written += bytesRead;
    }
    await out.write(padding(size));
    return { entry: name, bytes: size, sha256: hash.digest('hex') };
  } finally {
    await input.close();
  }
}

async function appendBuffer(out: fs.promises.FileHandle, name: string, data: Buffer, mtime: Date): Promise<void> {
  await out.write(tarHeader(name, data.length, mtime));
  await out.write(data);
  await out.write(padding(data.length));
}

export interface BackupOptions {
  readonly database: DatabaseConfig;
  /** The PostgreSQL schema the app uses, when it is not the connection's default. */
  readonly searchPath?: string;
  readonly uploadDir: string;
  /** FILE_STORAGE: with `database` the files are rows of the database copy, not entries of their own. */
  readonly fileStorage?: FileStorageKind;
  readonly backupDir: string;
  readonly now: () => Date;
}

export interface BackupResult {
  readonly archive: string;
  readonly bytes: number;
  readonly durationMs: number;
  readonly manifest: Manifest;
}

const ATTEMPTS = 3;

/**
 * Writes one archive into `backupDir` while the app keeps running. Only files recorded in the
 * database copy are archived, so a file uploaded after the copy is left out together with its row.
 * A recorded file erased between the copy and the archive makes the backup start again from a new
 * copy (which no longer records it). The archive appears under its final name only when complete.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const startedAt = performance.now();
  fs.mkdirSync(options.backupDir, { recursive: true });
  removeAbandonedWork(options.backupDir, options.now());
  for (let attempt = 1; ; attempt += 1) {
    const at = options.now();
    const work = fs.mkdtempSync(path.join(options.backupDir, '.backup-'));
    const partial = path.join(work, 'archive.tar');
    try {
      const snapshot = await takeSnapshot(options.database, path.join(work, options.database.dialect === 'sqlite' ? 'salesbench.sqlite' : 'salesbench.pgdump'), options.searchPath ? { searchPath: options.searchPath } : {});
      const out = await fs.promises.open(partial, 'wx');
      let manifest: Manifest;
      try {
        const databaseEntry = await appendFile(out, snapshot.format === 'sqlite' ? 'database/salesbench.sqlite' : 'database/salesbench.pgdump', snapshot.file, at);
        const files: ManifestEntry[] = [];
        const mismatched: string[] = [];
        const filesInDatabase = options.fileStorage === 'database';
        for (const file of filesInDatabase ? [] : snapshot.files) {
          const entry = await appendFile(out, `files/${file.storageKey}`, path.join(options.uploadDir, 'files', file.storageKey), at);
          if (entry.sha256 !== file.sha256) mismatched.push(entry.entry);
          files.push(entry);
        }
        manifest = {
          format: 'salesbench-backup',
          formatVersion: 1,
          appVersion: appVersion(),
          schemaVersion: snapshot.schemaVersion,
          dialect: options.database.dialect,
          createdAt: at.toISOString(),
          database: { ...databaseEntry, format: snapshot.format, ...(snapshot.schema ? { schema: snapshot.schema } : {}) },
          tables: snapshot.tables,
          files,
          ...(filesInDatabase ? { filesInDatabase: snapshot.files.length } : {}),
          filesNotMatchingTheirRecord: mismatched,
        };
        const manifestBytes = Buffer.from(JSON.stringify(manifest, null, 2) + '\n');
        await appendBuffer(out, MANIFEST_ENTRY, manifestBytes, at);
        await appendBuffer(out, MANIFEST_CHECKSUM_ENTRY, Buffer.from(`${crypto.createHash('sha256').update(manifestBytes).digest('hex')}  ${MANIFEST_ENTRY}\n`), at);
        await out.write(END_OF_ARCHIVE);
        await out.sync();
      } finally {
        await out.close();
      }
      const name = archiveName(options.backupDir, at);
      const target = path.join(options.backupDir, name);
      await fs.promises.rename(partial, target);
      await syncFolder(options.backupDir);
      return { archive: target, bytes: fs.statSync(target).size, durationMs: Math.round(performance.now() - startedAt), manifest };
    } catch (err) {
      if (err instanceof VanishedFile && attempt < ATTEMPTS) continue;
      if (err instanceof VanishedFile) throw new BackupError(`uploaded files kept disappearing while they were archived (last: ${err.message}); try again`);
      throw err;
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
}

/** Work folders of backups that stopped with their process (old enough that no backup still runs in them). */
function removeAbandonedWork(dir: string, now: Date): void {
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith('.backup-')) continue;
    const full = path.join(dir, name);
    if (now.getTime() - fs.statSync(full).mtimeMs > STALE_RUN_MS) fs.rmSync(full, { recursive: true, force: true });
  }
}

/** Old archives beyond the newest `keep` are removed; returns the names removed. */
export function pruneArchives(dir: string, keep: number): string[] {
  if (!fs.existsSync(dir)) return [];
  const archives = fs
    .readdirSync(dir)
    .filter((name) => ARCHIVE_PATTERN.test(name))
    .map((name) => ({ name, mtime: fs.statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime || b.name.localeCompare(a.name));
  const removed = archives.slice(keep).map((a) => a.name);
  for (const name of removed) fs.rmSync(path.join(dir, name), { force: true });
  return removed;
}

function isManifest(value: unknown): value is Manifest {
  const m = value as Partial<Manifest> | null;
  return !!m && m.format === 'salesbench-backup' && m.formatVersion === 1 && typeof m.database === 'object' && Array.isArray(m.files) && typeof m.tables === 'object';
}

/**
 * Reads the whole archive and checks every entry against the manifest before anything is
 * restored. Throws BackupError naming the first bad entry (in archive order).
 */
export async function verifyArchive(archive: string): Promise<Manifest> {
  if (!fs.existsSync(archive)) throw new BackupError(`no archive at ${archive}`);
  const seen: ManifestEntry[] = [];
  let manifestBytes: Buffer | undefined;
  let checksumText: string | undefined;
  try {
    await readTar(archive, (header) => {
      const hash = crypto.createHash('sha256');
      const keep = header.name === MANIFEST_ENTRY || header.name === MANIFEST_CHECKSUM_ENTRY ? ([] as Buffer[]) : undefined;
      return {
        data(chunk) {
          hash.update(chunk);
          keep?.push(Buffer.from(chunk));
        },
        end() {
          seen.push({ entry: header.name, bytes: header.size, sha256: hash.digest('hex') });
          if (header.name === MANIFEST_ENTRY) manifestBytes = Buffer.concat(keep!);
          if (header.name === MANIFEST_CHECKSUM_ENTRY) checksumText = Buffer.concat(keep!).toString('utf8');
        },
      };
    });
  } catch (err) {
    if (err instanceof TarFormatError) throw new BackupError(`the archive is damaged: ${err.message}`, err.entry);
    throw err;
  }
  if (!manifestBytes) throw new BackupError('the archive has no manifest.json: it is not a Salesbench backup, or its end is missing', MANIFEST_ENTRY);
  const expected = /^([0-9a-f]{64})\s/.exec(checksumText ?? '')?.[1];
  if (!expected || expected !== crypto.createHash('sha256').update(manifestBytes).digest('hex')) throw new BackupError('manifest.json does not match its checksum (manifest.sha256): the archive is damaged', MANIFEST_ENTRY);
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    throw new BackupError('manifest.json cannot be read', MANIFEST_ENTRY);
  }
  if (!isManifest(manifest)) throw new BackupError('manifest.json is not a Salesbench backup manifest (or comes from a newer version)', MANIFEST_ENTRY);
  const listed = new Map<string, ManifestEntry>([manifest.database, ...manifest.files].map((e) => [e.entry, e]));
  for (const entry of seen) {
    if (entry.entry === MANIFEST_ENTRY || entry.entry === MANIFEST_CHECKSUM_ENTRY) continue;
    const want = listed.get(entry.entry);
    if (!want) throw new BackupError(`${entry.entry} is in the archive but not in its manifest`, entry.entry);
    if (want.bytes !== entry.bytes || want.sha256 !== entry.sha256) throw new BackupError(`${entry.entry} is damaged: its SHA-256 or size does not match the manifest`, entry.entry);
    listed.delete(entry.entry);
  }
  const missing = [...listed.keys()][0];
  if (missing) throw new BackupError(`${missing} is listed in the manifest but missing from the archive`, missing);
  return manifest;
}
