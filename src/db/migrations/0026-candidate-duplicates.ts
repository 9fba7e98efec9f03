import { type Kysely, sql } from 'kysely';
import { duplicateKeys } from '../../candidates/duplicates';

/**
 * One candidate per e-mail address, and the keys that find likely duplicates.
 *
 * - `email_unique` holds the candidate's (already trimmed, lower-cased) e-mail, or null when they
 *   have none; a partial unique index over the non-null values makes the database refuse a second
 *   candidate with the same address, whoever checks first. An installation may already hold two
 *   records of one address (two people saved the same candidate at the same moment): there the
 *   earliest record holds the address and the later ones keep their e-mail but a null
 *   `email_unique`, so nothing is lost and they show as likely duplicates (same e-mail) to merge.
 * - `email_key`, `phone_key` and `linkedin_key` are the canonical forms compared for likely
 *   duplicates (see candidates/duplicates.ts), '' when empty; each is indexed, with the name for the
 *   phone, so the candidate page finds duplicates with a fixed number of indexed lookups.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('candidates').addColumn('email_unique', 'text').execute();
  await db.schema.alterTable('candidates').addColumn('email_key', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('candidates').addColumn('phone_key', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('candidates').addColumn('linkedin_key', 'text', (c) => c.notNull().defaultTo('')).execute();

  await sql`update candidates set email_unique = email
    where email <> ''
      and not exists (select 1 from candidates earlier where earlier.email = candidates.email and earlier.id < candidates.id)`.execute(db);

  const rows = await db.selectFrom('candidates').select(['id', 'email', 'phone', 'linkedin_url']).orderBy('id').execute();
  for (const row of rows as { id: number; email: string; phone: string; linkedin_url: string }[]) {
    const keys = duplicateKeys({ email: row.email, phone: row.phone, linkedinUrl: row.linkedin_url });
    if (keys.emailKey === '' && keys.phoneKey === '' && keys.linkedinKey === '') continue;
    await db.updateTable('candidates').set({ email_key: keys.emailKey, phone_key: keys.phoneKey, linkedin_key: keys.linkedinKey }).where('id', '=', row.id).execute();
  }

  await sql`create unique index candidates_email_unique on candidates (email_unique) where email_unique is not null`.execute(db);
  await db.schema.createIndex('candidates_email_key_idx').on('candidates').column('email_key').execute();
  await db.schema.createIndex('candidates_phone_key_idx').on('candidates').columns(['phone_key', 'name_lower']).execute();
  await db.schema.createIndex('candidates_linkedin_key_idx').on('candidates').column('linkedin_key').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['candidates_linkedin_key_idx', 'candidates_phone_key_idx', 'candidates_email_key_idx', 'candidates_email_unique']) await db.schema.dropIndex(index).execute();
  for (const column of ['linkedin_key', 'phone_key', 'email_key', 'email_unique']) await db.schema.alterTable('candidates').dropColumn(column).execute();
}
