import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { allow } from '../auth/guard';
import type { Translate } from '../i18n/i18n';
import { deleteStoredFile, findStoredFile, keepUpload } from '../uploads/stored-files.repository';
import type { FileStorage } from '../uploads/file-storage';
import { acceptUpload, sendStoredFile, uploadOutcome } from '../uploads/upload';
import { field, positiveInt } from '../web/body';
import { type FieldErrors, NotFoundError } from '../web/errors';
import { addFlash } from '../web/flash';
import { renderPage } from '../web/render';
import { findOpening, listOpeningChoices, listStages, listStaff } from '../openings/openings.repository';
import { listInterviewsOfApplication, interviewerState, listSubmittedScorecards } from '../interviews/interviews.repository';
import { canSeeOthersScorecards } from '../interviews/scorecard';
import { getIndependentFeedback } from '../settings/settings.repository';
import { findVersionDimensions } from '../rubrics/rubrics.repository';
import { insertInterview } from '../interviews/interviews.repository';
import { canViewApplication, canViewCandidate, visibleApplicationIds } from './access';
import { ApplicationConflict, findApplication, insertApplication, insertEvent, listApplicationsOf, listEvents, updateApplication } from './applications.repository';
import { APPLICATION_STATUSES, CANDIDATE_SOURCES, type CandidateSource, INBOUND_CHANNELS, normaliseLinkedInUrl } from './candidate';
import { type CandidateInput, findCandidate, findCandidateIdByEmail, insertCandidate, searchCandidates, updateCandidate } from './candidates.repository';

export interface CandidatesRouterDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly config: Config;
  readonly storage: FileStorage;
}

const FORM_FIELDS = ['name', 'email', 'phone', 'linkedin_url', 'source', 'referrer', 'inbound_channel', 'notes', 'opening_id'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the candidate form; returns the input and the opening to apply to (new candidates only). */
function parseCandidate(body: unknown): { ok: true; input: CandidateInput; openingId?: number } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = field(body, 'name').trim();
  if (name === '') errors.name = 'validation.required';
  else if (name.length > 120) errors.name = 'validation.tooLong';
  const email = field(body, 'email').trim().toLowerCase();
  if (email !== '' && (email.length > 254 || !EMAIL.test(email))) errors.email = 'validation.email';
  const phone = field(body, 'phone').trim();
  if (phone !== '' && !/^[+()\d\s.-]{5,40}$/.test(phone)) errors.phone = 'candidates.error.phone';
  const linkedin = normaliseLinkedInUrl(field(body, 'linkedin_url'));
  if (linkedin === undefined) errors.linkedin_url = 'candidates.error.linkedin';
  const source = field(body, 'source');
  let sourceDetail = '';
  if (!(CANDIDATE_SOURCES as readonly string[]).includes(source)) errors.source = 'candidates.error.source';
  else if (source === 'referral') {
    sourceDetail = field(body, 'referrer').trim();
    if (sourceDetail === '') errors.referrer = 'candidates.error.referrer';
    else if (sourceDetail.length > 120) errors.referrer = 'validation.tooLong';
  } else if (source === 'inbound') {
    sourceDetail = field(body, 'inbound_channel');
    if (!(INBOUND_CHANNELS as readonly string[]).includes(sourceDetail)) errors.inbound_channel = 'candidates.error.channel';
  }
  const notes = field(body, 'notes').trim();
  if (notes.length > 5000) errors.notes = 'validation.tooLong';
  const openingText = field(body, 'opening_id');
  const openingId = openingText === '' ? undefined : positiveInt(openingText);
  if (openingText !== '' && openingId === undefined) errors.opening_id = 'validation.invalid';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { name, email, phone, linkedinUrl: linkedin ?? '', source: source as CandidateSource, sourceDetail, notes }, openingId };
}

function idParam(req: Request): number {
  const id = positiveInt(req.params.id);
  if (id === undefined) throw new NotFoundError();
  return id;
}

