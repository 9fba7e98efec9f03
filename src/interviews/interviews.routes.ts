import { Router, type Request, type Response } from 'express';
import { allow } from '../auth/guard';
import { MIME_TYPES } from '../uploads/file-kind';
import { maySeePanel, owesScorecard } from '../auth/independence';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { Translate } from '../i18n/i18n';
import { findVersionDimensions } from '../rubrics/rubrics.service';
import { RATINGS } from '../rubrics/rubric';
import { getIndependentFeedback } from '../settings/settings.service';
import { NotFoundError, type FieldErrors, ValidationError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { field } from '../web/body';
import { addFlash } from '../web/flash';
import { languageOf } from '../web/locals';
import { renderPage } from '../web/render';
import { parseScorecardForm } from './interviews.forms';
import { countMyInterviews, findInterviewFor, findScorecard, type InterviewContext, listMyInterviews, listSubmittedScorecards, type MySection, type Scorecard } from './interviews.repository';
import { viewerTimes } from './interviews.views';
import { mayBeSubmitted, minutesOverdue } from './schedule';
import { submitScorecard } from './interviews.use-cases';
import { NOT_ASSESSED, RECOMMENDATIONS } from './scorecard';

const t = (res: Response) => res.locals.t as Translate;
const PAGE_SIZE = 25;

/** Form values of a saved scorecard, to fill the kit form. */
function scorecardValues(scorecard: Scorecard | undefined): Record<string, string> {
  if (!scorecard) return {};
  const values: Record<string, string> = { key_takeaways: scorecard.keyTakeaways, recommendation: scorecard.recommendation ?? '' };
  for (const r of scorecard.ratings) {
    values[`rating_${r.key}`] = r.rating === null ? NOT_ASSESSED : String(r.rating);
    values[`evidence_${r.key}`] = r.evidence;
  }
  return values;
}

/** Only the interview's own interviewers open its kit; to anyone else it does not exist. */
async function loadInterview({ db }: UseCaseDeps, req: Request): Promise<InterviewContext> {
  const id = positiveInt(req.params.id);
  const interview = id === undefined ? undefined : await findInterviewFor(db, id, req.user!.id, languageOf(req));
  if (!interview) throw new NotFoundError();
  return interview;
}

function kitRenderer(deps: UseCaseDeps) {
  const { db } = deps;
  return async (req: Request, res: Response, interview: InterviewContext, form: { values?: Record<string, string>; errors?: FieldErrors } = {}, status = 200) => {
    const now = deps.clock.now();
    const [dimensions, mine, independentFeedback, owes, times] = await Promise.all([
      findVersionDimensions(db, interview.rubricId, interview.rubricVersion, languageOf(req)),
      findScorecard(db, interview.id, req.user!.id, languageOf(req)),
      getIndependentFeedback(db),
      owesScorecard(db, req.user!.id, interview.applicationId),
      viewerTimes(db, req, res, now),
    ]);
    const dims = dimensions ?? [];
    const focus = new Set(interview.focus);
    const visible = maySeePanel({ independentFeedback, viewerOwesScorecard: owes });
    const others = visible ? (await listSubmittedScorecards(db, interview.applicationId, languageOf(req))).filter((s) => s.interviewerId !== req.user!.id) : [];
    await renderPage(
      req,
      res,
      'interviews/kit',
      {
        title: { text: t(res)('kit.title', { candidate: interview.candidateName }) },
        interview,
        resumeInline: interview.resumeFileId !== null && interview.resumeMimeType === MIME_TYPES.pdf,
        focusDimensions: dims.filter((d) => focus.has(d.key)),
        otherDimensions: dims.filter((d) => !focus.has(d.key)),
        dimensionNames: Object.fromEntries(dims.map((d) => [d.key, d.name])),
        ratings: RATINGS,
        recommendations: RECOMMENDATIONS,
        scorecard: mine,
        values: form.values ?? scorecardValues(mine),
        errors: form.errors ?? {},
        others,
        othersHidden: !visible,
        times,
        canSubmit: mayBeSubmitted(interview.scheduledAt, now),
      },
      status,
    );
  };
}

const MESSAGES = { draft_saved: 'kit.draftSaved', submitted: 'kit.submitted', updated: 'kit.updated' } as const;

/** My interviews, the interview kit, and the scorecard form. */
export function createInterviewsRouter(deps: UseCaseDeps): Router {
  const router = Router();
  const renderKit = kitRenderer(deps);

  router.get('/interviews', allow('interviews:participate'), async (req, res) => {
    const now = deps.clock.now();
    const pageOf = (name: string) => Math.min(positiveInt(req.query[name]) ?? 1, 10_000);
    const load = async (section: MySection, param: string) => {
      const page = pageOf(param);
      const { interviews, hasNext } = await listMyInterviews(deps.db, req.user!.id, section, now, { size: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, languageOf(req));
      return { section, param, page, hasNext, interviews: interviews.map((i) => ({ ...i, overdueMinutes: section === 'toScore' && i.scheduledAt ? minutesOverdue(i.scheduledAt, i.durationMinutes, now) : 0 })) };
    };
    const [upcoming, toScore, done, counts, times] = await Promise.all([load('upcoming', 'upcoming_page'), load('toScore', 'to_score_page'), load('done', 'done_page'), countMyInterviews(deps.db, req.user!.id, now), viewerTimes(deps.db, req, res, now)]);
    await renderPage(req, res, 'interviews/index', { title: 'interviews.title', sections: [toScore, upcoming, done], counts, times, query: req.query });
  });

  router.get('/interviews/:id', allow('interviews:participate'), async (req, res) => {
    await renderKit(req, res, await loadInterview(deps, req));
  });

  router.post('/interviews/:id/scorecard', allow('interviews:participate'), async (req, res) => {
    const interview = await loadInterview(deps, req);
    const dimensions = (await findVersionDimensions(deps.db, interview.rubricId, interview.rubricVersion, languageOf(req))) ?? [];
    const keys = dimensions.map((d) => d.key);
    const values: Record<string, string> = Object.fromEntries(['key_takeaways', 'recommendation', ...keys.flatMap((k) => [`rating_${k}`, `evidence_${k}`])].map((name) => [name, field(req.body, name)]));
    const parsed = parseScorecardForm(req.body, keys);
    if (!parsed.ok) return renderKit(req, res, interview, { values, errors: parsed.errors }, 422);
    try {
      const outcome = await submitScorecard(deps, req.user!, interview.id, parsed.data);
      addFlash(req, { kind: 'success', message: MESSAGES[outcome] });
      res.redirect(303, `/interviews/${interview.id}`);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await renderKit(req, res, interview, { values, errors: err.fieldErrors }, 422);
    }
  });

  return router;
}
