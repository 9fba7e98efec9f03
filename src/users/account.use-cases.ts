import { reauthenticate } from '../auth/reauthentication';
import type { Viewer } from '../auth/scopes';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import type { Language } from '../i18n/i18n';
import { NOTIFICATION_KINDS, type NotificationKind, setOptOuts } from '../mail/mail.service';
import { ConflictError, GoneError, NotFoundError, TooManyAttemptsError, ValidationError } from '../shared/errors';
import { consumeEmailChange, createEmailChange, findOpenEmailChange } from './email-changes.repository';
import { emailTaken, findUserById, updateUser } from './users.repository';
import { setPasswordIn } from './users.use-cases';

/** How long the link that confirms a new address works. */
export const EMAIL_CHANGE_TTL_MS = 24 * 3_600_000;

/** Checks the current password a change asks for; wrong guesses count like sign-in failures. */
async function checkCurrentPassword(deps: UseCaseDeps, userId: number, password: string, field: string): Promise<void> {
  const check = await reauthenticate(deps.db, deps.clock.now(), userId, password);
  if (check.ok) return;
  if (check.reason === 'throttled') throw new TooManyAttemptsError(check.retryAfterSeconds);
  throw new ValidationError({ [field]: 'account.error.currentPassword' });
}

/** Name, language, time zone and which notifications to receive. */
export async function updateAccount(deps: UseCaseDeps, actor: Viewer, input: { name: string; language: Language; timeZone: string | null; receive: readonly NotificationKind[] }): Promise<void> {
  await runInUnitOfWork(deps, async (uow) => {
    await updateUser(uow.trx, actor.id, { name: input.name, language: input.language, timeZone: input.timeZone }, uow.now);
    await setOptOuts(uow.trx, actor.id, NOTIFICATION_KINDS, input.receive, uow.now);
    uow.record({ type: 'AccountUpdated', actorId: actor.id, subject: { type: 'user', id: actor.id }, userId: actor.id });
  });
}

/** A new password, with the current one: every session of the person ends (the caller signs this one in again), and a notice goes out. */
export async function changePassword(deps: UseCaseDeps, actor: Viewer, input: { currentPassword: string; passwordHash: string }): Promise<void> {
  await checkCurrentPassword(deps, actor.id, input.currentPassword, 'current_password');
  await runInUnitOfWork(deps, async (uow) => {
    await setPasswordIn(uow, actor.id, input.passwordHash);
    uow.record({ type: 'PasswordChanged', actorId: actor.id, subject: { type: 'user', id: actor.id }, userId: actor.id });
  });
}

/** Asks to move the account to another address: it changes once the link sent there is opened. */
export async function requestEmailChange(deps: UseCaseDeps, actor: Viewer, input: { newEmail: string; currentPassword: string }): Promise<void> {
  await checkCurrentPassword(deps, actor.id, input.currentPassword, 'email_password');
  await runInUnitOfWork(deps, async (uow) => {
    if (await emailTaken(uow.trx, input.newEmail)) throw new ValidationError({ new_email: 'users.emailTaken' });
    const { token, expiresAt } = await createEmailChange(uow.trx, actor.id, input.newEmail, uow.now, EMAIL_CHANGE_TTL_MS);
    uow.record({ type: 'EmailChangeRequested', actorId: actor.id, subject: { type: 'user', id: actor.id }, userId: actor.id, newEmail: input.newEmail, token, expiresAt });
  });
}

/** What a confirmation link would change, for the page that asks to confirm it; GoneError when it no longer works. */
export async function openEmailChange(deps: UseCaseDeps, token: string): Promise<{ name: string; email: string; newEmail: string }> {
  const change = await findOpenEmailChange(deps.db, token, deps.clock.now());
  const user = change && (await findUserById(deps.db, change.userId));
  if (!change || !user || user.status === 'deactivated') throw new GoneError('account.email.invalid');
  return { name: user.name, email: user.email, newEmail: change.newEmail };
}

/** The link from the new address was opened and confirmed: the account moves there, and a notice goes to the old one. */
export async function confirmEmailChange(deps: UseCaseDeps, token: string): Promise<{ userId: number; email: string }> {
  return runInUnitOfWork(deps, async (uow) => {
    const change = await consumeEmailChange(uow.trx, token, uow.now);
    if (!change) throw new GoneError('account.email.invalid');
    const user = await findUserById(uow.trx, change.userId);
    if (!user || user.status === 'deactivated') throw new NotFoundError();
    if (await emailTaken(uow.trx, change.newEmail)) throw new ConflictError('account.email.taken');
    await updateUser(uow.trx, user.id, { email: change.newEmail }, uow.now);
    uow.record({ type: 'EmailChanged', actorId: user.id, subject: { type: 'user', id: user.id }, userId: user.id, oldEmail: user.email, newEmail: change.newEmail });
    return { userId: user.id, email: change.newEmail };
  });
}
