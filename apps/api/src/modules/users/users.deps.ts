import type { Config } from '../../config';
import type { Executor } from '../../db/client';
import type { SessionManager } from '../../db/session';
import type { Clock } from '../../lib/clock';
import type { EmailPort } from '../../lib/email-port';
import type { AuditWriter } from '../audit';
import type { replacePassword } from '../auth';
import type { OrganizationRow } from '../organizations';

/**
 * What users needs of the modules above it. Sign-in (auth) and licences (organizations) import
 * users, so users cannot import them back without a cycle: `modules/index.ts` hands these in.
 */
export interface UsersPorts {
  /** organizations: the caller's organisation, locked, for its seat count (`max_users`). */
  lockOrganization(tx: Executor, organizationId: string): Promise<OrganizationRow | undefined>;
  /** auth: ends every live session of a user (deactivated, or their sign-in email changed); answers how many. */
  revokeUserSessions(tx: Executor, userId: string, reason: 'user_deactivated' | 'email_changed', now: Date): Promise<number>;
  /** auth: an administrator's reset stores the hash, ends the sessions and audits, as every password change does. */
  replacePassword: typeof replacePassword;
}

/** What the users use cases are made of; `index.ts` wires them from the app's deps and the ports. */
export interface UsersDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  email: EmailPort;
  clock: Clock;
  config: Config;
  ports: UsersPorts;
}
