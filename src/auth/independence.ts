import { type ExpressionBuilder, type Expression, type SqlBool, sql } from 'kysely';
import type { Database, DbOrTrx as Db } from '../db/database';

/*
 * Independent feedback, the one place it is written. Someone who interviews a candidate sees
 * nothing of the rest of the panel's verdicts on that application — ratings, recommendations,
 * evidence, and any figure computed from them — until every scorecard they owe on it is
 * submitted. A cancelled interview owes nothing. An admin may turn the rule off (company setting); it then withholds nothing.
 */

/** A viewer as the rule needs them: who they are, and whether the company applies the rule. */
export interface PanelViewer {
  readonly id: number;
  readonly independentFeedback: boolean;
}

/**
 * SQL: the viewer's panel seats still owed — not marked scored (`interview_interviewers.scored`, set
 * with the submission, which stays submitted), on an interview not cancelled, with no submitted
 * scorecard — as the applications they are on. Only those seats are read: a busy interviewer's
 * thousands of scored seats never are (PostgreSQL may otherwise run a per-application check once
 * over all of them).
 */
function owedSeats(db: Db, viewerId: number) {
  return db
    .selectFrom('interview_interviewers')
    .innerJoin('interviews', 'interviews.id', 'interview_interviewers.interview_id')
    .leftJoin('scorecards', (join) => join.onRef('scorecards.interview_id', '=', 'interviews.id').onRef('scorecards.interviewer_id', '=', 'interview_interviewers.user_id'))
    .select('interviews.application_id')
    .where('interview_interviewers.scored', '=', 0)
    .where('interview_interviewers.user_id', '=', viewerId)
    .where('interviews.status', '!=', 'cancelled')
    .where((w) => w.or([w('scorecards.id', 'is', null), w('scorecards.status', '!=', 'submitted')]));
}

/**
 * SQL: the application (`applications.id`) is one on which the viewer interviews and still owes a
 * scorecard. False for everyone when the rule is off.
 */
export function owesScorecardOn(viewer: PanelViewer, db: Db) {
  return (eb: ExpressionBuilder<Database, 'applications'>): Expression<SqlBool> => {
    if (!viewer.independentFeedback) return sql<SqlBool>`1 = 0`;
    return eb.exists(owedSeats(db, viewer.id).where('interviews.application_id', '=', sql.ref<number>('applications.id')));
  };
}

/**
 * SQL: the ids of every application on which the viewer interviews and still owes a scorecard (none
 * when the rule is off). The same rule as `owesScorecardOn`, read from the viewer's side, so a whole
 * report can leave these applications out at the cost of one small subquery instead of a check per application.
 */
export function applicationsOwedBy(db: Db, viewer: PanelViewer) {
  return owedSeats(db, viewer.id).$if(!viewer.independentFeedback, (q) => q.where(sql<SqlBool>`1 = 0`));
}

/** In memory: whether the viewer may read the panel's verdicts, given whether they still owe a scorecard on the application. */
export function maySeePanel(policy: { independentFeedback: boolean; viewerOwesScorecard: boolean }): boolean {
  return !policy.independentFeedback || !policy.viewerOwesScorecard;
}

/** Which of these applications the viewer still owes a scorecard on (an empty set when the rule is off): one query. */
export async function applicationsWithheldFrom(db: Db, viewer: PanelViewer, applicationIds: readonly number[]): Promise<Set<number>> {
  if (applicationIds.length === 0 || !viewer.independentFeedback) return new Set();
  const rows = await db.selectFrom('applications').select('applications.id').where('applications.id', 'in', applicationIds).where(owesScorecardOn(viewer, db)).execute();
  return new Set(rows.map((r) => r.id));
}

/** Whether the viewer interviews on this application and still owes a scorecard there (whatever the company setting). */
export async function owesScorecard(db: Db, viewerId: number, applicationId: number): Promise<boolean> {
  return (await applicationsWithheldFrom(db, { id: viewerId, independentFeedback: true }, [applicationId])).has(applicationId);
}
