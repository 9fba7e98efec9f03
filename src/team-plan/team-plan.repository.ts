import type { DbOrTrx as Db } from '../db/database';
import type { Team } from './advisor';

const ROW_ID = 1;

export async function findTeam(db: Db): Promise<{ team: Team; updatedAt: string; updatedByName: string | null } | undefined> {
  const row = await db
    .selectFrom('team_plans')
    .leftJoin('users', 'users.id', 'team_plans.updated_by')
    .select(['team_plans.data', 'team_plans.updated_at', 'users.name'])
    .where('team_plans.id', '=', ROW_ID)
    .executeTakeFirst();
  return row && { team: JSON.parse(row.data) as Team, updatedAt: row.updated_at, updatedByName: row.name };
}

export async function saveTeam(db: Db, team: Team, userId: number, now: Date): Promise<void> {
  const data = JSON.stringify(team);
  await db
    .insertInto('team_plans')
    .values({ id: ROW_ID, data, updated_by: userId, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ data, updated_by: userId, updated_at: now.toISOString() }))
    .execute();
}
