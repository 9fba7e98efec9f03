/** What other features read of the audit log. */
export { listAuditEntries, type AuditEntry, type AuditFilter } from './audit.repository';
