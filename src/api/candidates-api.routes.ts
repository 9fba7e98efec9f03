import type { Request } from 'express';
import { canViewCandidate, visibleApplicationIds } from '../auth/scopes';
import { parseCandidateForm } from '../candidates/candidates.forms';
import { findCandidate, listApplicationsOf, listCandidatesBefore } from '../candidates/candidates.service';
import { addCandidate, type CandidateDeps, editCandidate } from '../candidates/candidates.use-cases';
import type { Language } from '../i18n/i18n';
import { findOpeningIdOfStage } from '../openings/openings.service';
import { parseSearchQuery, searchHits } from '../search/search.service';
import { NotFoundError, ValidationError } from '../shared/errors';
import { type ApiRoutes, decodeCursor, encodeCursor } from './operations.routes';
import { Candidate, CandidateCreate, CandidateListQuery, CandidatePage, CandidateUpdate } from './schemas';

/** The language stage names are given in: the token's user's. */
export const apiLanguage = (req: Request): Language => req.user?.language ?? 'en';

/** A candidate as the API shows them, with the applications the viewer may see. */
export async function candidateView(deps: CandidateDeps, req: Request, candidateId: number) {
  if (!(await canViewCandidate(deps.db, req.user!, candidateId))) throw new NotFoundError();
  const candidate = await findCandidate(deps.db, candidateId);
  if (!candidate) throw new NotFoundError();
  const applications = await listApplicationsOf(deps.db, [candidate.id], apiLanguage(req));
  const visible = await visibleApplicationIds(deps.db, req.user!, applications.map((a) => a.id));
  return {
    id: candidate.id,
    name: candidate.name,
    email: candidate.email,
    phone: candidate.phone,
    linkedin_url: candidate.linkedinUrl,
    source: candidate.source,
    source_detail: candidate.sourceDetail,
    notes: candidate.notes,
    created_at: candidate.createdAt,
    applications: applications
      .filter((a) => visible.has(a.id))
      .map((a) => ({ id: a.id, opening_id: a.openingId, opening_title: a.openingTitle, stage_id: a.stageId, stage_name: a.stageName, status: a.status, created_at: a.createdAt })),
  };
}

/** The form's fields from a JSON body: the API checks a candidate with the very rules of the form. */
function asForm(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(body).flatMap(([key, value]) => (value === undefined || value === null ? [] : [[key, String(value)]])));
}

export function addCandidateRoutes(routes: ApiRoutes, deps: CandidateDeps): void {
  routes.add(
    { method: 'get', path: '/api/v1/candidates', operationId: 'listCandidates', summary: 'Candidates, with the search and filters of the candidate list (newest first)', tag: 'candidates', permission: 'candidates:read', scope: 'read', query: CandidateListQuery, response: CandidatePage },
    async (req, { query }) => {
      const [beforeId] = (decodeCursor(query.cursor, ['number']) ?? []) as number[];
      const search = query.q === undefined ? undefined : parseSearchQuery(query.q);
      // As on the list page: a stage of another opening than the one filtered by is dropped.
      const stageOpeningId = query.stage === undefined ? undefined : await findOpeningIdOfStage(deps.db, query.stage);
      const stageId = query.opening !== undefined && stageOpeningId !== undefined && stageOpeningId !== query.opening ? undefined : query.stage;
      const filters = { openingId: query.opening, stageId, source: query.source, status: query.status, ...(search ? { matches: searchHits(deps.db, search) } : {}) };
      const rows = await listCandidatesBefore(deps.db, req.user!, filters, beforeId, query.limit + 1);
      const items = rows.slice(0, query.limit);
      const last = items[items.length - 1];
      return {
        data: items.map((r) => ({ id: r.id, name: r.name, email: r.email, source: r.source, source_detail: r.sourceDetail, created_at: r.createdAt })),
        next_cursor: rows.length > query.limit && last ? encodeCursor([last.id]) : null,
      };
    },
  );

  routes.add(
    { method: 'get', path: '/api/v1/candidates/:id', operationId: 'getCandidate', summary: 'A candidate', tag: 'candidates', permission: 'candidates:read', scope: 'read', response: Candidate },
    (req, { id }) => candidateView(deps, req, id),
  );

  routes.add(
    { method: 'post', path: '/api/v1/candidates', operationId: 'createCandidate', summary: 'Add a candidate (and apply them to an opening)', tag: 'candidates', permission: 'candidates:manage', scope: 'write', body: CandidateCreate, response: Candidate, status: 201 },
    async (req, { body }) => {
      const parsed = parseCandidateForm(asForm(body));
      if (!parsed.ok) throw new ValidationError(parsed.errors);
      const id = await addCandidate(deps, req.user!, parsed.data);
      return candidateView(deps, req, id);
    },
  );

  routes.add(
    { method: 'patch', path: '/api/v1/candidates/:id', operationId: 'updateCandidate', summary: 'Change a candidate’s details', tag: 'candidates', permission: 'candidates:manage', scope: 'write', body: CandidateUpdate, response: Candidate },
    async (req, { id, body }) => {
      if (!(await canViewCandidate(deps.db, req.user!, id))) throw new NotFoundError();
      const current = await findCandidate(deps.db, id);
      if (!current) throw new NotFoundError();
      const before = {
        name: current.name,
        email: current.email,
        phone: current.phone,
        linkedin_url: current.linkedinUrl,
        source: current.source,
        referrer: current.source === 'referral' ? current.sourceDetail : '',
        inbound_channel: current.source === 'inbound' ? current.sourceDetail : '',
        notes: current.notes,
      };
      const parsed = parseCandidateForm(asForm({ ...before, ...body }));
      if (!parsed.ok) throw new ValidationError(parsed.errors);
      await editCandidate(deps, req.user!, id, { candidate: parsed.data.candidate });
      return candidateView(deps, req, id);
    },
  );
}
