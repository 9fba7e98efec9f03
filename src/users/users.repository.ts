import { PostgresAdapter } from 'kysely';
import type { DbOrTrx as Db, UserRow } from '../db/database';
import type { Language } from '../i18n/i18n';
import type { Role } from '../auth/permissions';
import type { User, UserStatus } from './user';

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    language: row.language,
    timeZone: row.time_zone,
    createdAt: row.created_at,
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function anyUserExists(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function findUserById(db: Db, id: number): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

/** The user and their password hash, for sign-in only. */
export async function findCredentialsByEmail(db: Db, email: string): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

export async function findCredentialsById(db: Db, id: number): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return row !== undefined;
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('status').orderBy('name').orderBy('id').execute();
  return rows.map(toUser);
}

/**
 * Active admins. Inside a transaction on PostgreSQL the rows are locked, so two admins demoting each
 * other at the same moment cannot both succeed (SQLite serialises write transactions anyway).
 */
export async function countActiveAdmins(db: Db): Promise<number> {
  let query = db.selectFrom('users').select('id').where('role', '=', 'admin').where('status', '=', 'active');
  if (db.isTransaction && db.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  return (await query.execute()).length;
}

export async function insertUser(
  db: Db,
  user: { email: string; name: string; role: Role; status: UserStatus; passwordHash: string | null; language: Language | null },
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      email: normaliseEmail(user.email),
      name: user.name.trim(),
      role: user.role,
      status: user.status,
      password_hash: user.passwordHash,
      language: user.language,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: Db,
  id: number,
  changes: { role?: Role; status?: UserStatus; passwordHash?: string; language?: Language; name?: string; email?: string; timeZone?: string | null },
  now: Date,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.email !== undefined ? { email: normaliseEmail(changes.email) } : {}),
      ...(changes.timeZone !== undefined ? { time_zone: changes.timeZone } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      ...(changes.language !== undefined ? { language: changes.language } : {}),
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}
