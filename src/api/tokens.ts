/** API tokens: what they grant, and when one works. Pure. */

export const TOKEN_SCOPES = ['read', 'write'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** The choices of the forms: read only, or read and write (writing needs reading: an edit is checked against what you see). */
export const SCOPE_CHOICES = { read: ['read'], write: ['read', 'write'] } as const satisfies Record<string, readonly TokenScope[]>;
export type ScopeChoice = keyof typeof SCOPE_CHOICES;

/** Lifetimes offered, in days. */
export const EXPIRY_DAYS = [7, 30, 90, 365] as const;

export const TOKEN_PREFIX = 'sbt_';

export function parseScopes(stored: string): TokenScope[] {
  return stored.split(' ').filter((s): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s));
}

/** A token works until its expiry, exclusive: at the very moment it expires it is refused. */
export function tokenWorksAt(token: { readonly expiresAt: string; readonly revokedAt: string | null }, now: Date): boolean {
  return token.revokedAt === null && now.getTime() < Date.parse(token.expiresAt);
}

/** The start of the minute a request falls in: the rate limit's window. */
export function rateWindowOf(now: Date): string {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();
}

/** Seconds until the next window opens (at least 1). */
export function secondsToNextWindow(now: Date): number {
  return Math.max(1, Math.ceil((60_000 - (now.getTime() % 60_000)) / 1000));
}
