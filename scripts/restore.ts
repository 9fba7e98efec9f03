import path from 'node:path';
import { BackupError } from '../src/backup/archive';
import { restoreBackup } from '../src/backup/restore';
import { BackupToolMissing } from '../src/backup/snapshot';
import { ConfigError, loadConfig } from '../src/config';

/**
 * `npm run restore -- <archive>`: into an empty data folder (SQLite) or an empty PostgreSQL
 * database (DATABASE_URL), never over data. Every entry is checked before anything is written.
 */
async function main(): Promise<void> {
  const archive = process.argv[2];
  if (!archive) throw new BackupError('usage: npm run restore -- <archive.tar>');
  const config = loadConfig(process.env);
  console.log(`Checking ${archive} …`);
  const result = await restoreBackup(path.resolve(archive), { database: config.database, uploadDir: config.uploadDir });
  console.log(`Restored the backup of ${result.manifest.createdAt} (version ${result.manifest.appVersion}, schema ${result.manifest.schemaVersion})${result.migrated ? ', then brought its schema up to date' : ''}:`);
  for (const [table, count] of Object.entries(result.tables)) {
    const archived = result.manifest.tables[table];
    console.log(`  ${table.padEnd(28)} ${String(count).padStart(8)}${archived !== undefined && archived !== count ? `  (archive: ${archived})` : ''}`);
  }
  console.log(`  uploaded files               ${String(result.files).padStart(8)}`);
  console.log(`Done in ${(result.durationMs / 1000).toFixed(1)} s. Start the app with the same DATA_DIR / DATABASE_URL.`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof BackupError || err instanceof BackupToolMissing) console.error(`Restore refused: ${err.message}`);
  else console.error(`Restore failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
