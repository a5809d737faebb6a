import type { SessionManager } from '../../db/session';
import type { Clock } from '../../lib/clock';
import type { AuditWriter } from '../audit';

/** What the vendor and customer use cases are made of; `index.ts` wires them from the app's deps. */
export interface PartyDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  clock: Clock;
}
