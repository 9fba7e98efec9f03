import { requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import type { ApiTokenKind } from '../db/api-tables';
import { runInUnitOfWork, type UnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { NotFoundError, ValidationError } from '../shared/errors';
import { findUserById } from '../users/users.service';
import { findTokenById, insertToken, markRevoked } from './tokens.repository';
import { EXPIRY_DAYS, SCOPE_CHOICES, type ScopeChoice } from './tokens';

export interface TokenRequest {
  readonly name: string;
  readonly scope: ScopeChoice;
  readonly expiresInDays: number;
}

const DAY_MS = 86_400_000;

async function createTokenIn(uow: UnitOfWork, actor: Viewer, userId: number, kind: ApiTokenKind, input: TokenRequest): Promise<{ token: string; expiresAt: string }> {
  const name = input.name.trim();
  if (name === '' || name.length > 80) throw new ValidationError({ token_name: 'api.error.name' });
  if (!(input.scope in SCOPE_CHOICES)) throw new ValidationError({ token_scope: 'validation.invalid' });
  if (!(EXPIRY_DAYS as readonly number[]).includes(input.expiresInDays)) throw new ValidationError({ token_expiry: 'validation.invalid' });
  const expiresAt = new Date(uow.now.getTime() + input.expiresInDays * DAY_MS).toISOString();
  const { id, token } = await insertToken(uow.trx, { userId, kind, name, scopes: SCOPE_CHOICES[input.scope], createdBy: actor.id, expiresAt }, uow.now);
  uow.record({ type: 'ApiTokenCreated', actorId: actor.id, subject: { type: 'user', id: userId }, counts: { tokenId: id }, tokenId: id, userId, kind });
  return { token, expiresAt };
}

/** A personal token: acts as the actor, with the scopes chosen. Shown once; only its hash is kept. */
export async function createPersonalToken(deps: UseCaseDeps, actor: Viewer, input: TokenRequest): Promise<{ token: string; expiresAt: string }> {
  return runInUnitOfWork(deps, (uow) => createTokenIn(uow, actor, actor.id, 'personal', input));
}

/**
 * A service token: an admin makes it for a chosen active user (typically an account kept for an
 * integration, with the role the integration needs). It acts as that user, exactly like theirs would.
 */
export async function createServiceToken(deps: UseCaseDeps, actor: Viewer, userId: number, input: TokenRequest): Promise<{ token: string; expiresAt: string }> {
  requirePermission(actor, 'users:manage');
  return runInUnitOfWork(deps, async (uow) => {
    const user = await findUserById(uow.trx, userId);
    if (!user || user.status !== 'active') throw new ValidationError({ token_user: 'api.error.user' });
    return createTokenIn(uow, actor, userId, 'service', input);
  });
}

/** Revokes a token: its owner may, and admins may revoke anyone's. Revoking twice changes nothing. */
export async function revokeToken(deps: UseCaseDeps, actor: Viewer, tokenId: number): Promise<void> {
  await runInUnitOfWork(deps, async (uow) => {
    const token = await findTokenById(uow.trx, tokenId);
    if (!token || (token.userId !== actor.id && actor.role !== 'admin')) throw new NotFoundError();
    if (await markRevoked(uow.trx, tokenId, uow.now)) uow.record({ type: 'ApiTokenRevoked', actorId: actor.id, subject: { type: 'user', id: token.userId }, counts: { tokenId }, tokenId, userId: token.userId });
  });
}
