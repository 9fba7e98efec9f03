import argon2 from 'argon2';
import type { MessageKey } from '../i18n/i18n';
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** OWASP's recommended argon2id parameters (19 MiB, 2 iterations, 1 lane). */
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const commonPasswords = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

/** Returns why a password is refused, or undefined when it is acceptable. Length counts characters, not bytes. */
export function checkPasswordPolicy(password: string, context: { email?: string } = {}): MessageKey | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'password.tooShort';
  if (length > PASSWORD_MAX_LENGTH) return 'password.tooLong';
  const normalised = password.trim().toLowerCase();
  if (commonPasswords.has(normalised)) return 'password.tooCommon';
  if (new Set(normalised).size < 4) return 'password.tooCommon';
  if (context.email && normalised === context.email.trim().toLowerCase()) return 'password.sameAsEmail';
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real verification, so unknown emails cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('salesbench-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}
