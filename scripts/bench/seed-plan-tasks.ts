import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/open-database';
import { seedPlanTasks } from './plan-tasks';

/**
 * `node dist/scripts/bench/seed-plan-tasks.js`: gives the plans of a bench database seeded before
 * plans had tasks the tasks `bench:seed` now writes (same DATABASE_URL / DATA_DIR). Plans that have
 * tasks are left alone.
 */
async function main(): Promise<void> {
  const database = openDatabase(loadConfig(process.env).database);
  try {
    const written = await seedPlanTasks(database.db, new Date());
    console.log(`Wrote ${written} onboarding plan tasks`);
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
