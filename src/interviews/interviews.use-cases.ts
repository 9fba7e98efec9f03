import { requirePermission } from '../auth/permissions';
import { canViewApplication, type Viewer } from '../auth/scopes';
import { lockOpeningOfApplication } from '../db/locks';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { findApplication, recordInterviewInHistory } from '../candidates/candidates.service';
import { listStaff, listStages } from '../openings/openings.service';
import { findVersionDimensions } from '../rubrics/rubrics.service';
import { NotFoundError, ValidationError } from '../shared/errors';
import { findInterviewFor, findScorecard, insertInterview, saveScorecard } from './interviews.repository';
import { mayBeSubmitted } from './schedule';
import { parseScorecard, type RatingInput } from './scorecard';

export interface ScheduleInput {
  readonly stageId: number | undefined;
  readonly interviewerIds: readonly (number | undefined)[];
  /** An ISO time, or null for an interview recorded without one. */
  readonly scheduledAt: string | null;
  /** Unset: the stage's default. */
  readonly durationMinutes?: number;
  readonly location?: string;
  readonly note?: string;
  /** The zone the time was typed in (the calendar invite's TZID). */
  readonly timeZone?: string;
}

/**
 * Schedules an interview of an active application at one of its opening's stages, with a panel of
 * active staff; each panel member gets a calendar invite (by the mail handler).
 */
export async function scheduleInterview(deps: UseCaseDeps, actor: Viewer, applicationId: number, input: ScheduleInput): Promise<number> {
  requirePermission(actor, 'interviews:schedule');
  return runInUnitOfWork(deps, async (uow) => {
    const openingId = await lockOpeningOfApplication(uow.trx, applicationId);
    const application = openingId === undefined ? undefined : await findApplication(uow.trx, applicationId, 'en');
    if (!application || !(await canViewApplication(uow.trx, actor, applicationId))) throw new NotFoundError();
    // The page offers scheduling only on active applications; a closed one gets no new interviews.
    if (application.status !== 'active') throw new ValidationError({ _form: 'applications.error.notActive' });
    const [stages, staff] = await Promise.all([listStages(uow.trx, application.openingId, 'en'), listStaff(uow.trx)]);
    const errors: Record<string, 'applications.error.stage' | 'interviews.error.interviewers'> = {};
    if (!stages.some((s) => s.id === input.stageId)) errors.stage_id = 'applications.error.stage';
    if (input.interviewerIds.length === 0 || input.interviewerIds.some((id) => id === undefined || !staff.some((p) => p.id === id))) errors.interviewer_ids = 'interviews.error.interviewers';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    // A person named twice sits on the panel once.
    const interviewerIds = [...new Set(input.interviewerIds as number[])];
    const stage = stages.find((s) => s.id === input.stageId)!;
    const interviewId = await insertInterview(
      uow.trx,
      { applicationId, stageId: stage.id, scheduledAt: input.scheduledAt, interviewerIds, createdBy: actor.id, durationMinutes: input.durationMinutes ?? stage.durationMinutes, location: input.location ?? '', note: input.note ?? '', timeZone: input.timeZone ?? 'UTC' },
      uow.now,
    );
    await recordInterviewInHistory(uow.trx, { applicationId, actorId: actor.id, kind: 'interview_scheduled', stageId: stage.id, note: '' }, uow.now);
    uow.record({ type: 'InterviewScheduled', actorId: actor.id, subject: { type: 'interview', id: interviewId }, counts: { interviewers: interviewerIds.length }, interviewId, applicationId, openingId: application.openingId, interviewerIds });
    return interviewId;
  });
}

export type ScorecardOutcome = 'draft_saved' | 'submitted' | 'updated';

/**
 * Saves the actor's scorecard for an interview they sit on: a draft (may be partial), a submission
 * (every focus dimension rated or marked not assessed, evidence with each rating, a recommendation),
 * or an edit of a submitted one, which is held to the submission rules and keeps the earlier
 * content in the history. Refused input throws a ValidationError keyed by form field.
 */
export async function submitScorecard(
  deps: UseCaseDeps,
  actor: Viewer,
  interviewId: number,
  input: { mode: 'draft' | 'submit'; ratings: Readonly<Record<string, RatingInput>>; keyTakeaways: string; recommendation: string },
): Promise<ScorecardOutcome> {
  requirePermission(actor, 'interviews:participate');
  return runInUnitOfWork(deps, async (uow) => {
    // Only the interview's own interviewers score it; to anyone else it does not exist.
    const interview = await findInterviewFor(uow.trx, interviewId, actor.id, 'en');
    const openingId = interview && (await lockOpeningOfApplication(uow.trx, interview.applicationId));
    if (!interview || openingId === undefined) throw new NotFoundError();
    // A cancelled interview is scored by nobody; a scorecard is drafted any time, submitted once the interview has started.
    if (interview.status === 'cancelled') throw new ValidationError({ _form: 'kit.error.cancelled' });
    if (input.mode === 'submit' && !mayBeSubmitted(interview.scheduledAt, uow.now)) throw new ValidationError({ _form: 'kit.error.notStarted' });
    const dimensions = (await findVersionDimensions(uow.trx, interview.rubricId, interview.rubricVersion, 'en')) ?? [];
    const existing = await findScorecard(uow.trx, interviewId, actor.id, 'en');
    // Once submitted, every later save is held to the submission rules.
    const mode = existing?.status === 'submitted' ? 'submit' : input.mode;
    const parsed = parseScorecard(input, { all: dimensions.map((d) => d.key), focus: interview.focus }, mode);
    if (!parsed.ok) throw new ValidationError(parsed.errors);
    const saved = await saveScorecard(
      uow.trx,
      { interviewId, applicationId: interview.applicationId, interviewerId: actor.id, rubricId: interview.rubricId, rubricVersion: interview.rubricVersion, status: input.mode === 'submit' ? 'submitted' : 'draft', content: parsed.content },
      uow.now,
    );
    const ids = { scorecardId: saved.id, interviewId, applicationId: interview.applicationId, openingId, interviewerId: actor.id };
    const counts = { ratings: parsed.content.ratings.filter((r) => r.rating !== null).length };
    if (saved.before === 'submitted') {
      uow.record({ type: 'ScorecardEdited', actorId: actor.id, subject: { type: 'scorecard', id: saved.id }, counts, ...ids });
      return 'updated';
    }
    if (input.mode === 'submit') {
      uow.record({ type: 'ScorecardSubmitted', actorId: actor.id, subject: { type: 'scorecard', id: saved.id }, counts, ...ids });
      return 'submitted';
    }
    return 'draft_saved';
  });
}
