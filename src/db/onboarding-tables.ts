import type { Generated } from 'kysely';
import type { OwnerRole, ReviewRating, SignOff, TaskKind, Track } from '../onboarding/plan';

/* Onboarding: templates per sales role, and each new hire's plan copied from one. */

export interface OnboardingTemplatesTable {
  id: Generated<number>;
  role_id: number;
  updated_by: number | null;
  updated_at: string;
}

/** Shared by template tasks and plan tasks (a plan copies its tasks at creation). */
interface OnboardingTaskColumns {
  track: Track;
  title: string;
  description: string;
  owner_role: OwnerRole;
  /** Due this many days after the start date (0 = the first day). */
  due_day: number;
  sign_off: SignOff;
  evidence_required: number;
  required: number;
  kind: TaskKind;
  position: number;
  /** The default task this one was seeded from (`<role key>:<index>`), shown in the reader's language; null once edited. */
  seed_key: string | null;
}

export interface OnboardingTemplateTasksTable extends OnboardingTaskColumns {
  id: Generated<number>;
  template_id: number;
}

export interface OnboardingPlansTable {
  id: Generated<number>;
  new_hire_id: number;
  role_id: number;
  start_date: string;
  manager_id: number;
  buddy_id: number | null;
  product_lead_id: number | null;
  cs_lead_id: number | null;
  sdr_lead_id: number | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
  /** 90-day review: 1 well below … 4 well above expectations. */
  review_rating: ReviewRating | null;
  review_note: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  /** The application the new hire was hired from, when the plan was started from a recorded hire. */
  application_id: number | null;
}

export interface OnboardingPlanTasksTable extends OnboardingTaskColumns {
  id: Generated<number>;
  plan_id: number;
  due_date: string;
  done_at: string | null;
  done_by: number | null;
  evidence_note: string | null;
  evidence_file_id: number | null;
  signed_off_at: string | null;
  signed_off_by: number | null;
  returned_at: string | null;
  returned_by: number | null;
  return_comment: string | null;
}
