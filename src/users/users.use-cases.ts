import { type Role, requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import type { DbOrTrx } from '../db/database';
import { runInUnitOfWork, type UnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import type { Language } from '../i18n/i18n';
import { deleteUserSessions } from '../sessions/sessions.service';
import { ForbiddenError, GoneError, NotFoundError, ValidationError } from '../shared/errors';
import { closeOpenInvites, consumeInvite, createInvite, findOpenInvite } from './invites.repository';
import type { User } from './user';
import { countActiveAdmins, emailTaken, findCredentialsById, findUserById, insertUser, updateUser } from './users.repository';

export type UsersDeps = UseCaseDeps & { readonly inviteTtlMs: number };

/** Creates an invited user and a single-use invite; returns the token to build the link from. */
export async function inviteUser(deps: UsersDeps, actor: Viewer, input: { name: string; email: string; role: Role }): Promise<{ userId: number; token: string }> {
  requirePermission(actor, 'users:manage');
  return runInUnitOfWork(deps, (uow) => inviteUserIn(uow, deps.inviteTtlMs, actor.id, input));
}

/** `inviteUser` in the caller's unit of work, for flows that invite and create more at once (an onboarding plan). */
export async function inviteUserIn(uow: UnitOfWork, inviteTtlMs: number, actorId: number, input: { name: string; email: string; role: Role }): Promise<{ userId: number; token: string }> {
  if (await emailTaken(uow.trx, input.email)) throw new ValidationError({ email: 'users.emailTaken' });
  const userId = await insertUser(uow.trx, { ...input, status: 'invited', passwordHash: null, language: null }, uow.now);
  const { token, expiresAt } = await createInvite(uow.trx, userId, actorId, uow.now, inviteTtlMs);
  uow.record({ type: 'UserInvited', actorId, subject: { type: 'user', id: userId }, userId, role: input.role, inviteToken: token, expiresAt });
  return { userId, token };
}

/** A fresh link for someone who has not accepted yet; the old link stops working. */
export async function renewInvite(deps: UsersDeps, actor: Viewer, userId: number): Promise<{ token: string; name: string }> {
  requirePermission(actor, 'users:manage');
  return runInUnitOfWork(deps, async (uow) => {
    const user = await findUserById(uow.trx, userId);
    if (!user) throw new NotFoundError();
    if (user.status !== 'invited') throw new ValidationError({ _form: 'users.notInvited' });
    const { token, expiresAt } = await createInvite(uow.trx, userId, actor.id, uow.now, deps.inviteTtlMs);
    uow.record({ type: 'InviteRenewed', actorId: actor.id, subject: { type: 'user', id: userId }, userId, inviteToken: token, expiresAt });
    return { token, name: user.name };
  });
}

async function guardLastAdmin(db: DbOrTrx, target: { role: Role; status: string }): Promise<void> {
  if (target.role === 'admin' && target.status === 'active' && (await countActiveAdmins(db)) <= 1) {
    throw new ValidationError({ _form: 'users.lastAdmin' });
  }
}

/** Gives someone else another role; Salesbench always keeps one active admin. */
export async function changeRole(deps: UseCaseDeps, actor: Viewer, userId: number, role: Role): Promise<void> {
  requirePermission(actor, 'users:manage');
  if (actor.id === userId) throw new ForbiddenError();
  await runInUnitOfWork(deps, async (uow) => {
    const user = await findUserById(uow.trx, userId);
    if (!user) throw new NotFoundError();
    if (user.role === role) return;
    await guardLastAdmin(uow.trx, user);
    await updateUser(uow.trx, userId, { role }, uow.now);
    uow.record({ type: 'UserRoleChanged', actorId: actor.id, subject: { type: 'user', id: userId }, userId, role });
  });
}

/** Deactivates someone else: ends all of their sessions at once and voids any invite link not yet used. */
export async function deactivateUser(deps: UseCaseDeps, actor: Viewer, userId: number): Promise<void> {
  requirePermission(actor, 'users:manage');
  if (actor.id === userId) throw new ForbiddenError();
  await runInUnitOfWork(deps, async (uow) => {
    const user = await findUserById(uow.trx, userId);
    if (!user) throw new NotFoundError();
    if (user.status === 'deactivated') return;
    await guardLastAdmin(uow.trx, user);
    await updateUser(uow.trx, userId, { status: 'deactivated' }, uow.now);
    await deleteUserSessions(uow.trx, userId);
    await closeOpenInvites(uow.trx, userId, uow.now);
    uow.record({ type: 'UserDeactivated', actorId: actor.id, subject: { type: 'user', id: userId }, userId });
  });
}

/** Gives access back: active again if they had set a password, otherwise invited (a new link is needed). */
export async function reactivateUser(deps: UseCaseDeps, actor: Viewer, userId: number): Promise<void> {
  requirePermission(actor, 'users:manage');
  await runInUnitOfWork(deps, async (uow) => {
    const found = await findCredentialsById(uow.trx, userId);
    if (!found) throw new NotFoundError();
    if (found.user.status !== 'deactivated') return;
    await updateUser(uow.trx, userId, { status: found.passwordHash ? 'active' : 'invited' }, uow.now);
    uow.record({ type: 'UserReactivated', actorId: actor.id, subject: { type: 'user', id: userId }, userId });
  });
}

/** Remembers the language a signed-in person chose (a preference: nothing else reacts to it). */
export async function setLanguage(deps: UseCaseDeps, actor: Viewer, language: Language): Promise<void> {
  await runInUnitOfWork(deps, (uow) => updateUser(uow.trx, actor.id, { language }, uow.now));
}

/**
 * Accepts an invite: the invitee's password is set, the link used up, the account active. The token
 * must still be open (GoneError otherwise: used, expired or replaced). Returns the person.
 */
export async function acceptInvite(deps: UseCaseDeps, token: string, passwordHash: string): Promise<User> {
  return runInUnitOfWork(deps, async (uow) => {
    const invite = await findOpenInvite(uow.trx, token, uow.now);
    if (!invite || !(await consumeInvite(uow.trx, invite.inviteId, uow.now))) throw new GoneError('invite.invalid');
    await updateUser(uow.trx, invite.userId, { passwordHash, status: 'active' }, uow.now);
    const user = await findUserById(uow.trx, invite.userId);
    if (!user) throw new GoneError('invite.invalid');
    uow.record({ type: 'InviteAccepted', actorId: user.id, subject: { type: 'user', id: user.id }, userId: user.id });
    return user;
  });
}

/** Someone whose e-mail domain is open to sign-up through single sign-on: active at once, no password. */
export async function createUserBySsoIn(uow: UnitOfWork, input: { email: string; name: string; role: Role }): Promise<User> {
  const userId = await insertUser(uow.trx, { ...input, status: 'active', passwordHash: null, language: null }, uow.now);
  const user = await findUserById(uow.trx, userId);
  if (!user) throw new NotFoundError();
  return user;
}

/** An invited person who signs in through single sign-on: the identity provider vouches for the invited address, so the invite is accepted. */
export async function acceptInviteBySsoIn(uow: UnitOfWork, userId: number): Promise<void> {
  await updateUser(uow.trx, userId, { status: 'active' }, uow.now);
  await closeOpenInvites(uow.trx, userId, uow.now);
  uow.record({ type: 'InviteAccepted', actorId: userId, subject: { type: 'user', id: userId }, userId });
}

/** The first admin, created by the set-up of a new installation. */
export async function createFirstAdminIn(uow: UnitOfWork, input: { name: string; email: string; passwordHash: string; language: Language }): Promise<number> {
  return insertUser(uow.trx, { email: input.email, name: input.name, role: 'admin', status: 'active', passwordHash: input.passwordHash, language: input.language }, uow.now);
}

/** A new password for a person (their own choice, or through a reset link): every session of theirs ends. */
export async function setPasswordIn(uow: UnitOfWork, userId: number, passwordHash: string): Promise<void> {
  await updateUser(uow.trx, userId, { passwordHash }, uow.now);
  await deleteUserSessions(uow.trx, userId);
}