export function createCandidatesRouter({ db, clock, config, storage }: CandidatesRouterDeps): Router {
  const router = Router();
  const t = (res: Response) => res.locals.t as Translate;
  const resumeUpload = acceptUpload({ storage, field: 'resume', kinds: ['pdf', 'docx'], maxBytes: config.uploadMaxBytes });
  const maxMb = Math.round(config.uploadMaxBytes / 1024 / 1024);

  const renderForm = async (req: Request, res: Response, form: { candidateId?: number; values: Record<string, string>; fieldErrors?: FieldErrors; hasResume?: boolean }, status = 200) => {
    await renderPage(
      req,
      res,
      'candidates/form',
      {
        title: form.candidateId ? 'candidates.editTitle' : 'candidates.newTitle',
        candidateId: form.candidateId,
        openings: form.candidateId ? [] : await listOpeningChoices(db),
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

  const loadCandidate = async (req: Request) => {
    const id = idParam(req);
    if (!(await canViewCandidate(db, req.user!, id))) throw new NotFoundError();
    const candidate = await findCandidate(db, id);
    if (!candidate) throw new NotFoundError();
    return candidate;
  };

  router.get('/candidates', allow('candidates:read'), async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
    const openingId = positiveInt(req.query.opening);
    const stageId = positiveInt(req.query.stage);
    const source = (CANDIDATE_SOURCES as readonly unknown[]).includes(req.query.source) ? (req.query.source as CandidateSource) : undefined;
    const status = (APPLICATION_STATUSES as readonly unknown[]).includes(req.query.status) ? (req.query.status as string) : undefined;
    const page = Math.min(positiveInt(req.query.page) ?? 1, 10_000);
    const filters = { q, openingId, stageId, source, status };
    const [result, openings] = await Promise.all([searchCandidates(db, req.user!, filters, page), listOpeningChoices(db)]);
    const applications = await listApplicationsOf(db, result.rows.map((r) => r.id));
    const visible = await visibleApplicationIds(db, req.user!, applications.map((a) => a.id));
    const stages = openingId ? await listStages(db, openingId) : [];
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
  });

  router.get('/candidates/new', allow('candidates:manage'), async (req, res) => {
    await renderForm(req, res, { values: { source: 'outbound', opening_id: typeof req.query.opening === 'string' ? req.query.opening : '' } });
  });

  router.post('/candidates', allow('candidates:manage'), ...resumeUpload, async (req, res) => {
    const values = Object.fromEntries(FORM_FIELDS.map((f) => [f, field(req.body, f)]));
    const parsed = parseCandidate(req.body);
    const upload = uploadOutcome(req);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    if (upload.error) errors.resume = upload.error;
    if (parsed.ok && (await findCandidateIdByEmail(db, parsed.input.email)) !== undefined) errors.email = 'candidates.error.emailTaken';
    if (parsed.ok && parsed.openingId !== undefined) {
      const opening = await findOpening(db, parsed.openingId);
      if (!opening || opening.status === 'closed') errors.opening_id = 'validation.invalid';
    }
    if (!parsed.ok || Object.keys(errors).length > 0) return renderForm(req, res, { values, fieldErrors: errors }, 422);
    const now = clock.now();
    let keptKey: string | undefined;
    try {
      const id = await db.transaction().execute(async (trx) => {
        const file = upload.file ? await keepUpload(trx, storage, upload.file, req.user!.id, now) : undefined;
        keptKey = file?.storageKey;
        const candidateId = await insertCandidate(trx, { ...parsed.input, resumeFileId: file?.id ?? null, createdBy: req.user!.id }, now);
        if (parsed.openingId !== undefined) await insertApplication(trx, { candidateId, openingId: parsed.openingId, actorId: req.user!.id }, now);
        return candidateId;
      });
      addFlash(req, { kind: 'success', text: t(res)('candidates.created') });
      res.redirect(303, `/candidates/${id}`);
    } catch (err) {
      if (keptKey) await storage.remove(keptKey);
      throw err;
    }
  });

  router.get('/candidates/:id', allow('candidates:read'), async (req, res) => {
    const candidate = await loadCandidate(req);
    const all = await listApplicationsOf(db, [candidate.id]);
    const visibleIds = await visibleApplicationIds(db, req.user!, all.map((a) => a.id));
    const visible = all.filter((a) => visibleIds.has(a.id));
    const resume = candidate.resumeFileId ? await findStoredFile(db, candidate.resumeFileId) : undefined;
    await renderPage(req, res, 'candidates/show', {
      title: { text: candidate.name },
      candidate,
      resume,
      applications: visible,
      openings: (await listOpeningChoices(db)).filter((o) => !visible.some((a) => a.openingId === o.id)),
    });
  });

  router.get('/candidates/:id/edit', allow('candidates:manage'), async (req, res) => {
    const c = await loadCandidate(req);
    await renderForm(req, res, {
      candidateId: c.id,
      hasResume: c.resumeFileId !== null,
      values: { name: c.name, email: c.email, phone: c.phone, linkedin_url: c.linkedinUrl, source: c.source, referrer: c.source === 'referral' ? c.sourceDetail : '', inbound_channel: c.source === 'inbound' ? c.sourceDetail : '', notes: c.notes },
    });
  });

  router.post('/candidates/:id', allow('candidates:manage'), ...resumeUpload, async (req, res) => {
    const candidate = await loadCandidate(req);
    const values = Object.fromEntries(FORM_FIELDS.map((f) => [f, field(req.body, f)]));
    const parsed = parseCandidate({ ...(req.body as object), opening_id: '' });
    const upload = uploadOutcome(req);
    const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
    if (upload.error) errors.resume = upload.error;
    if (parsed.ok) {
      const other = await findCandidateIdByEmail(db, parsed.input.email);
      if (other !== undefined && other !== candidate.id) errors.email = 'candidates.error.emailTaken';
    }
    if (!parsed.ok || Object.keys(errors).length > 0) return renderForm(req, res, { candidateId: candidate.id, values, fieldErrors: errors, hasResume: candidate.resumeFileId !== null }, 422);
    const now = clock.now();
    let keptKey: string | undefined;
    let replacedKey: string | undefined;
    try {
      await db.transaction().execute(async (trx) => {
        const file = upload.file ? await keepUpload(trx, storage, upload.file, req.user!.id, now) : undefined;
        keptKey = file?.storageKey;
        await updateCandidate(trx, candidate.id, { ...parsed.input, ...(file ? { resumeFileId: file.id } : {}) }, now);
        // A replaced résumé is personal data no page reaches any more: delete it, not just unlink it.
        if (file && candidate.resumeFileId !== null) replacedKey = await deleteStoredFile(trx, candidate.resumeFileId);
      });
    } catch (err) {
      if (keptKey) await storage.remove(keptKey);
      throw err;
    }
    if (replacedKey) await storage.remove(replacedKey);
    addFlash(req, { kind: 'success', text: t(res)('candidates.saved') });
    res.redirect(303, `/candidates/${candidate.id}`);
  });

  router.get('/candidates/:id/resume', allow('candidates:read'), async (req, res) => {
    const candidate = await loadCandidate(req);
    const file = candidate.resumeFileId ? await findStoredFile(db, candidate.resumeFileId) : undefined;
    if (!file) throw new NotFoundError();
    sendStoredFile(res, storage, file);
  });

  router.post('/candidates/:id/applications', allow('candidates:manage'), async (req, res) => {
    const candidate = await loadCandidate(req);
    const openingId = positiveInt(field(req.body, 'opening_id'));
    const opening = openingId === undefined ? undefined : await findOpening(db, openingId);
    if (!opening || opening.status === 'closed') {
      addFlash(req, { kind: 'error', text: t(res)('applications.error.opening') });
      return res.redirect(303, `/candidates/${candidate.id}`);
    }
    let id: number;
    try {
      id = await db.transaction().execute((trx) => insertApplication(trx, { candidateId: candidate.id, openingId: opening.id, actorId: req.user!.id }, clock.now()));
    } catch (err) {
      // The candidate applies to this opening already, or was erased a moment before.
      if (!(err instanceof ApplicationConflict)) throw err;
      if (err.reason === 'candidate_gone') throw new NotFoundError();
      addFlash(req, { kind: 'error', text: t(res)('applications.error.opening') });
      return res.redirect(303, `/candidates/${candidate.id}`);
    }
    addFlash(req, { kind: 'success', text: t(res)('applications.created', { opening: opening.title }) });
    res.redirect(303, `/applications/${id}`);
  });

  const loadApplication = async (req: Request) => {
    const id = idParam(req);
    if (!(await canViewApplication(db, req.user!, id))) throw new NotFoundError();
    const application = await findApplication(db, id);
    if (!application) throw new NotFoundError();
    return application;
  };

  const renderApplication = async (req: Request, res: Response, extra: { fieldErrors?: FieldErrors; values?: Record<string, unknown> } = {}, status = 200) => {
    const application = await loadApplication(req);
    const [candidate, stages, events, interviews, independent, state, staff, dimensions] = await Promise.all([
      findCandidate(db, application.candidateId),
      listStages(db, application.openingId),
      listEvents(db, application.id),
      listInterviewsOfApplication(db, application.id),
      getIndependentFeedback(db),
      interviewerState(db, application.id, req.user!.id),
      listStaff(db),
      findVersionDimensions(db, application.rubricId, application.rubricVersion),
    ]);
    const visible = canSeeOthersScorecards({ independentFeedback: independent, viewerInterviewsApplication: state.interviews, viewerHasOpenScorecards: state.open });
    const scorecards = (await listSubmittedScorecards(db, application.id)).filter((s) => visible || s.interviewerId === req.user!.id);
    await renderPage(
      req,
      res,
      'candidates/application',
      {
        title: { text: `${candidate?.name ?? ''} · ${application.openingTitle}` },
        application,
        candidate,
        stages,
        events,
        interviews,
        scorecards,
        scorecardsHidden: !visible,
        staff,
        dimensionNames: Object.fromEntries((dimensions ?? []).map((d) => [d.key, d.name])),
        statuses: APPLICATION_STATUSES,
        fieldErrors: extra.fieldErrors ?? {},
        values: extra.values ?? { stage_id: String(application.stageId ?? ''), interviewer_ids: [] },
      },
      status,
    );
  };

  router.get('/applications/:id', allow('candidates:read'), async (req, res) => {
    await renderApplication(req, res);
  });

  router.post('/applications/:id/stage', allow('candidates:manage'), async (req, res) => {
    const application = await loadApplication(req);
    const stageId = positiveInt(field(req.body, 'stage_id'));
    const stages = await listStages(db, application.openingId);
    const stage = stages.find((s) => s.id === stageId);
    if (application.status !== 'active') return renderApplication(req, res, { fieldErrors: { _form: 'applications.error.notActive' } }, 422);
    if (!stage) return renderApplication(req, res, { fieldErrors: { stage_id: 'applications.error.stage' } }, 422);
    if (stage.id !== application.stageId) {
      await db.transaction().execute(async (trx) => {
        await updateApplication(trx, application.id, { stageId: stage.id }, clock.now());
        await insertEvent(trx, { applicationId: application.id, actorId: req.user!.id, kind: 'stage', stageId: stage.id, status: null, note: '' }, clock.now());
      });
    }
    addFlash(req, { kind: 'success', text: t(res)('applications.moved', { stage: stage.name }) });
    res.redirect(303, `/applications/${application.id}`);
  });

  router.post('/applications/:id/status', allow('candidates:manage'), async (req, res) => {
    const application = await loadApplication(req);
    const status = field(req.body, 'status');
    const reason = field(req.body, 'reason').trim();
    const errors: FieldErrors = {};
    // "Hired" is a decision with its own page and rules, not a status to set by hand.
    if (!['active', 'rejected', 'withdrawn'].includes(status)) errors.status = 'validation.invalid';
    if (status === 'rejected' && reason === '') errors.reason = 'applications.error.reason';
    if (reason.length > 1000) errors.reason = 'validation.tooLong';
    if (Object.keys(errors).length > 0) return renderApplication(req, res, { fieldErrors: errors, values: { status, reason, stage_id: String(application.stageId ?? '') } }, 422);
    await db.transaction().execute(async (trx) => {
      await updateApplication(trx, application.id, { status: status as 'active', statusReason: status === 'active' ? '' : reason }, clock.now());
      await insertEvent(trx, { applicationId: application.id, actorId: req.user!.id, kind: 'status', stageId: application.stageId, status, note: reason }, clock.now());
    });
    addFlash(req, { kind: 'success', text: t(res)('applications.statusSaved') });
    res.redirect(303, `/applications/${application.id}`);
  });

  router.post('/applications/:id/interviews', allow('interviews:schedule'), async (req, res) => {
    const application = await loadApplication(req);
    // The page offers scheduling only on active applications; a closed one gets no new interviews.
    if (application.status !== 'active') return renderApplication(req, res, { fieldErrors: { _form: 'applications.error.notActive' } }, 422);
    const [stages, staff] = await Promise.all([listStages(db, application.openingId), listStaff(db)]);
    const stageId = positiveInt(field(req.body, 'stage_id'));
    const interviewerIds = [...new Set((Array.isArray(req.body?.interviewer_ids) ? (req.body.interviewer_ids as unknown[]) : [req.body?.interviewer_ids]).map((v) => positiveInt(v)))];
    const when = field(req.body, 'scheduled_at').trim();
    const errors: FieldErrors = {};
    if (!stages.some((s) => s.id === stageId)) errors.stage_id = 'applications.error.stage';
    if (interviewerIds.length === 0 || interviewerIds.some((id) => id === undefined || !staff.some((p) => p.id === id))) errors.interviewer_ids = 'interviews.error.interviewers';
    let scheduledAt: string | null = null;
    if (when !== '') {
      const parsed = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(when) ? new Date(`${when}:00Z`) : new Date(NaN);
      if (Number.isNaN(parsed.getTime())) errors.scheduled_at = 'interviews.error.time';
      else scheduledAt = parsed.toISOString();
    }
    if (Object.keys(errors).length > 0) {
      return renderApplication(req, res, { fieldErrors: errors, values: { stage_id: field(req.body, 'stage_id'), scheduled_at: when, interviewer_ids: interviewerIds.map(String) } }, 422);
    }
    await db.transaction().execute((trx) => insertInterview(trx, { applicationId: application.id, stageId: stageId!, scheduledAt, interviewerIds: interviewerIds as number[], createdBy: req.user!.id }, clock.now()));
    addFlash(req, { kind: 'success', text: t(res)('interviews.scheduled') });
    res.redirect(303, `/applications/${application.id}`);
  });

  return router;
}
