import { z } from 'zod';
import { APPLICATION_STATUSES, CANDIDATE_SOURCES } from '../candidates/candidate';
import { DECISIONS } from '../comparison/decision';
import { RECOMMENDATIONS } from '../interviews/scorecard';
import { OPENING_STATUSES } from '../openings/opening';
import { OWNER_ROLES, SIGN_OFFS, TRACKS } from '../onboarding/plan';
import { ROLES } from '../auth/permissions';
import { USER_STATUSES } from '../users/user';
import { LANGUAGES } from '../i18n/i18n';

/**
 * The API's schemas: the same zod objects validate requests and describe answers, and the OpenAPI
 * document is generated from them (openapi.ts). Each named one is registered under its id.
 * Properties are snake_case in both directions, so a refused field is named as it was sent.
 */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

function named<T extends z.ZodType>(id: string, schema: T, description?: string): T {
  apiSchemas.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
}

/** Ids are 4-byte integers in the database; the pages take at most nine digits, and so does the API. */
export const MAX_ID = 999_999_999;
const id = z.number().int().positive().max(MAX_ID);
const timestamp = z.string().describe('ISO 8601 UTC');

export const ErrorSchema = named(
  'Error',
  z.object({ error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()) }) }),
  'Every refusal: a stable code, an English message, and a message per refused field (empty when none).',
);

/** `?limit=&cursor=` of every list. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(25).describe('Items per page (1–100, default 25).'),
  cursor: z.string().max(200).optional().describe('The next_cursor of the previous page.'),
};

function page<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), next_cursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page.') });
}

const idParam = z.coerce.number().int().positive().max(MAX_ID);

export const CandidateListQuery = z.object({
  q: z.string().max(200).optional().describe('Search, as on the candidate list page: words in the name, e-mail, phone, notes and résumé.'),
  opening: idParam.optional().describe('Only candidates with an application to this opening.'),
  stage: idParam.optional().describe('Only candidates with an application at this stage.'),
  source: z.enum(CANDIDATE_SOURCES).optional(),
  status: z.enum(APPLICATION_STATUSES).optional().describe('Only candidates with an application in this status.'),
  ...pageQuery,
});

export const CandidateListItem = named(
  'CandidateListItem',
  z.object({ id, name: z.string(), email: z.string(), source: z.enum(CANDIDATE_SOURCES), source_detail: z.string(), created_at: timestamp }),
);
export const CandidatePage = named('CandidatePage', page(CandidateListItem));

export const ApplicationBrief = named(
  'ApplicationBrief',
  z.object({ id, opening_id: id, opening_title: z.string(), stage_id: id.nullable(), stage_name: z.string().nullable(), status: z.enum(APPLICATION_STATUSES), created_at: timestamp }),
);

export const Candidate = named(
  'Candidate',
  z.object({
    id,
    name: z.string(),
    email: z.string(),
    phone: z.string(),
    linkedin_url: z.string(),
    source: z.enum(CANDIDATE_SOURCES),
    source_detail: z.string(),
    notes: z.string(),
    created_at: timestamp,
    applications: z.array(ApplicationBrief).describe('The applications visible to the token’s user.'),
  }),
);

const candidateFields = {
  name: z.string().max(120),
  email: z.string().max(254).optional(),
  phone: z.string().max(40).optional(),
  linkedin_url: z.string().max(300).optional(),
  source: z.enum(CANDIDATE_SOURCES),
  referrer: z.string().max(120).optional().describe('Who referred them (source "referral").'),
  inbound_channel: z.string().max(40).optional().describe('applied, site, event or careers (source "inbound").'),
  notes: z.string().max(5000).optional(),
};

export const CandidateCreate = named(
  'CandidateCreate',
  z.strictObject({ ...candidateFields, opening_id: id.optional().describe('Apply them to this open opening at once.') }),
);

export const CandidateUpdate = named('CandidateUpdate', z.strictObject(candidateFields).partial().describe('The fields to change; the rest stay as they are.'));

export const Application = named(
  'Application',
  z.object({
    id,
    candidate_id: id,
    opening_id: id,
    opening_title: z.string(),
    stage_id: id.nullable(),
    stage_name: z.string().nullable(),
    status: z.enum(APPLICATION_STATUSES),
    status_reason: z.string().describe('Empty while the token’s user still owes a scorecard on it (independent feedback).'),
    created_at: timestamp,
  }),
);

export const ApplicationCreate = named('ApplicationCreate', z.strictObject({ candidate_id: id, opening_id: id }));
export const ApplicationMove = named('ApplicationMove', z.strictObject({ stage_id: id }));
export const ApplicationReject = named('ApplicationReject', z.strictObject({ reason: z.string().max(1000) }));

export const OpeningListQuery = z.object({ ...pageQuery });

/** What an opening says of itself, in the list and on its own. */
const openingFields = {
  id,
  title: z.string(),
  role_key: z.string(),
  role_name: z.string(),
  status: z.enum(OPENING_STATUSES),
  headcount: z.number().int(),
  hiring_manager_id: id,
  hiring_manager_name: z.string(),
};

export const OpeningSummary = named(
  'OpeningSummary',
  z.object({
    ...openingFields,
    active_count: z.number().int(),
    hired_count: z.number().int(),
    created_at: timestamp,
  }),
);
export const OpeningPage = named('OpeningPage', page(OpeningSummary));

