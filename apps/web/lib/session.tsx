'use client';
import type { CurrentUser, Role } from '@tritiq/contracts';
import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, apiJson, apiRequest, onPasswordChangeRequired, onSessionExpired } from './api-client';

type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  /** `retrying`: the API is unreachable or unavailable for now, and the session is read again by itself. */
  | { status: 'error'; message: string; retrying: boolean }
  | { status: 'signed-in'; user: CurrentUser };

/** No answer, or the proxy's 502 / the API's 503 / a gateway timeout: the API is (re)starting or busy. */
function isUnavailable(err: unknown): boolean {
  return !(err instanceof ApiError) || err.status === 502 || err.status === 503 || err.status === 504;
}

interface SessionContextValue {
  state: SessionState;
  /** Re-read the signed-in user (after login, password change, profile edit). */
  reload: () => Promise<CurrentUser | null>;
  setUser: (user: CurrentUser) => void;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const router = useRouter();
  const failures = useRef(0);

  const reload = useCallback(async () => {
    try {
      const user = await apiJson<CurrentUser>('/auth/me');
      failures.current = 0;
      setState({ status: 'signed-in', user });
      return user;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        failures.current = 0;
        setState({ status: 'anonymous' });
        return null;
      }
      failures.current++;
      const message = err instanceof Error ? err.message : 'Could not load your session';
      setState({ status: 'error', message, retrying: isUnavailable(err) });
      return null;
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  // A page opened while the API starts (or restarts) recovers by itself once it answers, without a
  // reload: the session is read again after 1, 2, 4, then every 5 seconds.
  useEffect(() => {
    if (state.status !== 'error' || !state.retrying) return;
    const timer = setTimeout(() => void reload(), Math.min(1000 * 2 ** (failures.current - 1), 5000));
    return () => clearTimeout(timer);
  }, [state, reload]);

  useEffect(() => {
    const offExpired = onSessionExpired(() => setState({ status: 'anonymous' }));
    const offChange = onPasswordChangeRequired(() => router.replace('/change-password'));
    return () => {
      offExpired();
      offChange();
    };
  }, [router]);

  const logout = useCallback(async () => {
    try {
      await apiRequest('/auth/logout', { method: 'POST', noRefresh: true });
    } catch {
      // The cookies are cleared by the answer; a failure here still ends the local session.
    }
    setState({ status: 'anonymous' });
    router.replace('/login');
  }, [router]);

  const setUser = useCallback((user: CurrentUser) => setState({ status: 'signed-in', user }), []);

  const value = useMemo(() => ({ state, reload, setUser, logout }), [state, reload, setUser, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The signed-in user; only for components rendered inside the (app) layout, which guarantees one. */
export function useCurrentUser(): CurrentUser {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useCurrentUser without a signed-in user');
  return state.user;
}

/** The signed-in user's role (null while unknown). */
export function useCurrentRole(): Role | null {
  const { state } = useSession();
  return state.status === 'signed-in' ? state.user.role : null;
}
