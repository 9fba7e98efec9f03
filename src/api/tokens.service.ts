/** What other features read of API tokens. */
export { type ApiToken, listTokensOf } from './tokens.repository';
