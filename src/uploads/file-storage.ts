import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Uploaded files on disk under UPLOAD_DIR (never under static/): `tmp/` for uploads in progress,
 * `files/` for kept files, each under a random name. Original names live only in the database.
 */
export class FileStorage {
  readonly tmpDir: string;
  readonly filesDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, 'tmp');
    this.filesDir = path.join(root, 'files');
  }

  /** Creates the folders and removes temporary files left by a crash. Returns how many were removed. */
  prepare(): number {
    fs.mkdirSync(this.tmpDir, { recursive: true });
    fs.mkdirSync(this.filesDir, { recursive: true });
    let removed = 0;
    for (const name of fs.readdirSync(this.tmpDir)) {
      fs.rmSync(path.join(this.tmpDir, name), { force: true, recursive: true });
      removed += 1;
    }
    return removed;
  }

  static randomKey(): string {
    return crypto.randomBytes(16).toString('hex');
  }

  /** The path of a kept file; keys are generated here, so a key with anything but hex is refused. */
  pathOf(key: string): string {
    if (!/^[0-9a-f]{32}$/.test(key)) throw new Error('invalid storage key');
    return path.join(this.filesDir, key);
  }

  /** Moves an upload from tmp/ into files/ (same file system: an atomic rename) and fsyncs it. */
  async keep(tempPath: string): Promise<string> {
    const key = FileStorage.randomKey();
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

  /** Keys of the kept files last modified before `before`. */
  async listKeys(before: Date): Promise<string[]> {
    const keys: string[] = [];
    for (const name of await fs.promises.readdir(this.filesDir)) {
      if (!/^[0-9a-f]{32}$/.test(name)) continue;
      const stat = await fs.promises.stat(this.pathOf(name));
      if (stat.mtime < before) keys.push(name);
    }
    return keys;
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  async removeTemp(tempPath: string): Promise<void> {
    if (path.dirname(tempPath) === this.tmpDir) await fs.promises.rm(tempPath, { force: true });
  }
}
