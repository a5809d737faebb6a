import type { SessionManager } from '../../db/session';
import type { Clock } from '../../deps';
import type { EmailService } from '../email';

export interface DashboardDeps {
  sessions: SessionManager;
  clock: Clock;
  email: Pick<EmailService, 'status'>;
}
