import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { DbOrTrx } from '../db/database';
import { findRecordedKeys } from './stored-files.repository';

/**
 * Where kept uploads live: on disk under UPLOAD_DIR (the default), or in the database
 * (FILE_STORAGE=database). Both receive uploads in UPLOAD_DIR's `tmp/` first (multer writes there),
 * and both hand files out as streams, so a large file is never held whole in memory.
 */
export interface FileStorage {
  readonly kind: 'disk' | 'database';
  /** Folder of uploads in progress (and of temporary copies). */
  readonly tmpDir: string;
  /**
   * True when keeping and removing a file are part of the caller's transaction (the database
   * store): a rollback takes the file with it, and nothing is left to do after commit.
   */
  readonly transactional: boolean;
  /** Creates the folders and removes temporary files left by a crash. Returns how many were removed. */
  prepare(): number;
  /** Keeps an upload from tmp/ under a new key; `trx` is the transaction that records it. */
  keep(trx: DbOrTrx, tempPath: string): Promise<string>;
  /** Removes a kept file (inside `trx` when the store is transactional); a missing one is no error. */
  remove(key: string, trx?: DbOrTrx): Promise<void>;
  /** A stream of the file's bytes, or undefined when the store has no such file. */
  open(key: string): Promise<Readable | undefined>;
  /** The file's own path when it lives on disk (served with sendFile, read in place). */
  localPath(key: string): string | undefined;
  /**
   * Runs `read` on a path holding the file's bytes: the file itself on disk, or a temporary copy
   * streamed out of the database and deleted afterwards. A missing file gives a path that does not exist.
   */
  withLocalCopy<T>(key: string, read: (filePath: string) => Promise<T>): Promise<T>;
  /** Removes kept files that no stored_files row records, older than `before`. Returns how many. */
  sweepUnrecorded(db: DbOrTrx, before: Date): Promise<number>;
  removeTemp(tempPath: string): Promise<void>;
}

const KEY = /^[0-9a-f]{32}$/;

export function randomStorageKey(): string {
  return crypto.randomBytes(16).toString('hex');
}

/** Keys are generated here, so a key with anything but hex is refused. */
export function checkedKey(key: string): string {
  if (!KEY.test(key)) throw new Error('invalid storage key');
  return key;
}

/** Creates a folder of temporary files under UPLOAD_DIR and empties it; shared by both stores. */
export function prepareTmpDir(tmpDir: string): number {
  fs.mkdirSync(tmpDir, { recursive: true });
  let removed = 0;
  for (const name of fs.readdirSync(tmpDir)) {
    fs.rmSync(path.join(tmpDir, name), { force: true, recursive: true });
    removed += 1;
  }
  return removed;
}

/**
 * Uploaded files on disk under UPLOAD_DIR (never under static/): `tmp/` for uploads in progress,
 * `files/` for kept files, each under a random name. Original names live only in the database.
 */
export class DiskFileStorage implements FileStorage {
  readonly kind = 'disk';
  readonly transactional = false;
  readonly tmpDir: string;
  readonly filesDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
    this.filesDir = path.join(root, 'files');
  }

  prepare(): number {
    fs.mkdirSync(this.filesDir, { recursive: true });
    return prepareTmpDir(this.tmpDir);
  }

  /** The path of a kept file. */
  pathOf(key: string): string {
    return path.join(this.filesDir, checkedKey(key));
  }

  localPath(key: string): string {
    return this.pathOf(key);
  }

  /** Moves an upload from tmp/ into files/ (same file system: an atomic rename) and fsyncs it. */
  async keep(_trx: DbOrTrx, tempPath: string): Promise<string> {
    const key = randomStorageKey();
    const target = this.pathOf(key);
    const handle = await fs.promises.open(tempPath, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tempPath, target);
    // The rename lives in the folder's entry list: sync it too, or a power cut could undo it after the row commits.
    const folder = await fs.promises.open(this.filesDir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
    return key;
  }

  async open(key: string): Promise<Readable | undefined> {
    const file = this.pathOf(key);
    try {
      const handle = await fs.promises.open(file, 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async withLocalCopy<T>(key: string, read: (filePath: string) => Promise<T>): Promise<T> {
    return read(this.pathOf(key));
  }

  /** Keys of the kept files last modified before `before`. */
  async listKeys(before: Date): Promise<string[]> {
    const keys: string[] = [];
    for (const name of await fs.promises.readdir(this.filesDir)) {
      if (!KEY.test(name)) continue;
      const stat = await fs.promises.stat(this.pathOf(name));
      if (stat.mtime < before) keys.push(name);
    }
    return keys;
  }

  /**
   * A file is renamed into files/ inside the transaction that records it, so a crash between the
   * rename and the commit leaves a file nobody recorded. Files younger than `before` may belong to
   * another instance's transaction still running.
   */
  async sweepUnrecorded(db: DbOrTrx, before: Date): Promise<number> {
    const keys = await this.listKeys(before);
    const recorded = await findRecordedKeys(db, keys);
    const orphans = keys.filter((key) => !recorded.has(key));
    for (const key of orphans) await this.remove(key);
    return orphans.length;
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  async removeTemp(tempPath: string): Promise<void> {
    if (path.dirname(tempPath) === this.tmpDir) await fs.promises.rm(tempPath, { force: true });
  }
}
