import type { SessionManager } from '../../db/session';
import type { Clock } from '../../lib/clock';

/** What the statements read with; `index.ts` wires them from the app's deps. */
export interface ReportsDeps {
  sessions: SessionManager;
  clock: Clock;
}
