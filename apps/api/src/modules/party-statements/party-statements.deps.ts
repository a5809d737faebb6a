import type { SessionManager } from '../../db/session';
import type { Clock } from '../../lib/clock';
import type { AuditWriter } from '../audit';
import type { EmailService } from '../email';

/** What the statement and reminder use cases are made of; `index.ts` wires them from the app's deps. */
export interface PartyStatementsDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  clock: Clock;
  /** Statements and reminders are queued in the outbox; the worker attaches their PDF when it sends. */
  mail: Pick<EmailService, 'enqueue'>;
}
