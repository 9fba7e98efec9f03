import type { OidcEnvConfig } from '../config';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import { type FieldErrors, ValidationError } from '../shared/errors';
import type { User } from '../users/users.service';
import { findCredentialsByEmail } from '../users/users.service';
import { acceptInviteBySsoIn, createUserBySsoIn } from '../users/users.use-cases';
import { decideSsoSignIn, issuerProblem, normaliseSsoEmail, type SsoClaims, type SsoPolicy, type SsoRefusal } from './oidc';
import { requirePermission } from './permissions';
import type { Viewer } from './scopes';
import { getStoredSsoSettings, putSsoPolicy, putSsoProvider } from './sso-settings.repository';

export interface SsoSettingsInput {
  /** Ignored when the environment sets the provider. */
  readonly provider: { issuer: string; clientId: string; clientSecret: string | undefined; displayName: string };
  readonly policy: SsoPolicy;
}

/**
 * Saves single sign-on as an admin set it. The provider's fields are kept only when the environment
 * does not set them. A client secret left empty keeps the stored one, as long as the issuer and client ID
 * stay the same (a changed provider or client needs its own secret). Turning "require SSO" on needs
 * a provider (else nobody but admins could sign in at all).
 */
export async function saveSsoSettings(deps: UseCaseDeps, actor: Viewer, env: OidcEnvConfig | undefined, input: SsoSettingsInput): Promise<void> {
  requirePermission(actor, 'settings:manage');
  await runInUnitOfWork(deps, async (uow) => {
    const stored = await getStoredSsoSettings(uow.trx);
    let providerChanged = false;
    if (!env) {
      const { issuer, clientId, clientSecret, displayName } = input.provider;
      const errors: FieldErrors = {};
      const anyGiven = issuer !== '' || clientId !== '' || (clientSecret ?? '') !== '';
      if (anyGiven || input.policy.requireSso) {
        const problem = issuerProblem(issuer, { typedOnSettingsPage: true });
        if (issuer === '') errors.issuer = 'validation.required';
        else if (problem === 'insecure') errors.issuer = 'sso.error.issuerInsecure';
        else if (problem === 'private') errors.issuer = 'sso.error.issuerPrivate';
        else if (problem !== null) errors.issuer = 'sso.error.issuerInvalid';
        if (clientId === '') errors.client_id = 'validation.required';
        // The stored secret belongs to the stored provider and client: it is never sent to another one.
        const sameClient = issuer === stored.issuer && clientId === stored.clientId;
        if (!clientSecret && !stored.clientSecret) errors.client_secret = 'validation.required';
        else if (!clientSecret && !sameClient) errors.client_secret = 'sso.error.secretForNewClient';
      }
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      providerChanged = issuer !== stored.issuer || clientId !== stored.clientId || (clientSecret !== undefined && clientSecret !== stored.clientSecret);
      // Emptying the issuer and client turns single sign-on off: the secret goes with them.
      await putSsoProvider(uow.trx, { issuer, clientId, displayName, clientSecret: anyGiven ? clientSecret : '' });
    }
    await putSsoPolicy(uow.trx, input.policy);
    uow.record({ type: 'SsoSettingsChanged', actorId: actor.id, subject: { type: 'settings', id: 1 }, requireSso: input.policy.requireSso, providerChanged });
  });
}

export type SsoSignInResult = { readonly kind: 'signedIn'; readonly user: User } | { readonly kind: 'refused'; readonly reason: SsoRefusal; readonly email?: string };

/**
 * Signs in the person the identity provider vouched for: matched by verified e-mail to an account,
 * or given one when their domain is open to sign-up.
 */
export async function signInWithSso(deps: UseCaseDeps, claims: SsoClaims, policy: SsoPolicy): Promise<SsoSignInResult> {
  return runInUnitOfWork(deps, async (uow) => {
    // Looked up only by an address that passes the rules (printable ASCII): nothing else can match an account.
    const email = claims.email ? normaliseSsoEmail(claims.email) : undefined;
    const found = email ? await findCredentialsByEmail(uow.trx, email) : undefined;
    const decision = decideSsoSignIn(claims, found ? { id: found.user.id, status: found.user.status } : undefined, policy);
    if (decision.kind === 'refused') return decision;
    if (decision.kind === 'signUp') {
      const user = await createUserBySsoIn(uow, decision);
      uow.record({ type: 'UserJoinedBySso', actorId: user.id, subject: { type: 'user', id: user.id }, userId: user.id, role: user.role });
      return { kind: 'signedIn', user };
    }
    if (decision.acceptsInvite) await acceptInviteBySsoIn(uow, decision.userId);
    return { kind: 'signedIn', user: { ...found!.user, status: 'active' } };
  });
}
