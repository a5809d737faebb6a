import { VoucherListRoute } from '@/features/vouchers/voucher-list';

export default async function Page({ params }: { params: Promise<{ type: string }> }) {
  const { type } = await params;
  return <VoucherListRoute type={type} />;
}
