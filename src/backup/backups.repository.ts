import type { DbOrTrx as Db } from '../db/database';

export interface BackupRun {
  readonly slot: string;
  readonly status: 'running' | 'ok' | 'failed';
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly archive: string | null;
  readonly sizeBytes: number | null;
  readonly durationMs: number | null;
  readonly error: string | null;
}

/** Claims a backup's slot; false when another instance (or an earlier run) has it. */
export async function claimBackupSlot(db: Db, slot: string, owner: string, now: Date): Promise<boolean> {
  const result = await db
    .insertInto('backup_runs')
    .values({ slot, owner, status: 'running', started_at: now.toISOString() })
    .onConflict((oc) => oc.column('slot').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function hasBackupSlot(db: Db, slot: string): Promise<boolean> {
  return (await db.selectFrom('backup_runs').select('id').where('slot', '=', slot).executeTakeFirst()) !== undefined;
}

export async function finishBackupRun(db: Db, slot: string, now: Date, outcome: { ok: true; archive: string; sizeBytes: number; durationMs: number } | { ok: false; error: string; durationMs: number }): Promise<void> {
  await db
    .updateTable('backup_runs')
    .set(
      outcome.ok
        ? { status: 'ok', finished_at: now.toISOString(), archive: outcome.archive, size_bytes: outcome.sizeBytes, duration_ms: outcome.durationMs, error: null }
        : { status: 'failed', finished_at: now.toISOString(), duration_ms: outcome.durationMs, error: outcome.error.slice(0, 1000) },
    )
    .where('slot', '=', slot)
    .execute();
}

/** The latest backups, newest first (indexed by start). */
export async function latestBackupRuns(db: Db, limit: number): Promise<BackupRun[]> {
  const rows = await db.selectFrom('backup_runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ slot: r.slot, status: r.status, startedAt: r.started_at, finishedAt: r.finished_at, archive: r.archive, sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes), durationMs: r.duration_ms, error: r.error }));
}
