import type { EventHandler } from '../events/unit-of-work';
import { revokeTokensOf } from './tokens.repository';

/**
 * Deactivating a person revokes their tokens for good, personal and service alike: reactivating
 * them later gives back their sign-in, not a token that may have leaked or served an integration
 * since retired. New tokens are made as needed.
 */
export function apiTokensHandler(): EventHandler {
  return {
    name: 'api tokens',
    listensTo: ['UserDeactivated'],
    async handle(trx, events, { at }) {
      for (const event of events) if (event.type === 'UserDeactivated') await revokeTokensOf(trx, event.userId, at);
    },
  };
}
