import type { Request } from 'express';
import { canViewCandidate } from '../auth/scopes';
import { parseStatusForm } from '../candidates/applications.forms';
import { findApplication } from '../candidates/candidates.service';
import { addApplication, moveApplication, rejectApplication } from '../candidates/applications.use-cases';
import type { UseCaseDeps } from '../events/unit-of-work';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { ApiRoutes } from './operations.routes';
import { apiLanguage } from './candidates-api.routes';
import { panelVisible } from './scorecards-api.routes';
import { Application, ApplicationCreate, ApplicationMove, ApplicationReject } from './schemas';

/** An application as its page shows it: the status reason (a no-hire's rationale) is withheld with the panel's verdicts. */
export async function applicationView(deps: UseCaseDeps, req: Request, applicationId: number) {
  const visible = await panelVisible(deps, req, applicationId);
  const application = await findApplication(deps.db, applicationId, apiLanguage(req));
  if (!application) throw new NotFoundError();
  return {
    id: application.id,
    candidate_id: application.candidateId,
    opening_id: application.openingId,
    opening_title: application.openingTitle,
    stage_id: application.stageId,
    stage_name: application.stageName,
    status: application.status,
    status_reason: visible ? application.statusReason : '',
    created_at: application.createdAt,
  };
}

export function addApplicationRoutes(routes: ApiRoutes, deps: UseCaseDeps): void {
  routes.add(
    { method: 'get', path: '/api/v1/applications/:id', operationId: 'getApplication', summary: 'An application', tag: 'applications', permission: 'candidates:read', scope: 'read', response: Application },
    (req, { id }) => applicationView(deps, req, id),
  );

  routes.add(
    { method: 'post', path: '/api/v1/applications', operationId: 'createApplication', summary: 'Apply a candidate to an open opening (at its first stage)', tag: 'applications', permission: 'candidates:manage', scope: 'write', body: ApplicationCreate, response: Application, status: 201 },
    async (req, { body }) => {
      if (!(await canViewCandidate(deps.db, req.user!, body.candidate_id))) throw new ValidationError({ candidate_id: 'validation.invalid' });
      const id = await addApplication(deps, req.user!, body.candidate_id, body.opening_id);
      return applicationView(deps, req, id);
    },
  );

  routes.add(
    { method: 'post', path: '/api/v1/applications/:id/stage', operationId: 'moveApplication', summary: 'Move an active application to another stage of its opening', tag: 'applications', permission: 'candidates:manage', scope: 'write', body: ApplicationMove, response: Application },
    async (req, { id, body }) => {
      await moveApplication(deps, req.user!, id, body.stage_id, apiLanguage(req));
      return applicationView(deps, req, id);
    },
  );

  routes.add(
    { method: 'post', path: '/api/v1/applications/:id/reject', operationId: 'rejectApplication', summary: 'Reject an active application, with a reason', tag: 'applications', permission: 'candidates:manage', scope: 'write', body: ApplicationReject, response: Application },
    async (req, { id, body }) => {
      const parsed = parseStatusForm({ status: 'rejected', reason: body.reason });
      if (!parsed.ok) throw new ValidationError(parsed.errors);
      await rejectApplication(deps, req.user!, id, parsed.data.reason);
      return applicationView(deps, req, id);
    },
  );
}
