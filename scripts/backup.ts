import fs from 'node:fs';
import pino from 'pino';
import { BackupError } from '../src/backup/archive';
import { runBackup } from '../src/backup/backups.use-cases';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/open-database';

/** `npm run backup`: one archive in BACKUP_DIR, made while the app may be running. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.database.dialect === 'sqlite' && !fs.existsSync(config.database.filename)) throw new BackupError(`there is no database at ${config.database.filename} to back up`);
  const database = openDatabase(config.database);
  try {
    const logger = pino({ level: 'silent' });
    const outcome = await runBackup({ db: database.db, clock: systemClock, logger, database: config.database, uploadDir: config.uploadDir, fileStorage: config.fileStorage, backupDir: config.backup.dir }, `manual:${new Date().toISOString()}`, `npm run backup (pid ${process.pid})`, undefined);
    if (!outcome) throw new BackupError('another backup was started at the same moment; try again');
    if (!outcome.ok) throw new BackupError(outcome.error);
    const { result } = outcome;
    const rows = Object.values(result.manifest.tables).reduce((a, b) => a + b, 0);
    console.log(`Backup written: ${result.archive}`);
    console.log(`  ${(result.bytes / 1024 / 1024).toFixed(1)} MB · ${rows} rows in ${Object.keys(result.manifest.tables).length} tables · ${result.manifest.filesInDatabase ?? result.manifest.files.length} uploaded files${result.manifest.filesInDatabase === undefined ? '' : ' (inside the database copy)'} · ${(result.durationMs / 1000).toFixed(1)} s`);
    if (result.manifest.filesNotMatchingTheirRecord.length > 0) console.log(`  warning: ${result.manifest.filesNotMatchingTheirRecord.length} uploaded files no longer match the checksum recorded at upload (archived as found)`);
    console.log('Copy it off this machine: a backup on the same disk is lost with the disk.');
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(`Backup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
