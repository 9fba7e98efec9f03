import { systemClock } from '../src/clock';
import { ConfigError, loadConfig } from '../src/config';
import { DemoNotEmptyError, seedDemo } from '../src/demo/demo';
import { migrateToLatest } from '../src/db/migrate';
import { openDatabase } from '../src/db/open-database';
import { isLanguage } from '../src/i18n/i18n';

/** `npm run demo`: fills an empty database with a demo company and prints the sign-ins. DEMO_LANGUAGE=ru for Russian content. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const language = process.env.DEMO_LANGUAGE ?? 'en';
  if (!isLanguage(language)) throw new ConfigError('DEMO_LANGUAGE', 'en or ru', language);
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const accounts = await seedDemo(database.db, systemClock, language);
    console.log(`Demo company created (${database.dialect}). Sign in at http://localhost:${config.port}/login with:\n`);
    const width = Math.max(...accounts.map((a) => a.email.length));
    for (const account of accounts) {
      console.log(`  ${account.role.padEnd(15)} ${account.email.padEnd(width)}  ${account.password}`);
    }
    console.log('\nThese passwords are shown only now.');
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof DemoNotEmptyError ? err.message : err);
  process.exit(1);
});
