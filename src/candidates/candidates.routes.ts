import { Router, type Request, type Response } from 'express';
import { allow } from '../auth/guard';
import { canViewCandidate, visibleApplicationIds } from '../auth/scopes';
import type { UseCaseDeps } from '../events/unit-of-work';
import { findOpening, listOpeningChoices, listStages } from '../openings/openings.service';
import { type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import type { FileStorage } from '../uploads/file-storage';
import { acceptUpload, sendStoredFile, uploadOutcome } from '../uploads/upload.middleware';
import { findStoredFile } from '../uploads/uploads.service';
import { addFlash } from '../web/flash';
import { keepValues } from '../web/forms';
import { languageOf } from '../web/locals';
import { renderPage } from '../web/render';
import { addApplication } from './applications.use-cases';
import { listApplicationsOf } from './applications.repository';
import { APPLICATION_STATUSES, type ApplicationStatus, CANDIDATE_SOURCES, type CandidateSource, INBOUND_CHANNELS } from './candidate';
import { CANDIDATE_FIELDS, parseApplyForm, parseCandidateForm } from './candidates.forms';
import { type Candidate, findCandidate, searchCandidates } from './candidates.repository';
import { addCandidate, editCandidate } from './candidates.use-cases';

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
  if (!(await canViewCandidate(db, req.user!, id))) throw new NotFoundError();
  const candidate = await findCandidate(db, id);
  if (!candidate) throw new NotFoundError();
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

function listPage({ db }: CandidatesRouterDeps) {
  return async (req: Request, res: Response) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
    const openingId = positiveInt(req.query.opening);
    const stageId = positiveInt(req.query.stage);
    const source = (CANDIDATE_SOURCES as readonly unknown[]).includes(req.query.source) ? (req.query.source as CandidateSource) : undefined;
    const status = (APPLICATION_STATUSES as readonly unknown[]).includes(req.query.status) ? (req.query.status as ApplicationStatus) : undefined;
    const page = Math.min(positiveInt(req.query.page) ?? 1, 10_000);
    const filters = { q, openingId, stageId, source, status };
    const [result, openings] = await Promise.all([searchCandidates(db, req.user!, filters, page), listOpeningChoices(db, req.user!)]);
    const applications = await listApplicationsOf(db, result.rows.map((r) => r.id), languageOf(req));
    const visible = await visibleApplicationIds(db, req.user!, applications.map((a) => a.id));
    // An opening's stage names show only to those who may see the opening in the filter.
    const stages = openingId && openings.some((o) => o.id === openingId) ? await listStages(db, openingId, languageOf(req)) : [];
    const query = new URLSearchParams(Object.entries({ q, opening: openingId, stage: stageId, source, status }).flatMap(([k, v]): [string, string][] => (v === undefined || v === '' ? [] : [[k, String(v)]])));
    await renderPage(req, res, 'candidates/index', {
      title: 'candidates.title',
      rows: result.rows.map((row) => ({ ...row, applications: applications.filter((a) => a.candidateId === row.id && visible.has(a.id)) })),
      filters: { q, opening: openingId ? String(openingId) : '', stage: stageId ? String(stageId) : '', source: source ?? '', status: status ?? '' },
      openings,
      stages,
      sources: CANDIDATE_SOURCES,
      statuses: APPLICATION_STATUSES,
      page,
      hasNext: result.hasNext,
      queryString: query.toString(),
    });
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
    const all = await listApplicationsOf(db, [candidate.id], languageOf(req));
    const visibleIds = await visibleApplicationIds(db, req.user!, all.map((a) => a.id));
    const visible = all.filter((a) => visibleIds.has(a.id));
    const resume = candidate.resumeFileId ? await findStoredFile(db, candidate.resumeFileId) : undefined;
    await renderPage(req, res, 'candidates/show', {
      title: { text: candidate.name },
      candidate,
      resume,
      applications: visible,
      openings: (await listOpeningChoices(db, req.user!)).filter((o) => !visible.some((a) => a.openingId === o.id)),
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

  router.get('/candidates', allow('candidates:read'), listPage(deps));
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
    sendStoredFile(res, deps.storage, file);
  });
  router.post('/candidates/:id/applications', allow('candidates:manage'), applyHandler(deps));
  return router;
}
