'use client';
import { currentUserSchema, type CurrentUser } from '@tritiq/contracts';
import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, apiRequest, onPasswordChangeRequired, onSessionExpired } from './api-client';

type SessionState =
  { status: 'loading' } | { status: 'anonymous' } | { status: 'error'; message: string } | { status: 'signed-in'; user: CurrentUser };

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

  const reload = useCallback(async () => {
    try {
      const user = await apiRequest('/auth/me', { schema: currentUserSchema });
      setState({ status: 'signed-in', user });
      return user;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setState({ status: 'anonymous' });
        return null;
      }
      setState({ status: 'error', message: err instanceof Error ? err.message : 'Could not load your session' });
      return null;
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

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
