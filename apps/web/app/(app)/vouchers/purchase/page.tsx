import { VoucherListRoute } from '@/features/vouchers/voucher-pages';

export default function Page() {
  return <VoucherListRoute type="purchase" />;
}
