/** What other features read of people. */
export { anyUserExists, findCredentialsByEmail, findCredentialsById, findUserById, listUsers } from './users.repository';
export { type User } from './user';
export { findOpenInvite, type OpenInvite } from './invites.repository';
