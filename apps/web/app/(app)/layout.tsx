'use client';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { AppFrame } from '@/features/shell/app-frame';
import { ErrorState, LoadingState, NotPermitted } from '@/features/shell/states';
import { canOpen } from '@/lib/access';
import { useSession } from '@/lib/session';

/** Every signed-in page: redirects to sign-in or the forced password change, refuses pages the role may not open. */
export default function SignedInLayout({ children }: { children: ReactNode }) {
  const { state, reload } = useSession();
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (state.status === 'anonymous') router.replace(`/login?next=${encodeURIComponent(pathname)}`);
    if (state.status === 'signed-in' && state.user.must_change_password) router.replace('/change-password');
  }, [state, router, pathname]);

  if (state.status === 'error')
    return <ErrorState message={state.retrying ? `${state.message} Trying again…` : state.message} onRetry={() => void reload()} />;
  if (state.status !== 'signed-in' || state.user.must_change_password) return <LoadingState />;
  return <AppFrame user={state.user}>{canOpen(state.user.role, pathname) ? children : <NotPermitted />}</AppFrame>;
}
