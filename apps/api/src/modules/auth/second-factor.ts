import type { RequestMeta } from '../../lib/route';
import type { SessionUser } from './signed-in';

/** What the password step answers instead of a session when a second factor is due. */
export interface SecondFactorChallenge {
  challengeToken: string;
  expiresIn: number;
  enrolmentRequired: boolean;
}

/**
 * The port the two-factor module implements: asked after a right password whether a second step is
 * due (it imports auth's public index; auth never imports it).
 */
export interface SecondFactorGate {
  challengeFor(user: SessionUser, meta: RequestMeta): Promise<SecondFactorChallenge | null>;
}
