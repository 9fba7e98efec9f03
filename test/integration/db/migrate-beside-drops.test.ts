import crypto from 'node:crypto';
import pg from 'pg';
import { migrateToLatest } from '../../../src/db/migrate';
import { openDatabase } from '../../../src/db/open-database';
import { testDialects } from '../../helpers/test-context';

const onPostgres = testDialects().includes('postgres') ? describe : describe.skip;

onPostgres('migrations beside other installations on one PostgreSQL database', () => {
  it('when other schemas of the database are created and dropped while a fresh schema migrates, then the migration still succeeds', async () => {
    const url = process.env.TEST_DATABASE_URL as string;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    let churning = true;
    // Another installation (or test run) coming and going: a schema with a few tables, dropped at once.
    const churn = (async () => {
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      for (let round = 0; churning; round += 1) {
        const name = `churn_${crypto.randomBytes(5).toString('hex')}`;
        await other.query(`create schema ${name}; create table ${name}.a (id serial primary key); create table ${name}.b (id serial primary key, a int references ${name}.a)`);
        await other.query(`drop schema ${name} cascade`);
      }
      await other.end();
    })();
    const schemas: string[] = [];
    try {
      for (let i = 0; i < 4; i += 1) {
        const schema = `test_${crypto.randomBytes(6).toString('hex')}`;
        schemas.push(schema);
        await admin.query(`create schema ${schema}`);
        const opened = openDatabase({ dialect: 'postgres', connectionString: url }, { searchPath: schema });
        try {
          const ran = await migrateToLatest(opened.db);
          expect(ran.length).toBeGreaterThan(30);
          // Kysely's bookkeeping lives in the schema itself: a second run finds it and has nothing to do.
          expect(await migrateToLatest(opened.db)).toEqual([]);
        } finally {
          await opened.close();
        }
      }
    } finally {
      churning = false;
      await churn;
      for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  }, 120_000);
});
