import { Router, type Request, type Response } from 'express';
import { allow } from '../auth/guard';
import { type BulkRefusal, BulkRefusedError, bulkMoveApplications, bulkRejectApplications, daysInStage, formatScore, listPipeline, type PipelineEntry, suggestedStageId } from '../candidates/candidates.service';
import type { UseCaseDeps } from '../events/unit-of-work';
import { type MessageKey, type Translate } from '../i18n/i18n';
import { listRoles } from '../roles/roles.service';
import { findVersionDimensions } from '../rubrics/rubrics.service';
import { getCompanyLanguage, getIndependentFeedback } from '../settings/settings.service';
import { type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { field, fieldAll } from '../web/body';
import { addFlash, stageParam } from '../web/flash';
import { languageOf } from '../web/locals';
import { renderPage } from '../web/render';
import { DEFAULT_STAGE_MINUTES, planWarnings } from './interview-plan';
import { MAX_STAGES, OPENING_FIELDS, parseOpeningForm, parsePlanForm, type PlanFormStage } from './openings.forms';
import { findRecruiterIds, listOpenings, listStaff, listStages, OPENING_STATUSES, type Opening, openingHasScorecards, stagesInUse } from './openings.repository';
import { findVisibleOpening } from './openings.service';
import { findPosting } from '../careers/careers.service';
import { createOpening, editOpening, moveOpeningToCurrentRubric, saveInterviewPlan } from './openings.use-cases';

const t = (res: Response) => res.locals.t as Translate;

function openingValues(opening: Opening, recruiterIds: number[]) {
  return { title: opening.title, role_id: String(opening.roleId), hiring_manager_id: String(opening.hiringManagerId), headcount: String(opening.headcount), status: opening.status, pay_plan: opening.payPlan, recruiter_ids: recruiterIds.map(String) };
}

function formValues(body: unknown): Record<string, unknown> {
  return { ...Object.fromEntries(OPENING_FIELDS.map((f) => [f, field(body, f)])), recruiter_ids: fieldAll(body, 'recruiter_ids') };
}

function formRenderer({ db }: UseCaseDeps) {
  return async (req: Request, res: Response, form: { opening?: Opening; values: Record<string, unknown>; fieldErrors?: FieldErrors }, status = 200) => {
    const [roles, staff] = await Promise.all([listRoles(db, languageOf(req)), listStaff(db)]);
    const managers = staff.filter((p) => p.role === 'hiring_manager' || p.role === 'admin');
    // A new opening with only one person who can manage it: that person, already chosen.
    const values = !form.opening && managers.length === 1 && !form.values.hiring_manager_id ? { ...form.values, hiring_manager_id: String(managers[0]!.id) } : form.values;
    await renderPage(
      req,
      res,
      'openings/form',
      {
        title: form.opening ? { text: t(res)('openings.editTitle', { title: form.opening.title }) } : 'openings.newTitle',
        roles,
        managers,
        recruiters: staff.filter((p) => p.role === 'recruiter' || p.role === 'admin'),
        statuses: OPENING_STATUSES,
        opening: form.opening,
        values,
        fieldErrors: form.fieldErrors ?? {},
      },
      status,
    );
  };
}

function planRenderer({ db }: UseCaseDeps) {
  return async (req: Request, res: Response, opening: Opening, form?: { stages: PlanFormStage[]; errors: Record<string, FieldErrors>; formError?: string }, status = 200) => {
    const [dimensions, staff, saved] = await Promise.all([findVersionDimensions(db, opening.rubricId, opening.rubricVersion, languageOf(req)), listStaff(db), listStages(db, opening.id, languageOf(req))]);
    const stages: PlanFormStage[] = form?.stages ?? saved.map((s) => ({ id: s.id, name: s.name, focus: s.focus, interviewerIds: s.interviewerIds, durationMinutes: s.durationMinutes, durationText: String(s.durationMinutes), remove: false, kind: s.kind }));
    const dims = dimensions ?? [];
    await renderPage(
      req,
      res,
      'openings/plan',
      {
        title: { text: t(res)('plan.title', { title: opening.title }) },
        opening,
        stages,
        dimensions: dims,
        staff,
        warnings: planWarnings(stages.filter((s) => !s.remove), dims.map((d) => d.key)),
        dimensionNames: Object.fromEntries(dims.map((d) => [d.key, d.name])),
        errors: form?.errors ?? {},
        formError: form?.formError,
        canEdit: res.locals.can('openings:manage') as boolean,
      },
      status,
    );
  };
}

function savePlanHandler(deps: UseCaseDeps, renderPlan: ReturnType<typeof planRenderer>) {
  const { db } = deps;
  return async (req: Request, res: Response) => {
    const opening = await findVisibleOpening(db, req.user!, req.params.id, languageOf(req));
    const [dimensions, staff, saved, inUse] = await Promise.all([findVersionDimensions(db, opening.rubricId, opening.rubricVersion, languageOf(req)), listStaff(db), listStages(db, opening.id, languageOf(req)), stagesInUse(db, opening.id)]);
    const known = { stageIds: new Set(saved.map((s) => s.id)), dimensionKeys: new Set((dimensions ?? []).map((d) => d.key)), staffIds: new Set(staff.map((p) => p.id)), stagesInUse: inUse };
    const { stages, errors, action } = parsePlanForm(req.body, known);
    if (action === 'add') {
      if (stages.length >= MAX_STAGES) return renderPlan(req, res, opening, { stages, errors, formError: t(res)('plan.error.tooMany') }, 422);
      return renderPlan(req, res, opening, { stages: [...stages, { id: null, name: '', focus: [], interviewerIds: [], durationMinutes: DEFAULT_STAGE_MINUTES, durationText: String(DEFAULT_STAGE_MINUTES), remove: false, kind: null }], errors });
    }
    const kept = stages.filter((s) => !s.remove);
    if (kept.length === 0) return renderPlan(req, res, opening, { stages, errors, formError: t(res)('plan.error.empty') }, 422);
    if (Object.keys(errors).length > 0) return renderPlan(req, res, opening, { stages, errors }, 422);
    try {
      await saveInterviewPlan(deps, req.user!, opening.id, kept);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderPlan(req, res, opening, { stages, errors, formError: t(res)(err.fieldErrors._form ?? 'validation.invalid') }, 422);
    }
    addFlash(req, { kind: 'success', message: 'plan.saved' });
    res.redirect(303, `/openings/${opening.id}/plan`);
  };
}

/** What the board shows after a refused move: the selection, what was typed, and the messages (by field, or by card). */
interface BoardState {
  readonly selected?: readonly number[];
  readonly values?: Record<string, string>;
  readonly fieldErrors?: FieldErrors;
  readonly refusals?: readonly BulkRefusal[];
  readonly cardErrors?: Readonly<Record<number, MessageKey>>;
}

/** The opening's page: its facts and its pipeline as a board (a column per stage, a card per active application). */
function boardRenderer({ db, clock }: UseCaseDeps) {
  return async (req: Request, res: Response, opening: Opening, state: BoardState = {}, status = 200) => {
    const independentFeedback = await getIndependentFeedback(db);
    const [stages, pipeline, scored, posting] = await Promise.all([listStages(db, opening.id, languageOf(req)), listPipeline(db, opening.id, { id: req.user!.id, independentFeedback }), openingHasScorecards(db, opening.id), findPosting(db, opening.id)]);
    const now = clock.now();
    const stageIds = stages.map((st) => st.id);
    const card = (a: PipelineEntry) => ({
      ...a,
      days: daysInStage(a.inStageSince, now),
      score: a.latestScore === null ? null : formatScore(a.latestScore),
      suggestedStageId: suggestedStageId(stageIds, a.stageId),
      error: state.cardErrors?.[a.applicationId],
    });
    const active = pipeline.filter((a) => a.status === 'active');
    const names = new Map(pipeline.map((a) => [a.applicationId, a.candidateName]));
    await renderPage(
      req,
      res,
      'openings/show',
      {
        title: { text: opening.title },
        opening,
        canMoveRubric: !scored && opening.rubricVersion < opening.currentRubricVersion,
        posting: posting ?? null,
        stages,
        columns: stages.map((stage) => ({ id: stage.id, name: stage.name, cards: active.filter((a) => a.stageId === stage.id).map(card) })),
        unstaged: active.filter((a) => a.stageId === null || !stageIds.includes(a.stageId)).map(card),
        closed: pipeline.filter((a) => a.status !== 'active'),
        selected: new Set(state.selected ?? []),
        bulkValues: state.values ?? {},
        bulkErrors: state.fieldErrors ?? {},
        refusals: (state.refusals ?? []).map((r) => ({ name: names.get(r.id) ?? `#${r.id}`, reason: r.reason })),
      },
      status,
    );
  };
}

/** One card's move button: the same use case as a bulk move of one, so the card must be on this opening. */
function boardMoveHandler(deps: UseCaseDeps, renderBoard: ReturnType<typeof boardRenderer>) {
  return async (req: Request, res: Response) => {
    const opening = await findVisibleOpening(deps.db, req.user!, req.params.id, languageOf(req));
    const applicationId = positiveInt(field(req.body, 'application_id'));
    if (applicationId === undefined) throw new NotFoundError();
    try {
      const { stageName, stageSeedKey } = await bulkMoveApplications(deps, req.user!, opening.id, [applicationId], positiveInt(field(req.body, 'stage_id')), languageOf(req));
      addFlash(req, { kind: 'success', message: 'applications.moved', ...stageParam('stage', { name: stageName, seedKey: stageSeedKey }) });
    } catch (err) {
      if (err instanceof BulkRefusedError) return renderBoard(req, res, opening, { cardErrors: { [applicationId]: err.refusals[0]?.reason ?? 'validation.invalid' } }, 422);
      if (err instanceof ValidationError) return renderBoard(req, res, opening, { cardErrors: { [applicationId]: err.fieldErrors.stage_id ?? 'validation.invalid' } }, 422);
      throw err;
    }
    res.redirect(303, `/openings/${opening.id}#pipeline-heading`);
  };
}

/** The board's bulk form: move or reject the ticked cards, all or nothing; a refusal keeps the selection. */
function boardBulkHandler(deps: UseCaseDeps, renderBoard: ReturnType<typeof boardRenderer>) {
  return async (req: Request, res: Response) => {
    const opening = await findVisibleOpening(deps.db, req.user!, req.params.id, languageOf(req));
    const action = field(req.body, 'action');
    const selected = [...new Set(fieldAll(req.body, 'application_ids').map((v) => positiveInt(v)).filter((v): v is number => v !== undefined))];
    const values = { stage_id: field(req.body, 'stage_id'), reason: field(req.body, 'reason').slice(0, 2000) };
    const refuse = (fieldErrors: FieldErrors, refusals: readonly BulkRefusal[] = []) => renderBoard(req, res, opening, { selected, values, fieldErrors, refusals }, 422);
    if (action !== 'move' && action !== 'reject') return refuse({ _form: 'validation.invalid' });
    if (selected.length === 0) return refuse({ selection: 'bulk.error.none' });
    try {
      if (action === 'move') {
        const { count, stageName, stageSeedKey } = await bulkMoveApplications(deps, req.user!, opening.id, selected, positiveInt(values.stage_id), languageOf(req));
        const stage = stageParam('stage', { name: stageName, seedKey: stageSeedKey });
        addFlash(req, { kind: 'success', message: 'bulk.moved', params: { n: count, ...stage.params }, ...(stage.keyedParams ? { keyedParams: stage.keyedParams } : {}) });
      } else {
        const count = await bulkRejectApplications(deps, req.user!, opening.id, selected, values.reason);
        addFlash(req, { kind: 'success', message: 'bulk.rejected', params: { n: count } });
      }
    } catch (err) {
      if (err instanceof BulkRefusedError) return refuse(err.fieldErrors, err.refusals);
      if (err instanceof ValidationError) return refuse(err.fieldErrors);
      throw err;
    }
    res.redirect(303, `/openings/${opening.id}#pipeline-heading`);
  };
}

/** Openings: the list, the form, an opening's pipeline, its rubric version, and its interview plan. */
export function createOpeningsRouter(deps: UseCaseDeps): Router {
  const { db } = deps;
  const router = Router();
  const renderForm = formRenderer(deps);
  const renderPlan = planRenderer(deps);

  router.get('/openings', allow('openings:read'), async (req, res) => {
    await renderPage(req, res, 'openings/index', { title: 'openings.title', openings: await listOpenings(db, req.user!, languageOf(req)) });
  });
  router.get('/openings/new', allow('openings:manage'), async (req, res) => {
    await renderForm(req, res, { values: { headcount: '1', status: 'open', hiring_manager_id: '', recruiter_ids: [String(req.user!.id)] } });
  });
  router.post('/openings', allow('openings:manage'), async (req, res) => {
    const [staff, roles] = await Promise.all([listStaff(db), listRoles(db, languageOf(req))]);
    const parsed = parseOpeningForm(req.body, staff, roles.map((r) => r.id));
    if (!parsed.ok) return renderForm(req, res, { values: formValues(req.body), fieldErrors: parsed.errors }, 422);
    const id = await createOpening(deps, req.user!, parsed.data, await getCompanyLanguage(db));
    addFlash(req, { kind: 'success', message: 'openings.created' });
    res.redirect(303, `/openings/${id}`);
  });
  const renderBoard = boardRenderer(deps);
  router.get('/openings/:id', allow('openings:read'), async (req, res) => {
    await renderBoard(req, res, await findVisibleOpening(db, req.user!, req.params.id, languageOf(req)));
  });
  router.post('/openings/:id/board/move', allow('candidates:manage'), boardMoveHandler(deps, renderBoard));
  router.post('/openings/:id/board/bulk', allow('candidates:manage'), boardBulkHandler(deps, renderBoard));
  router.get('/openings/:id/edit', allow('openings:manage'), async (req, res) => {
    const opening = await findVisibleOpening(db, req.user!, req.params.id, languageOf(req));
    await renderForm(req, res, { opening, values: openingValues(opening, await findRecruiterIds(db, opening.id)) });
  });
  router.post('/openings/:id', allow('openings:manage'), async (req, res) => {
    const opening = await findVisibleOpening(db, req.user!, req.params.id, languageOf(req));
    // The role cannot change once created: the rubric and plan belong to it.
    const body = { ...(req.body as Record<string, unknown>), role_id: String(opening.roleId) };
    const parsed = parseOpeningForm(body, await listStaff(db), [opening.roleId]);
    if (!parsed.ok) return renderForm(req, res, { opening, values: { ...formValues(body), recruiter_ids: fieldAll(req.body, 'recruiter_ids') }, fieldErrors: parsed.errors }, 422);
    await editOpening(deps, req.user!, opening.id, parsed.data);
    addFlash(req, { kind: 'success', message: 'openings.saved' });
    res.redirect(303, `/openings/${opening.id}`);
  });
  router.post('/openings/:id/rubric-version', allow('openings:manage'), async (req, res) => {
    const opening = await findVisibleOpening(db, req.user!, req.params.id, languageOf(req));
    try {
      const version = await moveOpeningToCurrentRubric(deps, req.user!, opening.id);
      addFlash(req, { kind: 'success', message: 'openings.rubricMoved', params: { version } });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      addFlash(req, { kind: 'error', message: err.fieldErrors._form ?? 'validation.invalid' });
    }
    res.redirect(303, `/openings/${opening.id}`);
  });
  router.get('/openings/:id/plan', allow('openings:read'), async (req, res) => {
    await renderPlan(req, res, await findVisibleOpening(db, req.user!, req.params.id, languageOf(req)));
  });
  router.post('/openings/:id/plan', allow('openings:manage'), savePlanHandler(deps, renderPlan));
  return router;
}
