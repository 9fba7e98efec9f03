import type { WebhookEvent } from './webhook';

/*
 * What each event tells a receiver. Ids, dates, names and contact details that the receiving
 * system needs; never what interviewers wrote (per-attribute ratings, evidence, takeaways) nor a
 * decision's rationale.
 */

export interface PersonFacts {
  readonly id: number;
  readonly name: string;
  readonly email: string;
}

export interface ApplicationFacts {
  readonly id: number;
  readonly status: string;
  readonly createdAt: string;
  readonly candidate: PersonFacts & { readonly phone: string };
  readonly opening: { readonly id: number; readonly title: string; readonly roleName: string; readonly hiringManager: PersonFacts | null };
  readonly stage: { readonly id: number; readonly name: string } | null;
}

export interface ScorecardFacts {
  readonly id: number;
  readonly interviewId: number;
  readonly interviewer: PersonFacts | null;
  readonly submittedAt: string | null;
}

export interface DecisionFacts {
  readonly decision: string;
  readonly decidedAt: string;
  readonly decidedBy: PersonFacts | null;
}

export interface PlanFacts {
  readonly id: number;
  readonly applicationId: number | null;
  readonly startDate: string;
  readonly completedAt: string | null;
  readonly roleName: string;
  readonly newHire: PersonFacts;
  readonly manager: PersonFacts | null;
}

/** A delivery's body: the envelope every event shares, and the event's own data. */
export interface WebhookBody {
  readonly id: string;
  readonly event: WebhookEvent;
  readonly created_at: string;
  readonly data: Record<string, unknown>;
}

const person = (p: PersonFacts | null) => (p ? { id: p.id, name: p.name, email: p.email } : null);

function application(a: ApplicationFacts) {
  return {
    id: a.id,
    status: a.status,
    created_at: a.createdAt,
    candidate: { id: a.candidate.id, name: a.candidate.name, email: a.candidate.email || null },
    opening: { id: a.opening.id, title: a.opening.title, role: a.opening.roleName },
    stage: a.stage ? { id: a.stage.id, name: a.stage.name } : null,
  };
}

export function applicationCreatedData(a: ApplicationFacts): Record<string, unknown> {
  return { application: application(a) };
}

export function applicationMovedData(a: ApplicationFacts): Record<string, unknown> {
  return { application: application(a) };
}

/**
 * That a scorecard is in: ids, who and when, never what it says (not even the recommendation), so a
 * receiver that is a team channel cannot sway interviewers who still owe theirs.
 */
export function scorecardSubmittedData(a: ApplicationFacts, s: ScorecardFacts): Record<string, unknown> {
  return { scorecard: { id: s.id, interview_id: s.interviewId, application_id: a.id, opening_id: a.opening.id, interviewer: person(s.interviewer), submitted_at: s.submittedAt } };
}

/** The decision without its rationale. */
export function decisionRecordedData(a: ApplicationFacts, d: DecisionFacts): Record<string, unknown> {
  return { decision: { application_id: a.id, candidate_id: a.candidate.id, opening_id: a.opening.id, decision: d.decision, decided_at: d.decidedAt, decided_by: person(d.decidedBy) } };
}

/** What an HR system needs to create the employee. */
export function candidateHiredData(a: ApplicationFacts, d: DecisionFacts, plan: PlanFacts | null): Record<string, unknown> {
  return {
    hire: {
      application_id: a.id,
      candidate: { id: a.candidate.id, name: a.candidate.name, email: a.candidate.email || null, phone: a.candidate.phone.trim() || null },
      opening: { id: a.opening.id, title: a.opening.title, role: a.opening.roleName },
      hiring_manager: person(a.opening.hiringManager),
      decision_date: d.decidedAt.slice(0, 10),
      start_date: plan?.startDate ?? null,
      onboarding_plan_id: plan?.id ?? null,
    },
  };
}

export function onboardingCompletedData(plan: PlanFacts): Record<string, unknown> {
  return { onboarding: { plan_id: plan.id, application_id: plan.applicationId, new_hire: person(plan.newHire), manager: person(plan.manager), role: plan.roleName, start_date: plan.startDate, completed_at: plan.completedAt } };
}

/** The JSON body of a delivery, its bytes fixed once written. */
export function bodyOf(deliveryId: string, event: WebhookEvent, at: Date, data: Record<string, unknown>): string {
  const body: WebhookBody = { id: deliveryId, event, created_at: at.toISOString(), data };
  return JSON.stringify(body);
}
