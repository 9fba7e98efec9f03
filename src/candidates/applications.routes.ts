import { Router, type Request, type Response } from 'express';
import { allow } from '../auth/guard';
import { maySeePanel, owesScorecard } from '../auth/independence';
import { canViewApplication } from '../auth/scopes';
import type { UseCaseDeps } from '../events/unit-of-work';
import { isMessageKey } from '../i18n/i18n';
import { listInterviewsOfApplication, listSubmittedScorecards, viewerTimes } from '../interviews/interviews.service';
import { listStages } from '../openings/openings.service';
import { findVersionDimensions } from '../rubrics/rubrics.service';
import { getIndependentFeedback } from '../settings/settings.service';
import { type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { field } from '../web/body';
import { addFlash } from '../web/flash';
import { languageOf } from '../web/locals';
import { renderPage } from '../web/render';
import type { FlashMessage } from '../web/session-data';
import { parseStageForm, parseStatusForm } from './applications.forms';
import { type ApplicationSummary, findApplication, listEvents } from './applications.repository';
import { changeApplicationStatus, moveApplication } from './applications.use-cases';
import { APPLICATION_STATUSES } from './candidate';
import { findCandidate } from './candidates.repository';


/** The application a route names, if the viewer may see it; 404 otherwise. */
async function loadApplication({ db }: UseCaseDeps, req: Request): Promise<ApplicationSummary> {
  const id = positiveInt(req.params.id);
  if (id === undefined || !(await canViewApplication(db, req.user!, id))) throw new NotFoundError();
  const application = await findApplication(db, id, languageOf(req));
  if (!application) throw new NotFoundError();
  return application;
}

type PageForm = { fieldErrors?: FieldErrors; values?: Record<string, unknown> };

function applicationRenderer(deps: UseCaseDeps) {
  const { db } = deps;
  return async (req: Request, res: Response, form: PageForm = {}, status = 200) => {
    const application = await loadApplication(deps, req);
    const [candidate, stages, events, interviews, independentFeedback, owes, dimensions, times] = await Promise.all([
      findCandidate(db, application.candidateId),
      listStages(db, application.openingId, languageOf(req)),
      listEvents(db, application.id, languageOf(req)),
      listInterviewsOfApplication(db, application.id, languageOf(req)),
      getIndependentFeedback(db),
      owesScorecard(db, req.user!.id, application.id),
      findVersionDimensions(db, application.rubricId, application.rubricVersion, languageOf(req)),
      viewerTimes(db, req, res, deps.clock.now()),
    ]);
    const visible = maySeePanel({ independentFeedback, viewerOwesScorecard: owes });
    const scorecards = (await listSubmittedScorecards(db, application.id, languageOf(req))).filter((s) => visible || s.interviewerId === req.user!.id);
    await renderPage(
      req,
      res,
      'candidates/application',
      {
        title: { text: `${candidate?.name ?? ''} · ${application.openingTitle}` },
        // A no-hire's rationale becomes the status reason: withheld with the panel's verdicts.
        application: visible ? application : { ...application, statusReason: '' },
        candidate,
        stages,
        // A decision's rationale and a reopening's reason speak of the panel's verdicts: withheld with them.
        events: visible ? events : events.map((e) => (e.kind === 'decision' || e.kind === 'reopened' ? { ...e, note: '' } : e)),
        interviews,
        scorecards,
        scorecardsHidden: !visible,
        times,
        dimensionNames: Object.fromEntries((dimensions ?? []).map((d) => [d.key, d.name])),
        statuses: APPLICATION_STATUSES,
        fieldErrors: form.fieldErrors ?? {},
        values: form.values ?? { stage_id: String(application.stageId ?? '') },
      },
      status,
    );
  };
}

/** What a change says when done. */
type Done = Pick<FlashMessage, 'message' | 'params' | 'keyedParams'>;

/** Runs a change of the application; a refusal re-renders the page with the messages and what was typed. */
function changeHandler(deps: UseCaseDeps, render: ReturnType<typeof applicationRenderer>, change: (req: Request, res: Response, application: ApplicationSummary) => Promise<Done | { values: Record<string, unknown>; errors: FieldErrors }>) {
  return async (req: Request, res: Response) => {
    const application = await loadApplication(deps, req);
    try {
      const outcome = await change(req, res, application);
      if ('errors' in outcome) return render(req, res, { fieldErrors: outcome.errors, values: outcome.values }, 422);
      addFlash(req, { kind: 'success', ...outcome });
      res.redirect(303, `/applications/${application.id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await render(req, res, { fieldErrors: err.fieldErrors }, 422);
    }
  };
}

/** An application's page (interviews, scorecards, history) and its changes: stage, status, new interviews. */
export function createApplicationsRouter(deps: UseCaseDeps): Router {
  const router = Router();
  const render = applicationRenderer(deps);

  router.get('/applications/:id', allow('candidates:read'), async (req, res) => {
    await render(req, res);
  });

  router.post(
    '/applications/:id/stage',
    allow('candidates:manage'),
    changeHandler(deps, render, async (req, res, application) => {
      const { stageName, stageSeedKey } = await moveApplication(deps, req.user!, application.id, parseStageForm(req.body), languageOf(req));
      // A seeded stage's name is worded when the message is shown, in the reader's language.
      return stageSeedKey && isMessageKey(stageSeedKey) ? { message: 'applications.moved', keyedParams: { stage: stageSeedKey } } : { message: 'applications.moved', params: { stage: stageName } };
    }),
  );

  router.post(
    '/applications/:id/status',
    allow('candidates:manage'),
    changeHandler(deps, render, async (req, res, application) => {
      const parsed = parseStatusForm(req.body);
      if (!parsed.ok) return { errors: parsed.errors, values: { status: field(req.body, 'status'), reason: field(req.body, 'reason').trim(), stage_id: String(application.stageId ?? '') } };
      await changeApplicationStatus(deps, req.user!, application.id, parsed.data);
      return { message: 'applications.statusSaved' };
    }),
  );

  return router;
}
