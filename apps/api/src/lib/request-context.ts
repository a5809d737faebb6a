import { AsyncLocalStorage } from 'node:async_hooks';
import type { Executor } from '../db/client';

/**
 * A check the request owes before anything it does may commit: the session check of a caller
 * whose session row was read before (plugins/auth.ts). Instead of a round trip of its own before
 * the handler, it rides in the request's first transaction, right behind BEGIN and the tenant
 * settings (db/session.ts); a transaction that cannot carry it (another organisation's) runs it
 * on its own first, and the route runs it after a handler that touched no database
 * (lib/route.ts). Its failure fails every transaction of the request: they roll back and the
 * request answers the check's error.
 */
export interface OwedCheck {
  /** The transactions that can carry it: tenant transactions of this organisation, and platform ones. */
  readonly organizationId: string | null;
  /**
   * Runs the check's statement on this executor (`where`: inside a transaction that carries it, or
   * on its own) and judges its rows: throws what to answer when the request may not go on.
   */
  readonly run: (db: Executor, where: 'transaction' | 'alone') => Promise<void>;
  /** Its outcome once it has been sent (by a transaction that carried it, or on its own). */
  outcome?: Promise<void>;
}

export interface RequestContext {
  requestId: string;
  /** While a route's handler runs: the session check still owed, if any. */
  owed?: OwedCheck;
}

/** Carries the request id to every log line written while a request is being served. */
export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/** The check the current request still owes, if any. */
export function currentOwedCheck(): OwedCheck | undefined {
  return requestContext.getStore()?.owed;
}
