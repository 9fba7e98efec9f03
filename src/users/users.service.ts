import type { Kysely } from 'kysely';
import type { Database, DbOrTrx } from '../db/database';
import type { Role } from '../auth/permissions';
import { ForbiddenError, NotFoundError, ValidationError } from '../web/errors';
import { deleteUserSessions } from '../sessions/session.repository';
import { closeOpenInvites, createInvite } from './invites.repository';
import { countActiveAdmins, emailTaken, findCredentialsById, findUserById, insertUser, updateUser } from './users.repository';

export interface UsersServiceDeps {
  readonly db: Kysely<Database>;
  readonly inviteTtlMs: number;
}

/** Creates an invited user and a single-use invite; returns the token to build the link from. */
export async function inviteUser(
  { db, inviteTtlMs }: UsersServiceDeps,
  actorId: number,
  input: { name: string; email: string; role: Role },
  now: Date,
): Promise<{ userId: number; token: string }> {
  return db.transaction().execute((trx) => inviteUserIn(trx, inviteTtlMs, actorId, input, now));
}

/** `inviteUser` inside the caller's transaction, for flows that invite and create more at once (an onboarding plan). */
export async function inviteUserIn(trx: DbOrTrx, inviteTtlMs: number, actorId: number, input: { name: string; email: string; role: Role }, now: Date): Promise<{ userId: number; token: string }> {
  if (await emailTaken(trx, input.email)) throw new ValidationError({ email: 'users.emailTaken' });
  const userId = await insertUser(trx, { ...input, status: 'invited', passwordHash: null, language: null }, now);
  const { token } = await createInvite(trx, userId, actorId, now, inviteTtlMs);
  return { userId, token };
}

/** A fresh link for someone who has not accepted yet; the old link stops working. */
export async function renewInvite({ db, inviteTtlMs }: UsersServiceDeps, actorId: number, userId: number, now: Date): Promise<{ token: string; name: string }> {
  return db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw new NotFoundError();
    if (user.status !== 'invited') throw new ValidationError({ _form: 'users.notInvited' });
    const { token } = await createInvite(trx, userId, actorId, now, inviteTtlMs);
    return { token, name: user.name };
  });
}

async function guardLastAdmin(db: DbOrTrx, target: { role: Role; status: string }): Promise<void> {
  if (target.role === 'admin' && target.status === 'active' && (await countActiveAdmins(db)) <= 1) {
    throw new ValidationError({ _form: 'users.lastAdmin' });
  }
}

export async function changeRole({ db }: UsersServiceDeps, actorId: number, userId: number, role: Role, now: Date): Promise<void> {
  if (actorId === userId) throw new ForbiddenError();
  await db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw new NotFoundError();
    if (user.role === role) return;
    await guardLastAdmin(trx, user);
    await updateUser(trx, userId, { role }, now);
  });
}

/** Deactivates a user: ends all of their sessions at once and voids any invite link not yet used. */
export async function deactivateUser({ db }: UsersServiceDeps, actorId: number, userId: number, now: Date): Promise<void> {
  if (actorId === userId) throw new ForbiddenError();
  await db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user) throw new NotFoundError();
    if (user.status === 'deactivated') return;
    await guardLastAdmin(trx, user);
    await updateUser(trx, userId, { status: 'deactivated' }, now);
    await deleteUserSessions(trx, userId);
    await closeOpenInvites(trx, userId, now);
  });
}

/** Gives access back: active again if they had set a password, otherwise invited (a new link is needed). */
export async function reactivateUser({ db }: UsersServiceDeps, userId: number, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const found = await findCredentialsById(trx, userId);
    if (!found) throw new NotFoundError();
    if (found.user.status !== 'deactivated') return;
    await updateUser(trx, userId, { status: found.passwordHash ? 'active' : 'invited' }, now);
  });
}
