/**
 * The hash-chained audit trail: the writer every module appends its events through (inside its
 * own transaction), the `GET /audit-events` route, and the chain verification.
 */
export { createAuditWriter, type AuditEventInput, type AuditWriter, type AuditWriterDeps } from './audit.writer';
export { registerAuditRoutes } from './audit.routes';
export { formatVerification, verifyAuditChains } from './audit.verify';
