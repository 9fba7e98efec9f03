import { Router, type Request, type Response } from 'express';
import { allow } from '../auth/guard';
import { canViewApplication } from '../auth/scopes';
import { type ApplicationSummary, findApplication, findCandidate } from '../candidates/candidates.service';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { Translate } from '../i18n/i18n';
import { listStaff, listStages, type Stage } from '../openings/openings.service';
import { type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { toLocalInput } from '../shared/zoned-time';
import { fieldAll } from '../web/body';
import { addFlash } from '../web/flash';
import { keepValues } from '../web/forms';
import { languageOf } from '../web/locals';
import { renderPage } from '../web/render';
import { scheduleInterview } from './interviews.use-cases';
import { viewerTimes } from './interviews.views';
import { parseCancelForm, parseSchedulingForm, SCHEDULING_FIELDS } from './schedule.forms';
import type { ScheduledInterview } from './schedule.repository';
import { cancelInterview, type Clash, findClashes, interviewToChange, rescheduleInterview } from './schedule.use-cases';

const t = (res: Response) => res.locals.t as Translate;

/** The application a route names, if the viewer may see it; 404 otherwise. */
async function loadApplication({ db }: UseCaseDeps, req: Request): Promise<ApplicationSummary> {
  const id = positiveInt(req.params.id);
  const application = id === undefined || !(await canViewApplication(db, req.user!, id)) ? undefined : await findApplication(db, id, languageOf(req));
  if (!application) throw new NotFoundError();
  return application;
}

interface FormState {
  readonly values: Record<string, unknown>;
  readonly errors?: FieldErrors;
  readonly choices?: { earlier: Date; later: Date };
}

/** The scheduling form: a new interview at a stage, or an existing one (`interview`) to reschedule. */
async function renderForm(deps: UseCaseDeps, req: Request, res: Response, page: { application: ApplicationSummary; stage: Stage; interview?: ScheduledInterview }, form: FormState, status = 200): Promise<void> {
  const [candidate, staff, times] = await Promise.all([findCandidate(deps.db, page.application.candidateId), listStaff(deps.db), viewerTimes(deps.db, req, res, deps.clock.now())]);
  const candidateName = candidate?.name ?? '';
  await renderPage(
    req,
    res,
    'interviews/schedule',
    {
      title: { text: t(res)(page.interview ? 'interviews.rescheduleTitle' : 'interviews.scheduleTitle', { candidate: candidateName }) },
      application: page.application,
      candidateName,
      stage: page.stage,
      interview: page.interview,
      staff,
      times,
      action: page.interview ? `/interviews/${page.interview.id}/schedule` : `/applications/${page.application.id}/interviews`,
      choices: form.choices,
      values: form.values,
      fieldErrors: form.errors ?? {},
    },
    status,
  );
}

/** Warnings after a save: people already busy then, and a time in the past (an interview entered after the fact). */
function warnAbout(req: Request, res: Response, clashes: readonly Clash[], startsAt: Date, now: Date, when: (d: Date) => string): void {
  for (const clash of clashes) addFlash(req, { kind: 'warning', message: 'interviews.warning.clash', params: { person: clash.userName, candidate: clash.candidateName, when: when(clash.startsAt), minutes: clash.durationMinutes } });
  if (startsAt < now) addFlash(req, { kind: 'warning', message: 'interviews.warning.past' });
}

function schedulingValues(body: unknown): Record<string, unknown> {
  return { ...keepValues(body, [...SCHEDULING_FIELDS]), interviewer_ids: fieldAll(body, 'interviewer_ids') };
}

/** The interview a route names, if the viewer may change it, with its application and stage; 404 otherwise. */
async function loadInterview(deps: UseCaseDeps, req: Request): Promise<InterviewPage> {
  const id = positiveInt(req.params.id);
  if (id === undefined) throw new NotFoundError();
  const interview = await interviewToChange(deps, req.user!, id);
  const application = await findApplication(deps.db, interview.applicationId, languageOf(req));
  const stage = application && (await listStages(deps.db, application.openingId, languageOf(req))).find((s) => s.id === interview.stageId);
  if (!application || !stage) throw new NotFoundError();
  // The stage as listed for this reader (a seeded one in their language).
  return { interview: { ...interview, stageName: stage.name }, application, stage };
}

interface InterviewPage {
  readonly interview: ScheduledInterview;
  readonly application: ApplicationSummary;
  readonly stage: Stage;
}

/** The cancel form. */
async function renderCancel(deps: UseCaseDeps, req: Request, res: Response, page: InterviewPage, form: { values?: Record<string, string>; errors?: FieldErrors } = {}, status = 200): Promise<void> {
  const times = await viewerTimes(deps.db, req, res, deps.clock.now());
  await renderPage(req, res, 'interviews/cancel', { title: { text: t(res)('interviews.cancelTitle', { candidate: page.interview.candidateName }) }, interview: page.interview, times, values: form.values ?? {}, fieldErrors: form.errors ?? {} }, status);
}

/** Routes to schedule, reschedule and cancel interviews. */
export function createScheduleRouter(deps: UseCaseDeps): Router {
  const router = Router();
  addNewInterviewRoutes(router, deps);
  addChangeRoutes(router, deps);
  return router;
}

/** A new interview on an application. */
function addNewInterviewRoutes(router: Router, deps: UseCaseDeps): void {
  router.get('/applications/:id/interviews/new', allow('interviews:schedule'), async (req, res) => {
    const application = await loadApplication(deps, req);
    if (application.status !== 'active') throw new NotFoundError();
    const stages = await listStages(deps.db, application.openingId, languageOf(req));
    const stage = stages.find((s) => s.id === positiveInt(req.query.stage_id)) ?? stages.find((s) => s.id === application.stageId) ?? stages[0];
    if (!stage) throw new NotFoundError();
    const staff = new Set((await listStaff(deps.db)).map((p) => p.id));
    // The stage's default panel, pre-ticked: those of them still active.
    const values = { stage_id: String(stage.id), start: '', duration_minutes: String(stage.durationMinutes), location: '', note: '', interviewer_ids: stage.interviewerIds.filter((id) => staff.has(id)).map(String) };
    await renderForm(deps, req, res, { application, stage }, { values });
  });

  router.post('/applications/:id/interviews', allow('interviews:schedule'), async (req, res) => {
    const application = await loadApplication(deps, req);
    const stages = await listStages(deps.db, application.openingId, languageOf(req));
    const stage = stages.find((s) => s.id === positiveInt((req.body as Record<string, unknown> | undefined)?.stage_id));
    if (!stage) throw new NotFoundError();
    const times = await viewerTimes(deps.db, req, res, deps.clock.now());
    const values = schedulingValues(req.body);
    const parsed = parseSchedulingForm(req.body, times.zone);
    if (!parsed.ok) return renderForm(deps, req, res, { application, stage }, { values, errors: parsed.errors, ...(parsed.choices ? { choices: parsed.choices } : {}) }, 422);
    try {
      const data = parsed.data;
      const id = await scheduleInterview(deps, req.user!, application.id, { stageId: stage.id, interviewerIds: data.interviewerIds, scheduledAt: data.startsAt.toISOString(), durationMinutes: data.durationMinutes, location: data.location, note: data.note, timeZone: data.timeZone });
      addFlash(req, { kind: 'success', message: 'interviews.scheduled' });
      warnAbout(req, res, await findClashes(deps.db, data.interviewerIds as number[], data, id), data.startsAt, deps.clock.now(), times.when);
      res.redirect(303, `/applications/${application.id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderForm(deps, req, res, { application, stage }, { values, errors: err.fieldErrors }, 422);
    }
  });
}

/** Reschedule or cancel an interview. */
function addChangeRoutes(router: Router, deps: UseCaseDeps): void {
  router.get('/interviews/:id/schedule', allow('interviews:schedule'), async (req, res) => {
    const page = await loadInterview(deps, req);
    const times = await viewerTimes(deps.db, req, res, deps.clock.now());
    const i = page.interview;
    const values = { start: i.scheduledAt ? toLocalInput(i.scheduledAt, times.zone) : '', duration_minutes: String(i.durationMinutes), location: i.location, note: i.note, interviewer_ids: i.panel.map((p) => String(p.id)) };
    await renderForm(deps, req, res, page, { values });
  });

  router.post('/interviews/:id/schedule', allow('interviews:schedule'), async (req, res) => {
    const page = await loadInterview(deps, req);
    const times = await viewerTimes(deps.db, req, res, deps.clock.now());
    const values = schedulingValues(req.body);
    const parsed = parseSchedulingForm(req.body, times.zone);
    if (!parsed.ok) return renderForm(deps, req, res, page, { values, errors: parsed.errors, ...(parsed.choices ? { choices: parsed.choices } : {}) }, 422);
    try {
      await rescheduleInterview(deps, req.user!, page.interview.id, parsed.data);
      addFlash(req, { kind: 'success', message: 'interviews.rescheduled' });
      warnAbout(req, res, await findClashes(deps.db, parsed.data.interviewerIds as number[], parsed.data, page.interview.id), parsed.data.startsAt, deps.clock.now(), times.when);
      res.redirect(303, `/applications/${page.application.id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderForm(deps, req, res, page, { values, errors: err.fieldErrors }, 422);
    }
  });

  router.get('/interviews/:id/cancel', allow('interviews:schedule'), async (req, res) => {
    await renderCancel(deps, req, res, await loadInterview(deps, req));
  });

  router.post('/interviews/:id/cancel', allow('interviews:schedule'), async (req, res) => {
    const page = await loadInterview(deps, req);
    const values = keepValues(req.body, ['reason']);
    const parsed = parseCancelForm(req.body);
    if (!parsed.ok) return renderCancel(deps, req, res, page, { values, errors: parsed.errors }, 422);
    try {
      await cancelInterview(deps, req.user!, page.interview.id, parsed.reason);
      addFlash(req, { kind: 'success', message: 'interviews.cancelled' });
      res.redirect(303, `/applications/${page.application.id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderCancel(deps, req, res, page, { values, errors: err.fieldErrors }, 422);
    }
  });
}
