import type { Generated } from 'kysely';
import type { EmploymentType } from '../careers/posting';
import type { Language } from '../i18n/i18n';

/** An opening's page on the public careers site (migration 0025). */
export interface OpeningPostingsTable {
  opening_id: number;
  /** 1 when shown on the careers page (and the opening is open). */
  published: number;
  public_title: string;
  /** Markdown (a safe subset: no HTML), rendered when shown. */
  description: string;
  location: string;
  employment_type: EmploymentType;
  slug: string;
  /** When it was last published (schema.org datePosted); null if never. */
  published_at: string | null;
  updated_at: string;
}

/** An application sent through the careers page, with the consent given (migration 0025). */
export interface CareersApplicationsTable {
  id: Generated<number>;
  candidate_id: number;
  opening_id: number;
  language: Language;
  /** The privacy text shown next to the consent box, as shown. */
  privacy_text: string;
  retention_months: number;
  /** What the applicant typed (a known candidate's record keeps what recruiters recorded). */
  applicant_name: string;
  applicant_email: string;
  applicant_phone: string;
  applicant_linkedin_url: string;
  cover_note: string;
  /** The résumé sent with this application (also the candidate's résumé when they had none). */
  resume_file_id: number | null;
  /** '' for a new candidate; 'email' or 'linkedin' when it joined an existing one. */
  matched_by: string;
  created_at: string;
}

/** When an application arrived from a (hashed) address: the hourly limit counts these (migration 0025). */
export interface CareersArrivalsTable {
  id: Generated<number>;
  address_hash: string;
  created_at: string;
}

/** The careers page's tables (migration 0025), part of the Database. */
export interface CareersTables {
  opening_postings: OpeningPostingsTable;
  careers_applications: CareersApplicationsTable;
  careers_arrivals: CareersArrivalsTable;
}
