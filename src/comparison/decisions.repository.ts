import type { Decision } from './decision';
import type { DbOrTrx as Db } from '../db/database';

export interface RecordedDecision {
  readonly decision: string;
  readonly rationale: string;
  readonly acknowledgements: Record<string, string>;
  readonly flags: string[];
  readonly weightedScore: number | null;
  readonly decidedByName: string | null;
  readonly decidedAt: string;
}

export interface ReopenedDecision extends RecordedDecision {
  readonly reopenedByName: string | null;
  readonly reopenedAt: string;
  readonly reason: string;
}

/** A decision row's own fields (standing or reopened), JSON and numbers decoded. */
function decisionFields(r: { decision: 'hire' | 'no_hire'; rationale: string; acknowledgements: string; flags: string; weighted_score: number | string | null; decided_at: string }) {
  return {
    decision: r.decision,
    rationale: r.rationale,
    acknowledgements: JSON.parse(r.acknowledgements) as Record<string, string>,
    flags: JSON.parse(r.flags) as string[],
    weightedScore: r.weighted_score === null ? null : Number(r.weighted_score),
    decidedAt: r.decided_at,
  };
}

/** The standing decision of an application: the one every report, list and flag counts. */
export async function findDecision(db: Db, applicationId: number): Promise<RecordedDecision | undefined> {
  const r = await db
    .selectFrom('decisions')
    .leftJoin('users', 'users.id', 'decisions.decided_by')
    .select(['decisions.decision', 'decisions.rationale', 'decisions.acknowledgements', 'decisions.flags', 'decisions.weighted_score', 'users.name', 'decisions.decided_at'])
    .where('decisions.application_id', '=', applicationId)
    .executeTakeFirst();
  return r && { ...decisionFields(r), decidedByName: r.name };
}

/** The decisions of an application that were reopened, the latest reopened first: one indexed query. */
export async function listReopenedDecisions(db: Db, applicationId: number): Promise<ReopenedDecision[]> {
  const rows = await db
    .selectFrom('reopened_decisions')
    .leftJoin('users as decider', 'decider.id', 'reopened_decisions.decided_by')
    .leftJoin('users as reopener', 'reopener.id', 'reopened_decisions.reopened_by')
    .select([
      'reopened_decisions.decision',
      'reopened_decisions.rationale',
      'reopened_decisions.acknowledgements',
      'reopened_decisions.flags',
      'reopened_decisions.weighted_score',
      'decider.name as decided_by_name',
      'reopened_decisions.decided_at',
      'reopener.name as reopened_by_name',
      'reopened_decisions.reopened_at',
      'reopened_decisions.reason',
    ])
    .where('reopened_decisions.application_id', '=', applicationId)
    .orderBy('reopened_decisions.id', 'desc')
    .execute();
  return rows.map((r) => ({
    ...decisionFields(r),
    decidedByName: r.decided_by_name,
    reopenedByName: r.reopened_by_name,
    reopenedAt: r.reopened_at,
    reason: r.reason,
  }));
}

export async function insertDecision(db: Db, input: { applicationId: number; decision: Decision; rationale: string; acknowledgements: Record<string, string>; flags: readonly string[]; weightedScore: number | null; decidedBy: number }, now: Date): Promise<void> {
  await db
    .insertInto('decisions')
    .values({
      application_id: input.applicationId,
      decision: input.decision,
      rationale: input.rationale,
      acknowledgements: JSON.stringify(input.acknowledgements),
      flags: JSON.stringify(input.flags),
      weighted_score: input.weightedScore,
      decided_by: input.decidedBy,
      decided_at: now.toISOString(),
    })
    .execute();
}

/**
 * Moves the standing decision of an application into the reopened ones, with who reopened it, when
 * and why. Returns the decision it moved, or undefined when there was none.
 */
export async function moveDecisionToReopened(db: Db, applicationId: number, reopening: { reopenedBy: number; reason: string }, now: Date): Promise<{ decision: Decision } | undefined> {
  const row = await db.selectFrom('decisions').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
  if (!row) return undefined;
  const { id: _id, ...decision } = row;
  await db
    .insertInto('reopened_decisions')
    .values({ ...decision, reopened_by: reopening.reopenedBy, reopened_at: now.toISOString(), reason: reopening.reason })
    .execute();
  await db.deleteFrom('decisions').where('id', '=', row.id).execute();
  return { decision: row.decision };
}
