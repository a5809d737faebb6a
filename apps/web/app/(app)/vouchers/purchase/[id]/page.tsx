import { VoucherViewRoute } from '@/features/vouchers/voucher-pages';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <VoucherViewRoute type="purchase" id={id} />;
}
