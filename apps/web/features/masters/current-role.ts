'use client';

import type { Role } from '@tritiq/contracts';
import { useSession } from '@/lib/session';

/** The signed-in user's role (null while unknown). */
export function useCurrentRole(): Role | null {
  const { state } = useSession();
  return state.status === 'signed-in' ? state.user.role : null;
}
