import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { findCredentialsById } from '../users/users.service';
import { recordFailedLogin, secondsUntilAllowed } from './login-throttle';
import { verifyAgainstDummy, verifyPassword } from './passwords';

export type Reauthentication = { ok: true } | { ok: false; reason: 'wrong_password' } | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/**
 * Checks a password a signed-in person typed again before a grave action (exporting or erasing
 * someone's data). Failures count like sign-in failures for this account, so a session left open
 * cannot be used to guess the password.
 */
export async function reauthenticate(db: Kysely<Database>, now: Date, userId: number, password: string): Promise<Reauthentication> {
  const keys = [`reauth:${userId}`];
  const wait = await secondsUntilAllowed(db, keys, now);
  if (wait > 0) return { ok: false, reason: 'throttled', retryAfterSeconds: wait };
  const credentials = await findCredentialsById(db, userId);
  const valid = password !== '' && password.length <= 4096 && credentials?.passwordHash ? await verifyPassword(credentials.passwordHash, password) : await verifyAgainstDummy(password.slice(0, 4096));
  if (valid) return { ok: true };
  await recordFailedLogin(db, keys, now);
  return { ok: false, reason: 'wrong_password' };
}
