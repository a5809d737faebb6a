export { checkIntegrity, inReadOnlySnapshot, IntegrityUsageError, type IntegrityOptions } from './integrity.check';
export { CHECKS, formatReport, type CheckId, type CheckResult, type IntegrityProblem, type IntegrityReport } from './integrity.report';
