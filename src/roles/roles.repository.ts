import type { DbOrTrx as Db, SalesRolesTable } from '../db/database';
import type { Selectable } from 'kysely';
import type { Language } from '../i18n/i18n';
import { seededRole } from '../i18n/seeded-texts';

export interface SalesRole {
  readonly id: number;
  readonly key: string;
  readonly name: string;
  readonly summary: string;
  readonly handsOffTo: string;
  readonly payModel: string;
  readonly rubricNote: string;
  readonly rubricId: number | null;
  /** The default role it was seeded from while its texts are as seeded; null once edited. */
  readonly seedKey: string | null;
}

type RoleRow = Selectable<SalesRolesTable> & { rubric_id: number | null };

/** A role in the reader's language: seeded texts from the catalogue, edited ones as written. */
function toRole(row: RoleRow, language: Language): SalesRole {
  const seeded = seededRole(row.seed_key, language);
  return { id: row.id, key: row.key, name: row.name, summary: row.summary, handsOffTo: row.hands_off_to, payModel: row.pay_model, rubricNote: row.rubric_note, rubricId: row.rubric_id, ...seeded, seedKey: seeded ? row.seed_key : null };
}

function selectRoles(db: Db) {
  return db.selectFrom('sales_roles').leftJoin('rubrics', 'rubrics.role_id', 'sales_roles.id').selectAll('sales_roles').select('rubrics.id as rubric_id');
}

export async function listRoles(db: Db, language: Language): Promise<SalesRole[]> {
  return (await selectRoles(db).orderBy('sales_roles.position').execute()).map((row) => toRole(row, language));
}

export async function findRoleById(db: Db, id: number, language: Language): Promise<SalesRole | undefined> {
  const row = await selectRoles(db).where('sales_roles.id', '=', id).executeTakeFirst();
  return row && toRole(row, language);
}

/** Saves a role's texts; `seedKey` null when they are no longer the seeded ones (from then on shown as written). */
export async function updateRole(db: Db, id: number, changes: { name: string; summary: string; handsOffTo: string; payModel: string; seedKey: string | null }, now: Date): Promise<void> {
  await db
    .updateTable('sales_roles')
    .set({ name: changes.name, summary: changes.summary, hands_off_to: changes.handsOffTo, pay_model: changes.payModel, seed_key: changes.seedKey, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function countRoles(db: Db): Promise<number> {
  const row = await db.selectFrom('sales_roles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
