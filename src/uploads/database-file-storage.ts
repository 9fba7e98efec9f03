import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../db/database';
import { checkedKey, type FileStorage, prepareTmpDir, randomStorageKey } from './file-storage';

/** Size of one stored piece: big enough that a 10 MB file is 40 rows, small enough to hold a few in memory. */
export const CHUNK_BYTES = 256 * 1024;

/**
 * Uploaded files kept in the database's `file_chunks` (FILE_STORAGE=database, for several
 * instances that share only PostgreSQL). An upload is copied from tmp/ piece by piece inside the
 * transaction that records it, so a rollback leaves nothing behind; a download reads one piece per
 * query, the next only when the reader wants it.
 */
export class DatabaseFileStorage implements FileStorage {
  readonly kind = 'database';
  readonly transactional = true;
  readonly tmpDir: string;
  /** Temporary copies for readers that need a path (the résumé-text thread), apart from uploads in progress. */
  readonly copiesDir: string;

  constructor(
    private readonly db: Kysely<Database>,
    readonly root: string,
  ) {
    this.tmpDir = path.join(root, 'tmp');
    this.copiesDir = path.join(root, 'copies');
  }

  prepare(): number {
    return prepareTmpDir(this.tmpDir) + prepareTmpDir(this.copiesDir);
  }

  localPath(): undefined {
    return undefined;
  }

  async keep(trx: DbOrTrx, tempPath: string): Promise<string> {
    const key = randomStorageKey();
    let seq = 0;
    for await (const piece of fs.createReadStream(tempPath, { highWaterMark: CHUNK_BYTES })) {
      await trx.insertInto('file_chunks').values({ storage_key: key, seq, data: piece as Buffer }).execute();
      seq += 1;
    }
    // An empty file still has its one (empty) piece: "no pieces" means "no such file".
    if (seq === 0) await trx.insertInto('file_chunks').values({ storage_key: key, seq: 0, data: Buffer.alloc(0) }).execute();
    await this.removeTemp(tempPath);
    return key;
  }

  async remove(key: string, trx: DbOrTrx = this.db): Promise<void> {
    await trx.deleteFrom('file_chunks').where('storage_key', '=', checkedKey(key)).execute();
  }

  /** How many pieces the file has; 0 when there is no such file. */
  async countChunks(key: string): Promise<number> {
    const row = await this.db.selectFrom('file_chunks').select((eb) => eb.fn.countAll<number | string>().as('n')).where('storage_key', '=', checkedKey(key)).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async open(key: string): Promise<Readable | undefined> {
    const count = await this.countChunks(key);
    if (count === 0) return undefined;
    const db = this.db;
    async function* pieces(): AsyncGenerator<Buffer> {
      for (let seq = 0; seq < count; seq += 1) {
        const row = await db.selectFrom('file_chunks').select('data').where('storage_key', '=', key).where('seq', '=', seq).executeTakeFirst();
        // Removed while it was being read: fail the stream rather than hand out a cut-off file as whole.
        if (!row) throw new Error(`stored file ${key} disappeared while it was read`);
        yield row.data;
      }
    }
    // Byte mode with a tiny high-water mark: the next piece is fetched only once the reader has taken this one.
    return Readable.from(pieces(), { objectMode: false, highWaterMark: 1 });
  }

  async withLocalCopy<T>(key: string, read: (filePath: string) => Promise<T>): Promise<T> {
    const copy = path.join(this.copiesDir, randomStorageKey());
    const source = await this.open(key);
    if (!source) return read(copy);
    try {
      await fs.promises.mkdir(this.copiesDir, { recursive: true });
      await pipeline(source, fs.createWriteStream(copy, { flags: 'wx' }));
      return await read(copy);
    } finally {
      await fs.promises.rm(copy, { force: true });
    }
  }

  /**
   * Pieces are written in the transaction that records their file, so pieces without a row come
   * only from a row deleted without them (the sweep of unreferenced rows). Uncommitted pieces of
   * another instance's upload are invisible here, so `before` is not needed.
   */
  async sweepUnrecorded(db: DbOrTrx): Promise<number> {
    const result = await db
      .deleteFrom('file_chunks')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('stored_files').select('stored_files.id').whereRef('stored_files.storage_key', '=', 'file_chunks.storage_key'))))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async removeTemp(tempPath: string): Promise<void> {
    if (path.dirname(tempPath) === this.tmpDir) await fs.promises.rm(tempPath, { force: true });
  }
}
