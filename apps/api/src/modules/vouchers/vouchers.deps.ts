import type { SessionManager } from '../../db/session';
import type { Clock } from '../../lib/clock';
import type { AuditWriter } from '../audit';
import type { EmailService } from '../email';

/** What the voucher use cases are made of; `index.ts` wires them from the app's deps. */
export interface VoucherDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  clock: Clock;
  /** The email module's durable outbox: the voucher email is queued in the voucher's transaction. */
  mail: Pick<EmailService, 'enqueue' | 'prepareQueued' | 'dispatchQueued'>;
}
