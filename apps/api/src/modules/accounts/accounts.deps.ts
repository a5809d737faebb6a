import type { SessionManager } from '../../db/session';
import type { Clock } from '../../lib/clock';
import type { AuditWriter } from '../audit';

/** What the chart of accounts, opening balances and bills use cases are made of; `index.ts` wires them. */
export interface AccountsDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  clock: Clock;
}
