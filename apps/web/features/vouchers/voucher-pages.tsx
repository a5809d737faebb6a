'use client';

import { VOUCHER_TYPE_DEFINITIONS, type VoucherType } from '@tritiq/contracts';
import { Suspense } from 'react';
import { LoadingState } from '@/features/shell/states';
import { VoucherForm } from './voucher-form';
import { VoucherListPage } from './voucher-list';
import { VoucherView } from './voucher-view';

/** Route entry points: one generic set of components, parameterised by the voucher type. */
export function VoucherListRoute({ type }: { type: VoucherType }) {
  return <VoucherListPage def={VOUCHER_TYPE_DEFINITIONS[type]} />;
}

export function VoucherCreateRoute({ type }: { type: VoucherType }) {
  return <VoucherForm def={VOUCHER_TYPE_DEFINITIONS[type]} />;
}

export function VoucherViewRoute({ type, id }: { type: VoucherType; id: string }) {
  return (
    <Suspense fallback={<LoadingState />}>
      <VoucherView def={VOUCHER_TYPE_DEFINITIONS[type]} id={id} />
    </Suspense>
  );
}
