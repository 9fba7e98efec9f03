import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { allow } from '../auth/guard';
import { translator, type Translate } from '../i18n/i18n';
import { listRoles } from '../roles/roles.repository';
import { findVersionDimensions } from '../rubrics/rubrics.repository';
import { getCompanyLanguage } from '../settings/settings.repository';
import { field, fieldAll, positiveInt } from '../web/body';
import { type FieldErrors, ValidationError } from '../web/errors';
import { addFlash } from '../web/flash';
import { renderPage } from '../web/render';
import { planWarnings } from './interview-plan';
import { findRecruiterIds, listOpenings, updateOpening, listStaff, listStages, OPENING_STATUSES, type Opening, type OpeningInput, type OpeningStatus, openingHasScorecards, saveStages, stagesInUse } from './openings.repository';
import { createOpening, findVisibleOpening, moveToCurrentRubric } from './openings.service';
import { listPipeline } from '../candidates/applications.repository';

export interface OpeningsRouterDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
}

const OPENING_FIELDS = ['title', 'role_id', 'hiring_manager_id', 'headcount', 'status', 'pay_plan'] as const;
const MAX_STAGES = 12;

type Staff = Awaited<ReturnType<typeof listStaff>>;

/** Reads and checks the opening form against the people who may fill each part. */
function parseOpening(body: unknown, staff: Staff, roleIds: number[]): { ok: true; input: OpeningInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const title = field(body, 'title').trim();
  if (title === '') errors.title = 'validation.required';
  else if (title.length > 120) errors.title = 'validation.tooLong';
  const roleId = positiveInt(field(body, 'role_id'));
  if (roleId === undefined || !roleIds.includes(roleId)) errors.role_id = 'openings.error.role';
  const managerId = positiveInt(field(body, 'hiring_manager_id'));
  if (!staff.some((p) => p.id === managerId && (p.role === 'hiring_manager' || p.role === 'admin'))) errors.hiring_manager_id = 'openings.error.manager';
  const recruiterIds = [...new Set(fieldAll(body, 'recruiter_ids').map((v) => positiveInt(v)))];
  if (recruiterIds.some((id) => !staff.some((p) => p.id === id && (p.role === 'recruiter' || p.role === 'admin')))) errors.recruiter_ids = 'validation.invalid';
  const headcountText = field(body, 'headcount').trim();
  const headcount = /^\d{1,3}$/.test(headcountText) ? Number(headcountText) : NaN;
  if (!(headcount >= 1 && headcount <= 100)) errors.headcount = 'openings.error.headcount';
  const status = field(body, 'status');
  if (!(OPENING_STATUSES as readonly string[]).includes(status)) errors.status = 'validation.invalid';
  const payPlan = field(body, 'pay_plan').trim();
  if (payPlan.length > 2000) errors.pay_plan = 'validation.tooLong';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { title, roleId: roleId!, hiringManagerId: managerId!, recruiterIds: recruiterIds as number[], headcount, status: status as OpeningStatus, payPlan } };
}

function openingValues(opening: Opening, recruiterIds: number[]) {
  return { title: opening.title, role_id: String(opening.roleId), hiring_manager_id: String(opening.hiringManagerId), headcount: String(opening.headcount), status: opening.status, pay_plan: opening.payPlan, recruiter_ids: recruiterIds.map(String) };
}

