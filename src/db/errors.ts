/**
 * Whether a database error is a unique constraint refusing a second row: SQLite (better-sqlite3)
 * names it SQLITE_CONSTRAINT_UNIQUE (or SQLITE_CONSTRAINT_PRIMARYKEY), PostgreSQL gives SQLSTATE 23505.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = (err as { code: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Whether the database refused a change for its data (a constraint: SQLSTATE class 23 on
 * PostgreSQL, SQLITE_CONSTRAINT… on SQLite) or could not serialise it (40001, 40P01): not a fault
 * of the code, and worth telling the user.
 */
export function isRefusedByDatabase(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = (err as { code: unknown }).code;
  return typeof code === 'string' && (/^23\d{3}$/.test(code) || code === '40001' || code === '40P01' || code.startsWith('SQLITE_CONSTRAINT'));
}
