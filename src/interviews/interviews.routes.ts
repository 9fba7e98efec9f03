import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { allow } from '../auth/guard';
import type { Translate } from '../i18n/i18n';
import { findVersionDimensions } from '../rubrics/rubrics.repository';
import { RATINGS } from '../rubrics/rubric';
import { getIndependentFeedback } from '../settings/settings.repository';
import { field, positiveInt } from '../web/body';
import { NotFoundError } from '../web/errors';
import { addFlash } from '../web/flash';
import { renderPage } from '../web/render';
import { findInterviewFor, findScorecard, interviewerState, type InterviewContext, listMyInterviews, listSubmittedScorecards, saveScorecard, type Scorecard } from './interviews.repository';
import { canSeeOthersScorecards, NOT_ASSESSED, parseScorecard, RECOMMENDATIONS, type ScorecardErrors } from './scorecard';

export interface InterviewsRouterDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
}

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

export function createInterviewsRouter({ db, clock }: InterviewsRouterDeps): Router {
  const router = Router();
  const t = (res: Response) => res.locals.t as Translate;

  router.get('/interviews', allow('interviews:participate'), async (req, res) => {
    const mine = await listMyInterviews(db, req.user!.id);
    const now = clock.now().toISOString();
    await renderPage(req, res, 'interviews/index', {
      title: 'interviews.title',
      due: mine.filter((i) => i.scorecard !== 'submitted' && (i.scheduledAt === null || i.scheduledAt <= now)),
      upcoming: mine.filter((i) => i.scorecard !== 'submitted' && i.scheduledAt !== null && i.scheduledAt > now),
      done: mine.filter((i) => i.scorecard === 'submitted'),
    });
  });

  /** Only the interview's own interviewers open its kit; to anyone else it does not exist. */
  const loadInterview = async (req: Request): Promise<InterviewContext> => {
    const id = positiveInt(req.params.id);
    const interview = id === undefined ? undefined : await findInterviewFor(db, id, req.user!.id);
    if (!interview) throw new NotFoundError();
    return interview;
  };

  const renderKit = async (req: Request, res: Response, interview: InterviewContext, form: { values?: Record<string, string>; errors?: ScorecardErrors } = {}, status = 200) => {
    const [dimensions, mine, independent, state] = await Promise.all([
      findVersionDimensions(db, interview.rubricId, interview.rubricVersion),
      findScorecard(db, interview.id, req.user!.id),
      getIndependentFeedback(db),
      interviewerState(db, interview.applicationId, req.user!.id),
    ]);
    const dims = dimensions ?? [];
    const focus = new Set(interview.focus);
    const visible = canSeeOthersScorecards({ independentFeedback: independent, viewerInterviewsApplication: state.interviews, viewerHasOpenScorecards: state.open });
    const others = visible ? (await listSubmittedScorecards(db, interview.applicationId)).filter((s) => s.interviewerId !== req.user!.id) : [];
    await renderPage(
      req,
      res,
      'interviews/kit',
      {
        title: { text: t(res)('kit.title', { candidate: interview.candidateName }) },
        interview,
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
      },
      status,
    );
  };

  router.get('/interviews/:id', allow('interviews:participate'), async (req, res) => {
    await renderKit(req, res, await loadInterview(req));
  });

  router.post('/interviews/:id/scorecard', allow('interviews:participate'), async (req, res) => {
    const interview = await loadInterview(req);
    const dimensions = (await findVersionDimensions(db, interview.rubricId, interview.rubricVersion)) ?? [];
    const mode = field(req.body, 'action') === 'submit' ? 'submit' : 'draft';
    const ratings = Object.fromEntries(dimensions.map((d) => [d.key, { choice: field(req.body, `rating_${d.key}`), evidence: field(req.body, `evidence_${d.key}`) }]));
    const values: Record<string, string> = { key_takeaways: field(req.body, 'key_takeaways'), recommendation: field(req.body, 'recommendation') };
    for (const d of dimensions) {
      values[`rating_${d.key}`] = ratings[d.key]!.choice;
      values[`evidence_${d.key}`] = ratings[d.key]!.evidence;
    }
    const existing = await findScorecard(db, interview.id, req.user!.id);
    // Once submitted, every later save is held to the submission rules.
    const parsed = parseScorecard({ ratings, keyTakeaways: values.key_takeaways!, recommendation: values.recommendation! }, { all: dimensions.map((d) => d.key), focus: interview.focus }, existing?.status === 'submitted' ? 'submit' : mode);
    if (!parsed.ok) return renderKit(req, res, interview, { values, errors: parsed.errors }, 422);
    await db.transaction().execute((trx) =>
      saveScorecard(
        trx,
        { interviewId: interview.id, applicationId: interview.applicationId, interviewerId: req.user!.id, rubricId: interview.rubricId, rubricVersion: interview.rubricVersion, status: mode === 'submit' ? 'submitted' : 'draft', content: parsed.content },
        clock.now(),
      ),
    );
    const message = existing?.status === 'submitted' ? 'kit.updated' : mode === 'submit' ? 'kit.submitted' : 'kit.draftSaved';
    addFlash(req, { kind: 'success', text: t(res)(message) });
    res.redirect(303, `/interviews/${interview.id}`);
  });

  return router;
}
