import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { STATEMENT_RELATED_TYPE, statementAttachments } from './email-statement';
import { registerPartyStatementRoutes } from './party-statements.routes';
import { createReminderSchedule } from './reminder-schedule';
import { REMINDER_RELATED_TYPE } from './send-payment-reminders';

export { runDailyPaymentReminders, type DailyRemindersOutcome } from './run-daily-reminders';

/** The daily payment reminder job's pg-boss schedule and runner, for the server process. */
export function paymentReminderSchedule(deps: AppDeps) {
  return createReminderSchedule({
    sessions: deps.sessions,
    audit: deps.audit,
    clock: deps.clock,
    mail: deps.email,
    handle: deps.handle,
    logger: deps.loggers.app,
  });
}

/**
 * What a party receives about its account (issue 17): its statement of account (JSON, PDF, email)
 * and payment reminders. Read from the books (the party's ledger and bills); the email worker draws
 * the statement PDF when it sends.
 */
export function registerPartyStatementsModule(api: FastifyInstance, deps: AppDeps): void {
  const statements = { sessions: deps.sessions, audit: deps.audit, clock: deps.clock, mail: deps.email };
  deps.email.registerAttachments(STATEMENT_RELATED_TYPE, (request) => statementAttachments(statements, request));
  deps.email.registerAttachments(REMINDER_RELATED_TYPE, (request) => statementAttachments(statements, request));
  registerPartyStatementRoutes(api, deps, statements);
}
