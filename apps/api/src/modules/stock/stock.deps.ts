import type { SessionManager } from '../../db/session';
import type { Clock } from '../../lib/clock';
import type { AuditWriter } from '../audit';

/** What the stock use cases are made of; `index.ts` wires them from the app's deps. */
export interface StockDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  clock: Clock;
}
