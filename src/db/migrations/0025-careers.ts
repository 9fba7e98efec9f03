import type { Kysely } from 'kysely';
import { withId } from './helpers';

/**
 * The careers page. An opening's public posting (published or not, its public words and its URL
 * slug); each application sent through the page with the consent the applicant gave (the privacy
 * text they were shown and the retention period, so it can be proven later), what they typed, their
 * cover note and the résumé they sent; and, per hashed address, when applications arrived (the hourly limit is
 * counted here so that every instance of the app sees the same count).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('opening_postings')
    .addColumn('opening_id', 'integer', (c) => c.primaryKey().references('openings.id').onDelete('cascade'))
    .addColumn('published', 'integer', (c) => c.notNull())
    .addColumn('public_title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('employment_type', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('published_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opening_postings_published_idx').on('opening_postings').columns(['published', 'published_at', 'opening_id']).execute();

  await withId(db, db.schema.createTable('careers_applications'))
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('candidates.id').onDelete('cascade'))
    .addColumn('opening_id', 'integer', (c) => c.notNull().references('openings.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('privacy_text', 'text', (c) => c.notNull())
    .addColumn('retention_months', 'integer', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_email', 'text', (c) => c.notNull())
    .addColumn('applicant_phone', 'text', (c) => c.notNull())
    .addColumn('applicant_linkedin_url', 'text', (c) => c.notNull())
    .addColumn('cover_note', 'text', (c) => c.notNull())
    .addColumn('resume_file_id', 'integer', (c) => c.references('stored_files.id').onDelete('set null'))
    .addColumn('matched_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('careers_applications_candidate_idx').on('careers_applications').columns(['candidate_id', 'id']).execute();
  // The start-up sweep keeps a file while any row points at it.
  await db.schema.createIndex('careers_applications_resume_idx').on('careers_applications').column('resume_file_id').execute();

  // An application through the careers page joins a candidate already known by e-mail (indexed since 0004) or LinkedIn.
  await db.schema.createIndex('candidates_linkedin_url_idx').on('candidates').column('linkedin_url').execute();

  await withId(db, db.schema.createTable('careers_arrivals'))
    .addColumn('address_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('careers_arrivals_address_idx').on('careers_arrivals').columns(['address_hash', 'created_at']).execute();
  await db.schema.createIndex('careers_arrivals_created_idx').on('careers_arrivals').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('candidates_linkedin_url_idx').execute();
  for (const table of ['careers_arrivals', 'careers_applications', 'opening_postings']) await db.schema.dropTable(table).execute();
}
