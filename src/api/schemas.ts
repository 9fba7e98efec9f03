import { z } from 'zod';
import { APPLICATION_STATUSES, CANDIDATE_SOURCES } from '../candidates/candidate';

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

const id = z.number().int().positive();
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

const idParam = z.coerce.number().int().positive();

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
