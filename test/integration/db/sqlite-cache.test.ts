import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../../src/db/open-database';

/** The page cache an SQLite connection was opened with, in KiB (SQLite reports a size as a negative number). */
async function cacheKib(cacheMb?: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesbench-cache-'));
  const opened = openDatabase({ dialect: 'sqlite', filename: path.join(dir, 'salesbench.sqlite'), ...(cacheMb === undefined ? {} : { cacheMb }) });
  try {
    const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute(opened.db);
    return -rows[0]!.cache_size;
  } finally {
    await opened.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('SQLite page cache', () => {
  it('when no size is given, then the connection caches 64 MiB of pages, not SQLite’s own 16 MB', async () => {
    expect(await cacheKib()).toBe(64 * 1024);
  });

  it('when SQLITE_CACHE_MB gives a size, then the connection caches that much, small or large', async () => {
    expect(await cacheKib(2)).toBe(2 * 1024);
    expect(await cacheKib(512)).toBe(512 * 1024);
  });
});
