import type { Request } from 'express';
import { maySeePanel, owesScorecard } from '../auth/independence';
import { canViewApplication } from '../auth/scopes';
import type { UseCaseDeps } from '../events/unit-of-work';
import { listSubmittedScorecards } from '../interviews/interviews.service';
import { getIndependentFeedback } from '../settings/settings.service';
import { NotFoundError } from '../shared/errors';
import { apiLanguage } from './candidates-api.routes';
import type { ApiRoutes } from './operations.routes';
import { ScorecardList } from './schemas';

/**
 * Whether the token's user may see the rest of the panel's verdicts on a visible application: the
 * independence rule exactly as the application's page applies it (src/auth/independence.ts).
 */
export async function panelVisible(deps: UseCaseDeps, req: Request, applicationId: number): Promise<boolean> {
  if (!(await canViewApplication(deps.db, req.user!, applicationId))) throw new NotFoundError();
  const [independentFeedback, owes] = await Promise.all([getIndependentFeedback(deps.db), owesScorecard(deps.db, req.user!.id, applicationId)]);
  return maySeePanel({ independentFeedback, viewerOwesScorecard: owes });
}

export function addScorecardRoutes(routes: ApiRoutes, deps: UseCaseDeps): void {
  routes.add(
    { method: 'get', path: '/api/v1/applications/:id/scorecards', operationId: 'listScorecards', summary: 'The submitted scorecards of an application (the panel’s only once your own are in)', tag: 'scorecards', permission: 'candidates:read', scope: 'read', response: ScorecardList },
    async (req, { id }) => {
      const visible = await panelVisible(deps, req, id);
      const scorecards = (await listSubmittedScorecards(deps.db, id, apiLanguage(req))).filter((s) => visible || s.interviewerId === req.user!.id);
      return {
        data: scorecards.map((s) => ({
          id: s.id,
          interview_id: s.interviewId,
          interviewer_id: s.interviewerId,
          interviewer_name: s.interviewerName,
          stage_name: s.stageName,
          rubric_version: s.rubricVersion,
          submitted_at: s.submittedAt,
          recommendation: s.recommendation,
          key_takeaways: s.keyTakeaways,
          ratings: s.ratings.map((r) => ({ key: r.key, rating: r.rating, evidence: r.evidence })),
        })),
        withheld: !visible,
      };
    },
  );
}