export const Opening = named(
  'Opening',
  z.object({
    ...openingFields,
    rubric_id: id,
    rubric_version: z.number().int(),
    created_at: timestamp,
    stages: z.array(z.object({ id, position: z.number().int(), name: z.string(), duration_minutes: z.number().int(), focus: z.array(z.string()) })).describe('The interview plan, in order.'),
  }),
);

export const Scorecard = named(
  'Scorecard',
  z.object({
    id,
    interview_id: id,
    interviewer_id: id,
    interviewer_name: z.string(),
    stage_name: z.string(),
    rubric_version: z.number().int(),
    submitted_at: timestamp.nullable(),
    recommendation: z.enum(RECOMMENDATIONS).nullable(),
    key_takeaways: z.string(),
    ratings: z.array(z.object({ key: z.string(), rating: z.number().int().nullable().describe('1–4; null: not assessed'), evidence: z.string() })),
  }),
);

export const ScorecardList = named(
  'ScorecardList',
  z.object({
    data: z.array(Scorecard).describe('Submitted scorecards, in interview order. While `withheld`, only the token user’s own.'),
    withheld: z.boolean().describe('True while the token’s user still owes a scorecard on this application (independent feedback): the rest of the panel’s are not shown.'),
  }),
);

export const DecisionRecord = named(
  'DecisionRecord',
  z.object({
    decision: z.enum(DECISIONS),
    rationale: z.string(),
    flags: z.array(z.string()),
    acknowledgements: z.record(z.string(), z.string()),
    weighted_score: z.number().nullable(),
    decided_by_name: z.string().nullable(),
    decided_at: timestamp,
  }),
);

export const DecisionState = named(
  'DecisionState',
  z.object({
    decision: DecisionRecord.nullable().describe('The standing decision; null when none, or while withheld.'),
    withheld: z.boolean().describe('True while the token’s user still owes a scorecard on this application (independent feedback).'),
  }),
);

export const DecisionCreate = named(
  'DecisionCreate',
  z.strictObject({
    decision: z.enum(DECISIONS),
    rationale: z.string().max(4000),
    acknowledgements: z.record(z.string(), z.string().max(2000)).optional().describe('Hiring over a serious flag (below_bar, top_closer_trap, low_confidence): flag → the reason to go ahead.'),
  }),
);

export const Interview = named(
  'Interview',
  z.object({
    id,
    stage_id: id,
    stage_name: z.string(),
    scheduled_at: timestamp.nullable(),
    duration_minutes: z.number().int(),
    location: z.string(),
    status: z.enum(['scheduled', 'cancelled']),
    cancel_reason: z.string(),
    interviewers: z.array(z.object({ id, name: z.string(), scorecard: z.enum(['none', 'draft', 'submitted']) })),
  }),
);
export const InterviewList = named('InterviewList', z.object({ data: z.array(Interview) }));

export const InterviewCreate = named(
  'InterviewCreate',
  z.strictObject({
    stage_id: id,
    interviewer_ids: z.array(id).min(1).max(20),
    scheduled_at: z.iso.datetime({ offset: true }).nullable().describe('ISO 8601 with a zone offset or Z; null: an interview recorded without a time.'),
    duration_minutes: z.number().int().optional().describe('Unset: the stage’s default.'),
    location: z.string().max(500).optional(),
    note: z.string().max(2000).optional(),
  }),
);

const progress = z.object({ total: z.number().int(), complete: z.number().int(), awaiting_sign_off: z.number().int(), overdue: z.number().int(), percent: z.number().int() });

/** What an onboarding plan says of itself, in the list and on its own. */
const planFields = {
  id,
  role_name: z.string(),
  start_date: z.string().describe('YYYY-MM-DD'),
  new_hire_id: id,
  new_hire_name: z.string(),
  manager_id: id,
  manager_name: z.string(),
  completed_at: timestamp.nullable(),
  progress,
};

export const OnboardingPlanSummary = named(
  'OnboardingPlanSummary',
  z.object({
    ...planFields,
  }),
);
export const OnboardingPlanPage = named('OnboardingPlanPage', page(OnboardingPlanSummary));

export const OnboardingPlanListQuery = z.object({
  status: z.enum(['active', 'complete', 'all']).default('active').describe('As the plans dashboard: running plans by default.'),
  ...pageQuery,
});

export const OnboardingPlan = named(
  'OnboardingPlan',
  z.object({
    ...planFields,
    tracks: z.array(z.object({ track: z.enum(TRACKS), progress })),
    tasks: z.array(
      z.object({
        id,
        title: z.string(),
        track: z.enum(TRACKS),
        owner_role: z.enum(OWNER_ROLES),
        owner_name: z.string(),
        due_date: z.string(),
        overdue: z.boolean(),
        state: z.enum(['open', 'awaiting_sign_off', 'complete']),
        required: z.boolean(),
        sign_off: z.enum(SIGN_OFFS),
        done_at: timestamp.nullable(),
        signed_off_at: timestamp.nullable(),
      }),
    ),
  }),
);

export const User = named(
  'User',
  z.object({ id, name: z.string(), email: z.string(), role: z.enum(ROLES), status: z.enum(USER_STATUSES), language: z.enum(LANGUAGES).nullable(), time_zone: z.string().nullable(), created_at: timestamp }),
);
export const UserPage = named('UserPage', page(User));
export const UserListQuery = z.object({ ...pageQuery });
