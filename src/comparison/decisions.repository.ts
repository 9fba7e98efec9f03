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

export async function findDecision(db: Db, applicationId: number): Promise<RecordedDecision | undefined> {
  const r = await db
    .selectFrom('decisions')
    .leftJoin('users', 'users.id', 'decisions.decided_by')
    .select(['decisions.decision', 'decisions.rationale', 'decisions.acknowledgements', 'decisions.flags', 'decisions.weighted_score', 'users.name', 'decisions.decided_at'])
    .where('decisions.application_id', '=', applicationId)
    .executeTakeFirst();
  return (
    r && {
      decision: r.decision,
      rationale: r.rationale,
      acknowledgements: JSON.parse(r.acknowledgements) as Record<string, string>,
      flags: JSON.parse(r.flags) as string[],
      weightedScore: r.weighted_score === null ? null : Number(r.weighted_score),
      decidedByName: r.name,
      decidedAt: r.decided_at,
    }
  );
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
