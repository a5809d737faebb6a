import type { Config } from '../../config';
import type { SessionManager } from '../../db/session';
import type { Clock } from '../../lib/clock';
import type { EmailPort } from '../../lib/email-port';
import type { RequestMeta } from '../../lib/route';
import type { TokenService } from '../../lib/tokens';
import type { AuditWriter } from '../audit';
import type { SecondFactorGate } from './second-factor';

/** What the sign-in use cases are made of; `index.ts` wires them from the app's deps. */
export interface AuthDeps {
  sessions: SessionManager;
  tokens: TokenService;
  audit: AuditWriter;
  email: EmailPort;
  clock: Clock;
  config: Config;
  /** The two-factor module: asked after a right password whether a second step is due. */
  secondFactor?: SecondFactorGate;
}

export const auditMeta = (meta: RequestMeta) => ({ ip: meta.ip, userAgent: meta.userAgent });
