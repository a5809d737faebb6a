import type { SessionManager } from '../../db/session';
import type { Clock } from '../../lib/clock';
import type { EmailService } from '../email';

export interface DashboardDeps {
  sessions: SessionManager;
  clock: Clock;
  email: Pick<EmailService, 'status'>;
}
