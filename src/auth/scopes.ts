import { type ExpressionBuilder, sql } from 'kysely';
import type { Database, DbOrTrx } from '../db/database';
import type { Role } from './permissions';

export interface Viewer {
  readonly id: number;
  readonly role: Role;
}

/** Admins and recruiters work on every opening and candidate. */
export function seesEverything(viewer: Viewer): boolean {
  return viewer.role === 'admin' || viewer.role === 'recruiter';
}

/**
 * The applications a viewer may see, as a condition on `applications`: all for admins and
 * recruiters; for hiring managers those of their openings; for everyone those they interview (a cancelled interview opens nothing).
 */
export function applicationVisibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<Database, 'applications'>) => {
    if (seesEverything(viewer)) return sql<boolean>`1 = 1`;
    const interviews = eb.exists(
      eb
        .selectFrom('interviews')
        .innerJoin('interview_interviewers', 'interview_interviewers.interview_id', 'interviews.id')
        .select('interviews.id')
        .whereRef('interviews.application_id', '=', 'applications.id')
        .where('interview_interviewers.user_id', '=', viewer.id)
        .where('interviews.status', '!=', 'cancelled'),
    );
    if (viewer.role !== 'hiring_manager') return interviews;
    const managed = eb.exists(eb.selectFrom('openings').select('openings.id').whereRef('openings.id', '=', 'applications.opening_id').where('openings.hiring_manager_id', '=', viewer.id));
    return eb.or([managed, interviews]);
  };
}

export async function canViewApplication(db: DbOrTrx, viewer: Viewer, applicationId: number): Promise<boolean> {
  const row = await db.selectFrom('applications').select('id').where('id', '=', applicationId).where(applicationVisibleTo(viewer)).executeTakeFirst();
  return row !== undefined;
}

/** A candidate is visible through any visible application (admins and recruiters see all). */
export async function canViewCandidate(db: DbOrTrx, viewer: Viewer, candidateId: number): Promise<boolean> {
  if (seesEverything(viewer)) {
    return (await db.selectFrom('candidates').select('id').where('id', '=', candidateId).executeTakeFirst()) !== undefined;
  }
  const row = await db.selectFrom('applications').select('id').where('candidate_id', '=', candidateId).where(applicationVisibleTo(viewer)).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Openings a viewer may open: all for admins and recruiters, their own for hiring managers. */
export function openingVisibleTo(viewer: Viewer) {
  return (eb: ExpressionBuilder<Database, 'openings'>) => (seesEverything(viewer) ? sql<boolean>`1 = 1` : eb('openings.hiring_manager_id', '=', viewer.id));
}

/** Which of these applications the viewer may see: one query. */
export async function visibleApplicationIds(db: DbOrTrx, viewer: Viewer, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  if (seesEverything(viewer)) return new Set(ids);
  const rows = await db.selectFrom('applications').select('id').where('id', 'in', ids).where(applicationVisibleTo(viewer)).execute();
  return new Set(rows.map((r) => r.id));
}
