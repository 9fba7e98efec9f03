import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { GoneError } from '../shared/errors';
import { findCredentialsByEmail, findUserById, type User } from '../users/users.service';
import { setPasswordIn } from '../users/users.use-cases';
import { consumePasswordReset, createPasswordReset, findOpenPasswordReset } from './password-reset.repository';

/** How long a reset link works. */
export const PASSWORD_RESET_TTL_MS = 60 * 60_000;

/**
 * Someone asks to reset the password of an address. If it is an active account's, a single-use link
 * valid for an hour goes to it; otherwise nothing happens. The caller answers the same either way,
 * so the form does not tell who has an account.
 */
export async function requestPasswordReset(deps: UseCaseDeps, email: string): Promise<void> {
  await runInUnitOfWork(deps, async (uow) => {
    const found = await findCredentialsByEmail(uow.trx, email);
    if (!found || found.user.status !== 'active' || !found.passwordHash) return;
    const { token, expiresAt } = await createPasswordReset(uow.trx, found.user.id, uow.now, PASSWORD_RESET_TTL_MS);
    uow.record({ type: 'PasswordResetRequested', actorId: null, subject: { type: 'user', id: found.user.id }, userId: found.user.id, token, expiresAt });
  });
}

/** Whether a reset link still works (for its form page); undefined when used, expired or unknown. */
export async function openPasswordReset(deps: UseCaseDeps, token: string): Promise<{ email: string } | undefined> {
  const reset = await findOpenPasswordReset(deps.db, token, deps.clock.now());
  const user = reset && (await findUserById(deps.db, reset.userId));
  return user && user.status === 'active' ? { email: user.email } : undefined;
}

/**
 * Sets a new password through a reset link: the link is used up, every session of the person ends,
 * and a notice goes to them. GoneError when the link no longer works (used, expired, replaced).
 */
export async function resetPassword(deps: UseCaseDeps, token: string, passwordHash: string): Promise<User> {
  return runInUnitOfWork(deps, async (uow) => {
    const reset = await findOpenPasswordReset(uow.trx, token, uow.now);
    const user = reset && (await findUserById(uow.trx, reset.userId));
    if (!reset || !user || user.status !== 'active' || !(await consumePasswordReset(uow.trx, reset.id, uow.now))) throw new GoneError('reset.invalid');
    await setPasswordIn(uow, user.id, passwordHash);
    uow.record({ type: 'PasswordReset', actorId: user.id, subject: { type: 'user', id: user.id }, userId: user.id });
    return user;
  });
}
