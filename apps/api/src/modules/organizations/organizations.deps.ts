import type { Config } from '../../config';
import type { SessionManager } from '../../db/session';
import type { Clock } from '../../lib/clock';
import type { EmailPort } from '../../lib/email-port';
import type { AuditWriter } from '../audit';

/** What the organisation use cases are made of; `index.ts` wires them from the app's deps. */
export interface OrganizationsDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  email: EmailPort;
  clock: Clock;
  config: Config;
}
