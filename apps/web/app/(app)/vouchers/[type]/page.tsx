import { VoucherListRoute } from '@/features/vouchers/voucher-pages';

export default async function Page({ params }: { params: Promise<{ type: string }> }) {
  const { type } = await params;
  return <VoucherListRoute type={type} />;
}
