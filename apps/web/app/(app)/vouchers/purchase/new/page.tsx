import { VoucherCreateRoute } from '@/features/vouchers/voucher-pages';

export default function Page() {
  return <VoucherCreateRoute type="purchase" />;
}
