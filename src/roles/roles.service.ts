/** What other features read of the sales roles. */
export { findRoleById, listRoles, type SalesRole } from './roles.repository';
