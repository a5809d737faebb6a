import type { SessionManager } from '../../db/session';
import type { Clock } from '../../lib/clock';

/** What the GST returns read with; `index.ts` wires them from the app's deps. */
export interface GstReturnsDeps {
  sessions: SessionManager;
  clock: Clock;
}
