import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

export const LOGIN_THROTTLE = { maxFailures: 10, windowMs: 15 * 60_000 } as const;

export function throttleKeys(ip: string, email: string): string[] {
  return [`ip:${ip}`, `account:${email.trim().toLowerCase()}`];
}

/**
 * Seconds until the caller may try again, or 0 when allowed. Failures are counted per IP and per
 * account in the database, so the limit holds across app instances.
 */
export async function secondsUntilAllowed(db: Kysely<Database>, keys: string[], now: Date, limit: number = LOGIN_THROTTLE.maxFailures): Promise<number> {
  const since = new Date(now.getTime() - LOGIN_THROTTLE.windowMs).toISOString();
  const rows = await db
    .selectFrom('login_attempts')
    .select(['key', (eb) => eb.fn.countAll<number>().as('failures'), (eb) => eb.fn.min('attempted_at').as('oldest')])
    .where('key', 'in', keys)
    .where('attempted_at', '>', since)
    .groupBy('key')
    .execute();
  let wait = 0;
  for (const row of rows) {
    if (Number(row.failures) >= limit && row.oldest) {
      const freeAt = new Date(String(row.oldest)).getTime() + LOGIN_THROTTLE.windowMs;
      wait = Math.max(wait, Math.ceil((freeAt - now.getTime()) / 1000));
    }
  }
  return wait;
}

export async function recordFailedLogin(db: Kysely<Database>, keys: string[], now: Date): Promise<void> {
  await db
    .insertInto('login_attempts')
    .values(keys.map((key) => ({ key, attempted_at: now.toISOString() })))
    .execute();
}

/** A successful sign-in clears the account's failures (not the IP's). */
export async function clearAccountFailures(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom('login_attempts').where('key', '=', `account:${email.trim().toLowerCase()}`).execute();
}

export async function deleteOldLoginAttempts(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom('login_attempts').where('attempted_at', '<=', new Date(now.getTime() - LOGIN_THROTTLE.windowMs).toISOString()).execute();
}
