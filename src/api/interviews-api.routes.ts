import { canViewApplication } from '../auth/scopes';
import type { UseCaseDeps } from '../events/unit-of-work';
import { listInterviewsOfApplication } from '../interviews/interviews.service';
import { scheduleInterview } from '../interviews/interviews.use-cases';
import { checkDuration, checkLocation } from '../interviews/schedule';
import { timeZoneOf } from '../settings/settings.service';
import { type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import { apiLanguage } from './candidates-api.routes';
import type { ApiRoutes } from './operations.routes';
import { InterviewCreate, InterviewList } from './schemas';
import type { Request } from 'express';

async function interviewsOf(deps: UseCaseDeps, req: Request, applicationId: number) {
  if (!(await canViewApplication(deps.db, req.user!, applicationId))) throw new NotFoundError();
  return (await listInterviewsOfApplication(deps.db, applicationId, apiLanguage(req))).map((i) => ({
    id: i.id,
    stage_id: i.stageId,
    stage_name: i.stageName,
    scheduled_at: i.scheduledAt,
    duration_minutes: i.durationMinutes,
    location: i.location,
    status: i.status,
    cancel_reason: i.cancelReason,
    interviewers: i.interviewers.map((p) => ({ id: p.id, name: p.name, scorecard: p.scorecard })),
  }));
}

export function addInterviewRoutes(routes: ApiRoutes, deps: UseCaseDeps): void {
  routes.add(
    { method: 'get', path: '/api/v1/applications/:id/interviews', operationId: 'listInterviews', summary: 'The interviews of an application, with each panel member’s scorecard state', tag: 'interviews', permission: 'candidates:read', scope: 'read', response: InterviewList },
    async (req, { id }) => ({ data: await interviewsOf(deps, req, id) }),
  );

  routes.add(
    { method: 'post', path: '/api/v1/applications/:id/interviews', operationId: 'scheduleInterview', summary: 'Schedule an interview of an active application (each panel member gets a calendar invite)', tag: 'interviews', permission: 'interviews:schedule', scope: 'write', body: InterviewCreate, response: InterviewList, status: 201 },
    async (req, { id, body }) => {
      // The scheduling form's rules for the duration and the place.
      const errors: FieldErrors = {};
      if (body.duration_minutes !== undefined) errors.duration_minutes = checkDuration(body.duration_minutes);
      if (body.location !== undefined) errors.location = checkLocation(body.location.trim());
      if (Object.values(errors).some(Boolean)) throw new ValidationError(Object.fromEntries(Object.entries(errors).filter(([, v]) => v)));
      const interviewId = await scheduleInterview(deps, req.user!, id, {
        stageId: body.stage_id,
        interviewerIds: body.interviewer_ids,
        scheduledAt: body.scheduled_at === null ? null : new Date(body.scheduled_at).toISOString(),
        ...(body.duration_minutes !== undefined ? { durationMinutes: body.duration_minutes } : {}),
        location: body.location?.trim() ?? '',
        note: body.note?.trim() ?? '',
        timeZone: await timeZoneOf(deps.db, req.user!),
      });
      return { data: (await interviewsOf(deps, req, id)).filter((i) => i.id === interviewId) };
    },
  );
}
