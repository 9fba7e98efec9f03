/** What other features may do with sessions: end every session of a person (deactivation, a new password). */
export { deleteUserSessions } from './session.repository';
export { sessionOwnerOf } from './db-session-store';
