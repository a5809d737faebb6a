import { VoucherViewRoute } from '@/features/vouchers/voucher-view';

export default async function Page({ params }: { params: Promise<{ type: string; id: string }> }) {
  const { type, id } = await params;
  return <VoucherViewRoute type={type} id={id} />;
}
