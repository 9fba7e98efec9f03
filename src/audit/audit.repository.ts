import type { DbOrTrx as Db } from '../db/database';

export interface AuditEntry {
  readonly id: number;
  readonly actorId: number | null;
  readonly actorName: string | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: number;
  readonly detail: Record<string, number>;
  readonly createdAt: string;
}

export interface NewAuditEntry {
  readonly actorId: number | null;
  readonly action: string;
  readonly subjectType: string;
  readonly subjectId: number;
  readonly detail: Readonly<Record<string, number>>;
}

export async function insertAuditEntries(db: Db, entries: readonly NewAuditEntry[], at: Date): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(entries.map((e) => ({ actor_id: e.actorId, action: e.action, subject_type: e.subjectType, subject_id: e.subjectId, detail: JSON.stringify(e.detail), created_at: at.toISOString() })))
    .execute();
}

export interface AuditFilter {
  readonly actorId?: number;
  readonly actions?: readonly string[];
  /** ISO times: from (inclusive) and before (exclusive). */
  readonly from?: string;
  readonly before?: string;
}

/**
 * One page of entries, newest first, with the actor's name (staff, never the subject). Fetches one
 * row more than the page to know whether another page follows.
 */
export async function listAuditEntries(db: Db, filter: AuditFilter, page: { size: number; offset: number }): Promise<{ entries: AuditEntry[]; hasNext: boolean }> {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select(['audit_log.id', 'audit_log.actor_id', 'audit_log.action', 'audit_log.subject_type', 'audit_log.subject_id', 'audit_log.detail', 'audit_log.created_at', 'users.name as actor_name']);
  if (filter.actorId !== undefined) query = query.where('audit_log.actor_id', '=', filter.actorId);
  if (filter.actions) query = query.where('audit_log.action', 'in', filter.actions.length > 0 ? filter.actions : ['']);
  if (filter.from) query = query.where('audit_log.created_at', '>=', filter.from);
  if (filter.before) query = query.where('audit_log.created_at', '<', filter.before);
  const rows = await query
    .orderBy('audit_log.created_at', 'desc')
    .orderBy('audit_log.id', 'desc')
    .limit(page.size + 1)
    .offset(page.offset)
    .execute();
  const entries = rows.slice(0, page.size).map((r) => ({
    id: r.id,
    actorId: r.actor_id,
    actorName: r.actor_name ?? null,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: Number(r.subject_id),
    detail: parseDetail(r.detail),
    createdAt: r.created_at,
  }));
  return { entries, hasNext: rows.length > page.size };
}

/** People who appear as actors in the log, for the filter. */
export async function listAuditActors(db: Db): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.name'])
    .where((eb) => eb.exists(eb.selectFrom('audit_log').select('audit_log.id').whereRef('audit_log.actor_id', '=', 'users.id')))
    .orderBy('users.name')
    .execute();
}

function parseDetail(text: string): Record<string, number> {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object') return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, number] => typeof e[1] === 'number'));
  } catch {
    return {};
  }
}
