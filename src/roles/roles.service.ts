/** What other features read of the sales roles. */
export { countRoles, findRoleById, listRoles, type SalesRole } from './roles.repository';
