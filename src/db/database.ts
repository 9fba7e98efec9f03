import type { ColumnType, Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';

/**
 * Table types. Conventions shared by both dialects:
 * - timestamps are ISO-8601 UTC text (`Date#toISOString()`), so they sort and compare as strings;
 * - booleans are integers 0/1;
 * - ids are integers (identity on PostgreSQL, rowid on SQLite).
 */
export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: string;
  status: string;
  password_hash: string | null;
  language: string | null;
  created_at: string;
  updated_at: string;
}

export interface InvitesTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SessionsTable {
  sid: string;
  user_id: number | null;
  data: string;
  expires_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  key: string;
  attempted_at: string;
}

export interface Database {
  users: UsersTable;
  invites: InvitesTable;
  sessions: SessionsTable;
  settings: SettingsTable;
  login_attempts: LoginAttemptsTable;
}

export type DB = Kysely<Database>;
/** Repository functions take either the database or an open transaction first. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Timestamp = ColumnType<string, string, string>;
