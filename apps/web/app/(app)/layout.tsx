'use client';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import type { CurrentUser } from '@tritiq/contracts';
import { AppFrame } from '@/features/shell/app-frame';
import { ErrorState, LoadingState, NotPermitted } from '@/features/common/states';
import { canOpen } from '@/lib/access';
import { useSession } from '@/lib/session';
import { useVoucherTypes, useVoucherTypesState, VoucherTypesProvider } from '@/lib/voucher-types';

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
  // The super admin has no vouchers; an organisation's users get the types the API serves.
  if (state.user.role === 'super_admin') return <Page user={state.user}>{children}</Page>;
  return (
    <VoucherTypesProvider>
      <WithVoucherTypes user={state.user}>{children}</WithVoucherTypes>
    </VoucherTypesProvider>
  );
}

function WithVoucherTypes({ user, children }: { user: CurrentUser; children: ReactNode }) {
  const types = useVoucherTypesState();
  if (types?.status === 'error') return <ErrorState message={types.message} onRetry={types.reload} />;
  if (types?.status !== 'ready') return <LoadingState />;
  return <Page user={user}>{children}</Page>;
}

function Page({ user, children }: { user: CurrentUser; children: ReactNode }) {
  const pathname = usePathname();
  const types = useVoucherTypes();
  return <AppFrame user={user}>{canOpen(user.role, pathname, types) ? children : <NotPermitted />}</AppFrame>;
}
