import { Router, type Request, type Response } from 'express';
import { allow } from '../auth/guard';
import { canViewCandidate, visibleApplicationIds } from '../auth/scopes';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { MessageKey } from '../i18n/i18n';
import { findOpening, findOpeningIdOfStage, findVisibleOpening, listOpeningChoices, listStagesOf } from '../openings/openings.service';
import { type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import type { FileStorage } from '../uploads/file-storage';
import { acceptUpload, sendStoredFile, sendStoredPdfInline, uploadOutcome } from '../uploads/upload.middleware';
import { findStoredFile } from '../uploads/uploads.service';
import { field, fieldAll } from '../web/body';
import { addFlash, stageParam } from '../web/flash';
import { keepValues } from '../web/forms';
import { languageOf } from '../web/locals';
import { renderPage } from '../web/render';
import { listCareersApplications } from '../careers/careers.service';
import { viewerTimes } from '../interviews/interviews.views';
import { addApplication, BulkRefusedError, bulkAddApplications, bulkMoveApplications, bulkRejectApplications } from './applications.use-cases';
import { findApplicationIdsOn, listApplicationsOf } from './applications.repository';
import { hasStaleEntries, MAX_QUERY_CHARS, parseSearchQuery, searchHits, snippetsFor } from '../search/search.service';
import { APPLICATION_STATUSES, CANDIDATE_SORTS, type CandidateSort, CANDIDATE_SOURCES, INBOUND_CHANNELS, SEARCH_SORTS } from './candidate';
import { CANDIDATE_FIELDS, parseApplyForm, parseCandidateForm } from './candidates.forms';
import { type Candidate, type CandidateFilters, findCandidate, searchCandidates } from './candidates.repository';
import { addCandidate, editCandidate } from './candidates.use-cases';
import { describeResumeText } from '../resume-text/resume-text.service';
import { findLikelyDuplicates } from './duplicates.repository';

export type CandidatesRouterDeps = UseCaseDeps & { readonly storage: FileStorage; readonly uploadMaxBytes: number };

type FormState = { candidateId?: number; values: Record<string, string>; fieldErrors?: FieldErrors; hasResume?: boolean };


function idParam(req: Request): number {
  const id = positiveInt(req.params.id);
  if (id === undefined) throw new NotFoundError();
  return id;
}

/** The candidate a route names, if the viewer may see them; 404 otherwise. */
async function loadCandidate({ db }: UseCaseDeps, req: Request): Promise<Candidate> {
  const id = idParam(req);
  // Both at once (PostgreSQL answers them on two connections); the row is dropped unless the viewer may see it.
  const [allowed, candidate] = await Promise.all([canViewCandidate(db, req.user!, id), findCandidate(db, id)]);
  if (!allowed || !candidate) throw new NotFoundError();
  return candidate;
}

function formRenderer(deps: CandidatesRouterDeps) {
  const maxMb = Math.round(deps.uploadMaxBytes / 1024 / 1024);
  return async (req: Request, res: Response, form: FormState, status = 200) => {
    await renderPage(
      req,
      res,
      'candidates/form',
      {
        title: form.candidateId ? 'candidates.editTitle' : 'candidates.newTitle',
        candidateId: form.candidateId,
        openings: form.candidateId ? [] : await listOpeningChoices(deps.db, req.user!),
        sources: CANDIDATE_SOURCES,
        channels: INBOUND_CHANNELS,
        values: form.values,
        fieldErrors: form.fieldErrors ?? {},
        hasResume: form.hasResume ?? false,
        maxMb,
      },
      status,
    );
  };
}

/** The items by key, each group in the items' order. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

type ListFilters = CandidateFilters & { q: string; page: number; sort: CandidateSort; searching: boolean };

/**
 * The list's filters and order, from the query string (the bulk form posts to the same query
 * string, so a refusal re-renders the same list). The search is cut to MAX_QUERY_CHARS; while
 * searching, the order is by relevance unless another is chosen.
 */
function parseListQuery(query: Request['query']): ListFilters {
  const pick = <T extends string>(values: readonly T[], value: unknown): T | undefined => ((values as readonly unknown[]).includes(value) ? (value as T) : undefined);
  const q = typeof query.q === 'string' ? query.q.slice(0, MAX_QUERY_CHARS) : '';
  const searching = q.trim() !== '';
  return {
    q,
    openingId: positiveInt(query.opening),
    stageId: positiveInt(query.stage),
    source: pick(CANDIDATE_SOURCES, query.source),
    status: pick(APPLICATION_STATUSES, query.status),
    sort: (searching ? pick(SEARCH_SORTS, query.sort) : pick(CANDIDATE_SORTS, query.sort)) ?? (searching ? 'relevance' : 'newest'),
    page: Math.min(positiveInt(query.page) ?? 1, 10_000),
    searching,
  };
}

function listQueryString(f: ListFilters, withPage = false): string {
  const defaultSort = f.searching ? 'relevance' : 'newest';
  const entries = Object.entries({ q: f.q, opening: f.openingId, stage: f.stageId, source: f.source, status: f.status, sort: f.sort === defaultSort ? undefined : f.sort, page: withPage && f.page > 1 ? f.page : undefined });
  return new URLSearchParams(entries.flatMap(([k, v]): [string, string][] => (v === undefined || v === '' ? [] : [[k, String(v)]]))).toString();
}

/** What the bulk form shows after a refusal: the selection, what was typed, and the messages. */
interface BulkState {
  readonly selected: readonly number[];
  readonly values: Record<string, string>;
  readonly fieldErrors: FieldErrors;
  readonly refusals: readonly { id: number; reason: MessageKey }[];
}

function listRenderer({ db }: CandidatesRouterDeps) {
  return async (req: Request, res: Response, bulk?: BulkState, status = 200) => {
    const parsed = parseListQuery(req.query);
    // The stage filter follows the opening: a stage alone names its opening, and a stage of another
    // opening than the one chosen is dropped (it is left over from the opening chosen before).
    const stageOpeningId = parsed.stageId === undefined ? undefined : await findOpeningIdOfStage(db, parsed.stageId);
    const filters = parsed.openingId !== undefined && stageOpeningId !== undefined && stageOpeningId !== parsed.openingId ? { ...parsed, stageId: undefined } : parsed;
    const contextOpeningId = filters.openingId ?? stageOpeningId;
    const search = filters.searching ? parseSearchQuery(filters.q) : undefined;
    const [result, openings, indexing] = await Promise.all([searchCandidates(db, req.user!, { ...filters, ...(search ? { matches: searchHits(db, search) } : {}) }, filters.page), listOpeningChoices(db, req.user!), search ? hasStaleEntries(db) : false]);
    const ids = result.rows.map((r) => r.id);
    // Bulk moves and rejections act on one opening's applications: the one filtered by, or the filtered stage's.
    const contextOpening = openings.find((o) => o.id === contextOpeningId);
    const [applications, contextStages, snippets] = await Promise.all([
      listApplicationsOf(db, ids, languageOf(req)),
      contextOpening ? listStagesOf(db, [contextOpening.id], languageOf(req)) : [],
      search && ids.length > 0 ? snippetsFor(db, ids, search) : new Map<number, never>(),
    ]);
    const visible = await visibleApplicationIds(db, req.user!, applications.map((a) => a.id));
    const queryString = listQueryString(filters);
    const names = new Map(result.rows.map((r) => [r.id, r.name]));
    const applicationsOf = groupBy(applications.filter((a) => visible.has(a.id)), (a) => a.candidateId);
    await renderPage(
      req,
      res,
      'candidates/index',
      {
        title: 'candidates.title',
        rows: result.rows.map((row) => ({ ...row, snippet: snippets.get(row.id), applications: applicationsOf.get(row.id) ?? [] })),
        searching: filters.searching,
        indexing,
        filters: { q: filters.q, opening: filters.openingId ? String(filters.openingId) : '', stage: filters.stageId ? String(filters.stageId) : '', source: filters.source ?? '', status: filters.status ?? '', sort: filters.sort },
        openings,
        sources: CANDIDATE_SOURCES,
        statuses: APPLICATION_STATUSES,
        sorts: filters.searching ? SEARCH_SORTS : CANDIDATE_SORTS,
        maxQueryChars: MAX_QUERY_CHARS,
        page: filters.page,
        hasNext: result.hasNext,
        queryString,
        bulkAction: `/candidates/bulk${queryString ? `?${queryString}` : ''}`,
        contextOpening,
        // The stage filter and the bulk move list the same stages: the chosen opening's (or the filtered stage's).
        contextStages,
        addOpenings: openings.filter((o) => o.status !== 'closed'),
        selected: new Set(bulk?.selected ?? []),
        bulkValues: bulk?.values ?? {},
        bulkErrors: bulk?.fieldErrors ?? {},
        refusals: (bulk?.refusals ?? []).map((r) => ({ name: names.get(r.id) ?? `#${r.id}`, reason: r.reason })),
      },
      status,
    );
  };
}

const BULK_ACTIONS = ['move', 'reject', 'add'] as const;

/**
 * Moves, rejects or adds the selected candidates, each through the same use case as a single
 * change, in one transaction: all or nothing. A refusal re-renders the list with the selection
 * kept and the message by the field (or the rows that could not be changed).
 */
function bulkHandler(deps: CandidatesRouterDeps, renderList: ReturnType<typeof listRenderer>) {
  return async (req: Request, res: Response) => {
    const action = (BULK_ACTIONS as readonly string[]).includes(field(req.body, 'action')) ? (field(req.body, 'action') as (typeof BULK_ACTIONS)[number]) : undefined;
    const selected = [...new Set(fieldAll(req.body, 'candidate_ids').map((v) => positiveInt(v)).filter((v): v is number => v !== undefined))];
    const values = { stage_id: field(req.body, 'stage_id'), reason: field(req.body, 'reason').slice(0, 2000), target_opening_id: field(req.body, 'target_opening_id') };
    const refuse = (fieldErrors: FieldErrors, refusals: BulkState['refusals'] = []) => renderList(req, res, { selected, values, fieldErrors, refusals }, 422);
    if (!action) return refuse({ _form: 'validation.invalid' });
    if (selected.length === 0) return refuse({ selection: 'bulk.error.none' });
    try {
      if (action === 'add') {
        const openingId = positiveInt(values.target_opening_id);
        const count = await bulkAddApplications(deps, req.user!, selected, openingId);
        const opening = openingId === undefined ? undefined : await findOpening(deps.db, openingId, languageOf(req));
        addFlash(req, { kind: 'success', message: 'bulk.added', params: { n: count, opening: opening?.title ?? '' } });
      } else {
        const opening = await findVisibleOpening(deps.db, req.user!, field(req.body, 'opening_id'), languageOf(req)).catch((err: unknown) => {
          if (err instanceof NotFoundError) return undefined;
          throw err;
        });
        if (!opening) return refuse({ selection: 'bulk.needsOpening' });
        const byCandidate = await findApplicationIdsOn(deps.db, opening.id, selected);
        const missing = selected.filter((id) => !byCandidate.has(id));
        if (missing.length > 0) return refuse({ _form: 'bulk.error.rows' }, missing.map((id) => ({ id, reason: 'bulk.error.noApplication' })));
        const candidateOf = new Map([...byCandidate].map(([candidateId, applicationId]) => [applicationId, candidateId]));
        try {
          if (action === 'move') {
            const { count, stageName, stageSeedKey } = await bulkMoveApplications(deps, req.user!, opening.id, [...byCandidate.values()], positiveInt(values.stage_id), languageOf(req));
            const stage = stageParam('stage', { name: stageName, seedKey: stageSeedKey });
            addFlash(req, { kind: 'success', message: 'bulk.moved', params: { n: count, ...stage.params }, ...(stage.keyedParams ? { keyedParams: stage.keyedParams } : {}) });
          } else {
            const count = await bulkRejectApplications(deps, req.user!, opening.id, [...byCandidate.values()], values.reason);
            addFlash(req, { kind: 'success', message: 'bulk.rejected', params: { n: count } });
          }
        } catch (err) {
          if (err instanceof BulkRefusedError) throw new BulkRefusedError(err.refusals.map((r) => ({ id: candidateOf.get(r.id) ?? r.id, reason: r.reason })));
          throw err;
        }
      }
    } catch (err) {
      if (err instanceof BulkRefusedError) return refuse(err.fieldErrors, err.refusals);
      if (err instanceof ValidationError) return refuse(action === 'add' && err.fieldErrors.opening_id ? { target_opening_id: err.fieldErrors.opening_id } : err.fieldErrors);
      throw err;
    }
    const query = listQueryString(parseListQuery(req.query), true);
    res.redirect(303, `/candidates${query ? `?${query}` : ''}`);
  };
}

function createHandler(deps: CandidatesRouterDeps, renderForm: ReturnType<typeof formRenderer>) {
  return async (req: Request, res: Response) => {
    const values = keepValues(req.body, CANDIDATE_FIELDS);
    const parsed = parseCandidateForm(req.body);
    const upload = uploadOutcome(req);
    const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...(upload.error ? { resume: upload.error } : {}) };
    if (!parsed.ok || Object.keys(errors).length > 0) return renderForm(req, res, { values, fieldErrors: errors }, 422);
    try {
      const id = await addCandidate(deps, req.user!, { ...parsed.data, ...(upload.file ? { resume: upload.file } : {}) });
      addFlash(req, { kind: 'success', message: 'candidates.created' });
      res.redirect(303, `/candidates/${id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderForm(req, res, { values, fieldErrors: err.fieldErrors }, 422);
    }
  };
}

function editHandler(deps: CandidatesRouterDeps, renderForm: ReturnType<typeof formRenderer>) {
  return async (req: Request, res: Response) => {
    const candidate = await loadCandidate(deps, req);
    const values = keepValues(req.body, CANDIDATE_FIELDS);
    const parsed = parseCandidateForm({ ...(req.body as object), opening_id: '' });
    const upload = uploadOutcome(req);
    const errors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...(upload.error ? { resume: upload.error } : {}) };
    const form = { candidateId: candidate.id, values, hasResume: candidate.resumeFileId !== null };
    if (!parsed.ok || Object.keys(errors).length > 0) return renderForm(req, res, { ...form, fieldErrors: errors }, 422);
    try {
      await editCandidate(deps, req.user!, candidate.id, { candidate: parsed.data.candidate, ...(upload.file ? { resume: upload.file } : {}) });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderForm(req, res, { ...form, fieldErrors: err.fieldErrors }, 422);
    }
    addFlash(req, { kind: 'success', message: 'candidates.saved' });
    res.redirect(303, `/candidates/${candidate.id}`);
  };
}

function showPage(deps: CandidatesRouterDeps) {
  const { db } = deps;
  return async (req: Request, res: Response) => {
    const candidate = await loadCandidate(deps, req);
    // The parts that do not depend on each other are read at once: on PostgreSQL each is a round trip.
    const [visible, resume, resumeText, duplicates, careers, times, openingChoices] = await Promise.all([
      listApplicationsOf(db, [candidate.id], languageOf(req)).then(async (all) => {
        const visibleIds = await visibleApplicationIds(db, req.user!, all.map((a) => a.id));
        return all.filter((a) => visibleIds.has(a.id));
      }),
      candidate.resumeFileId ? findStoredFile(db, candidate.resumeFileId) : undefined,
      // Whether search can find words from the résumé: read, still being read, or why not.
      candidate.resumeFileId ? describeResumeText(db, candidate.resumeFileId) : undefined,
      findLikelyDuplicates(db, req.user!, candidate.id),
      listCareersApplications(db, candidate.id),
      viewerTimes(db, req, res, deps.clock.now()),
      listOpeningChoices(db, req.user!),
    ]);
    // Applications through the careers page, for the openings whose applications the viewer sees.
    const visibleOpenings = new Set(visible.map((a) => a.openingId));
    await renderPage(req, res, 'candidates/show', {
      title: { text: candidate.name },
      candidate,
      resume,
      resumeText: resume ? resumeText : undefined,
      duplicates,
      careers: careers.filter((c) => visibleOpenings.has(c.openingId)),
      times,
      applications: visible,
      openings: openingChoices.filter((o) => !visible.some((a) => a.openingId === o.id)),
    });
  };
}

function applyHandler(deps: CandidatesRouterDeps) {
  return async (req: Request, res: Response) => {
    const candidate = await loadCandidate(deps, req);
    const openingId = parseApplyForm(req.body);
    try {
      if (openingId === undefined) throw new ValidationError({ opening_id: 'applications.error.opening' });
      const id = await addApplication(deps, req.user!, candidate.id, openingId);
      const opening = await findOpening(deps.db, openingId, languageOf(req));
      addFlash(req, { kind: 'success', message: 'applications.created', params: { opening: opening?.title ?? '' } });
      res.redirect(303, `/applications/${id}`);
    } catch (err) {
      // The opening is closed or unknown, or the candidate applies to it already.
      if (!(err instanceof ValidationError)) throw err;
      addFlash(req, { kind: 'error', message: 'applications.error.opening' });
      res.redirect(303, `/candidates/${candidate.id}`);
    }
  };
}

/** Candidates: the list and search, the form, the candidate's page, their résumé, and applying them to an opening. */
export function createCandidatesRouter(deps: CandidatesRouterDeps): Router {
  const router = Router();
  const resumeUpload = acceptUpload({ storage: deps.storage, field: 'resume', kinds: ['pdf', 'docx'], maxBytes: deps.uploadMaxBytes });
  const renderForm = formRenderer(deps);

  const renderList = listRenderer(deps);
  router.get('/candidates', allow('candidates:read'), async (req, res) => {
    await renderList(req, res);
  });
  router.post('/candidates/bulk', allow('candidates:manage'), bulkHandler(deps, renderList));
  router.get('/candidates/new', allow('candidates:manage'), async (req, res) => {
    await renderForm(req, res, { values: { source: 'outbound', opening_id: typeof req.query.opening === 'string' ? req.query.opening : '' } });
  });
  router.post('/candidates', allow('candidates:manage'), ...resumeUpload, createHandler(deps, renderForm));
  router.get('/candidates/:id', allow('candidates:read'), showPage(deps));
  router.get('/candidates/:id/edit', allow('candidates:manage'), async (req, res) => {
    const c = await loadCandidate(deps, req);
    const values = { name: c.name, email: c.email, phone: c.phone, linkedin_url: c.linkedinUrl, source: c.source, referrer: c.source === 'referral' ? c.sourceDetail : '', inbound_channel: c.source === 'inbound' ? c.sourceDetail : '', notes: c.notes };
    await renderForm(req, res, { candidateId: c.id, hasResume: c.resumeFileId !== null, values });
  });
  router.post('/candidates/:id', allow('candidates:manage'), ...resumeUpload, editHandler(deps, renderForm));
  router.get('/candidates/:id/resume', allow('candidates:read'), async (req, res) => {
    const candidate = await loadCandidate(deps, req);
    const file = candidate.resumeFileId ? await findStoredFile(deps.db, candidate.resumeFileId) : undefined;
    if (!file) throw new NotFoundError();
    await sendStoredFile(res, deps.storage, file);
  });
  // The same résumé, shown inside a page (the interview kit's frame): PDFs only, under the same access rules.
  router.get('/candidates/:id/resume/inline', allow('candidates:read'), async (req, res) => {
    const candidate = await loadCandidate(deps, req);
    const file = candidate.resumeFileId ? await findStoredFile(deps.db, candidate.resumeFileId) : undefined;
    if (!file || !(await sendStoredPdfInline(res, deps.storage, file))) throw new NotFoundError();
  });
  router.post('/candidates/:id/applications', allow('candidates:manage'), applyHandler(deps));
  return router;
}
