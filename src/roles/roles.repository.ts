import type { DbOrTrx as Db, SalesRolesTable } from '../db/database';
import type { Selectable } from 'kysely';

export interface SalesRole {
  readonly id: number;
  readonly key: string;
  readonly name: string;
  readonly summary: string;
  readonly handsOffTo: string;
  readonly payModel: string;
  readonly rubricNote: string;
  readonly rubricId: number | null;
}

type RoleRow = Selectable<SalesRolesTable> & { rubric_id: number | null };

function toRole(row: RoleRow): SalesRole {
  return { id: row.id, key: row.key, name: row.name, summary: row.summary, handsOffTo: row.hands_off_to, payModel: row.pay_model, rubricNote: row.rubric_note, rubricId: row.rubric_id };
}

function selectRoles(db: Db) {
  return db.selectFrom('sales_roles').leftJoin('rubrics', 'rubrics.role_id', 'sales_roles.id').selectAll('sales_roles').select('rubrics.id as rubric_id');
}

export async function listRoles(db: Db): Promise<SalesRole[]> {
  return (await selectRoles(db).orderBy('sales_roles.position').execute()).map(toRole);
}

export async function findRoleById(db: Db, id: number): Promise<SalesRole | undefined> {
  const row = await selectRoles(db).where('sales_roles.id', '=', id).executeTakeFirst();
  return row && toRole(row);
}

export async function updateRole(db: Db, id: number, changes: { name: string; summary: string; handsOffTo: string; payModel: string }, now: Date): Promise<void> {
  await db
    .updateTable('sales_roles')
    .set({ name: changes.name, summary: changes.summary, hands_off_to: changes.handsOffTo, pay_model: changes.payModel, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function countRoles(db: Db): Promise<number> {
  const row = await db.selectFrom('sales_roles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