export function createOpeningsRouter({ db, clock }: OpeningsRouterDeps): Router {
  const router = Router();
  const t = (res: Response) => res.locals.t as Translate;

  const loadOpening = (req: Request): Promise<Opening> => findVisibleOpening(db, req.user!, req.params.id);

  const renderForm = async (req: Request, res: Response, form: { opening?: Opening; values: Record<string, unknown>; fieldErrors?: FieldErrors }, status = 200) => {
    const [roles, staff] = await Promise.all([listRoles(db), listStaff(db)]);
    await renderPage(
      req,
      res,
      'openings/form',
      {
        title: form.opening ? { text: t(res)('openings.editTitle', { title: form.opening.title }) } : 'openings.newTitle',
        roles,
        managers: staff.filter((p) => p.role === 'hiring_manager' || p.role === 'admin'),
        recruiters: staff.filter((p) => p.role === 'recruiter' || p.role === 'admin'),
        statuses: OPENING_STATUSES,
        opening: form.opening,
        values: form.values,
        fieldErrors: form.fieldErrors ?? {},
      },
      status,
    );
  };

  router.get('/openings', allow('openings:read'), async (req, res) => {
    await renderPage(req, res, 'openings/index', { title: 'openings.title', openings: await listOpenings(db, req.user!) });
  });

  router.get('/openings/new', allow('openings:manage'), async (req, res) => {
    await renderForm(req, res, { values: { headcount: '1', status: 'open', hiring_manager_id: '', recruiter_ids: [String(req.user!.id)] } });
  });

  router.post('/openings', allow('openings:manage'), async (req, res) => {
    const [staff, roles] = await Promise.all([listStaff(db), listRoles(db)]);
    const parsed = parseOpening(req.body, staff, roles.map((r) => r.id));
    const values = { ...Object.fromEntries(OPENING_FIELDS.map((f) => [f, field(req.body, f)])), recruiter_ids: fieldAll(req.body, 'recruiter_ids') };
    if (!parsed.ok) return renderForm(req, res, { values, fieldErrors: parsed.errors }, 422);
    const companyT = translator(await getCompanyLanguage(db));
    const id = await createOpening(db, parsed.input, req.user!.id, companyT, clock.now());
    addFlash(req, { kind: 'success', text: t(res)('openings.created') });
    res.redirect(303, `/openings/${id}`);
  });

  router.get('/openings/:id', allow('openings:read'), async (req, res) => {
    const opening = await loadOpening(req);
    const [stages, pipeline, scored] = await Promise.all([listStages(db, opening.id), listPipeline(db, opening.id), openingHasScorecards(db, opening.id)]);
    await renderPage(req, res, 'openings/show', {
      title: { text: opening.title },
      opening,
      canMoveRubric: !scored && opening.rubricVersion < opening.currentRubricVersion,
      columns: [
        ...stages.map((stage) => ({ id: stage.id, name: stage.name, applications: pipeline.filter((a) => a.stageId === stage.id && a.status === 'active') })),
      ],
      unstaged: pipeline.filter((a) => a.stageId === null && a.status === 'active'),
      closed: pipeline.filter((a) => a.status !== 'active'),
    });
  });

  router.get('/openings/:id/edit', allow('openings:manage'), async (req, res) => {
    const opening = await loadOpening(req);
    await renderForm(req, res, { opening, values: openingValues(opening, await findRecruiterIds(db, opening.id)) });
  });

  router.post('/openings/:id', allow('openings:manage'), async (req, res) => {
    const opening = await loadOpening(req);
    const staff = await listStaff(db);
    // The role cannot change once created: the rubric and plan belong to it.
    const body = { ...(req.body as Record<string, unknown>), role_id: String(opening.roleId) };
    const parsed = parseOpening(body, staff, [opening.roleId]);
    const values = { ...Object.fromEntries(OPENING_FIELDS.map((f) => [f, field(body, f)])), recruiter_ids: fieldAll(req.body, 'recruiter_ids') };
    if (!parsed.ok) return renderForm(req, res, { opening, values, fieldErrors: parsed.errors }, 422);
    await db.transaction().execute(async (trx) => {
      await updateOpening(trx, opening.id, { ...parsed.input, payPlan: parsed.input.payPlan || opening.payPlan }, clock.now());
    });
    addFlash(req, { kind: 'success', text: t(res)('openings.saved') });
    res.redirect(303, `/openings/${opening.id}`);
  });

  router.post('/openings/:id/rubric-version', allow('openings:manage'), async (req, res) => {
    const opening = await loadOpening(req);
    try {
      const version = await moveToCurrentRubric(db, opening.id, clock.now());
      addFlash(req, { kind: 'success', text: t(res)('openings.rubricMoved', { version }) });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      addFlash(req, { kind: 'error', text: t(res)(err.fieldErrors._form ?? 'validation.invalid') });
    }
    res.redirect(303, `/openings/${opening.id}`);
  });

  const renderPlan = async (req: Request, res: Response, opening: Opening, form?: { stages: PlanFormStage[]; errors: Record<string, FieldErrors>; formError?: string }, status = 200) => {
    const [dimensions, staff, saved] = await Promise.all([findVersionDimensions(db, opening.rubricId, opening.rubricVersion), listStaff(db), listStages(db, opening.id)]);
    const stages: PlanFormStage[] = form?.stages ?? saved.map((s) => ({ id: s.id, name: s.name, focus: s.focus, interviewerIds: s.interviewerIds, remove: false }));
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

  router.get('/openings/:id/plan', allow('openings:read'), async (req, res) => {
    await renderPlan(req, res, await loadOpening(req));
  });

  router.post('/openings/:id/plan', allow('openings:manage'), async (req, res) => {
    const opening = await loadOpening(req);
    const [dimensions, staff, saved, inUse] = await Promise.all([findVersionDimensions(db, opening.rubricId, opening.rubricVersion), listStaff(db), listStages(db, opening.id), stagesInUse(db, opening.id)]);
    const dimensionKeys = new Set((dimensions ?? []).map((d) => d.key));
    const savedIds = new Set(saved.map((s) => s.id));
    const count = Math.min(positiveInt(field(req.body, 'count')) ?? 0, MAX_STAGES);
    const stages: PlanFormStage[] = [];
    const errors: Record<string, FieldErrors> = {};
    for (let i = 0; i < count; i += 1) {
      const id = positiveInt(field(req.body, `s${i}_id`)) ?? null;
      const stage: PlanFormStage = {
        id: id !== null && savedIds.has(id) ? id : null,
        name: field(req.body, `s${i}_name`).trim(),
        focus: fieldAll(req.body, `s${i}_focus`).filter((k) => dimensionKeys.has(k)),
        interviewerIds: fieldAll(req.body, `s${i}_interviewers`).map((v) => positiveInt(v)).filter((v): v is number => v !== undefined && staff.some((p) => p.id === v)),
        remove: field(req.body, `s${i}_remove`) === 'on',
      };
      const e: FieldErrors = {};
      if (stage.remove && stage.id !== null && inUse.has(stage.id)) e.remove = 'plan.error.inUse';
      if (!stage.remove && stage.name === '') e.name = 'validation.required';
      if (stage.name.length > 120) e.name = 'validation.tooLong';
      if (Object.keys(e).length > 0) errors[String(i)] = e;
      stages.push(stage);
    }
    if (field(req.body, 'action') === 'add') {
      if (stages.length >= MAX_STAGES) return renderPlan(req, res, opening, { stages, errors, formError: t(res)('plan.error.tooMany') }, 422);
      return renderPlan(req, res, opening, { stages: [...stages, { id: null, name: '', focus: [], interviewerIds: [], remove: false }], errors });
    }
    const kept = stages.filter((s) => !s.remove);
    if (kept.length === 0) return renderPlan(req, res, opening, { stages, errors, formError: t(res)('plan.error.empty') }, 422);
    if (Object.keys(errors).length > 0) return renderPlan(req, res, opening, { stages, errors }, 422);
    await db.transaction().execute((trx) => saveStages(trx, opening.id, kept));
    addFlash(req, { kind: 'success', text: t(res)('plan.saved') });
    res.redirect(303, `/openings/${opening.id}/plan`);
  });

  return router;
}

interface PlanFormStage {
  readonly id: number | null;
  readonly name: string;
  readonly focus: string[];
  readonly interviewerIds: number[];
  readonly remove: boolean;
}
