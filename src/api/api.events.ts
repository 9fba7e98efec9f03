import type { ApiTokenKind } from '../db/api-tables';

/** What the API's tokens record. The token itself is never part of an event. */
export interface ApiEvents {
  /** `userId`: whose token it is (the one it acts as); the actor is who made it. */
  ApiTokenCreated: { readonly tokenId: number; readonly userId: number; readonly kind: ApiTokenKind };
  ApiTokenRevoked: { readonly tokenId: number; readonly userId: number };
}
