import type { Config } from '../../config';
import type { SessionManager } from '../../db/session';
import type { Clock } from '../../lib/clock';
import type { EmailPort } from '../../lib/email-port';
import type { RequestMeta } from '../../lib/route';
import type { TokenService } from '../../lib/tokens';
import type { AuditWriter } from '../audit';

/** What the sign-in use cases are made of; `index.ts` wires them from the app's deps. */
export interface AuthDeps {
  sessions: SessionManager;
  tokens: TokenService;
  audit: AuditWriter;
  email: EmailPort;
  clock: Clock;
  config: Config;
}

export const auditMeta = (meta: RequestMeta) => ({ ip: meta.ip, userAgent: meta.userAgent });
