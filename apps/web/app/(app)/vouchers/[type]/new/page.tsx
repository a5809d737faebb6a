import { VoucherCreateRoute } from '@/features/vouchers/voucher-form';

export default async function Page({ params }: { params: Promise<{ type: string }> }) {
  const { type } = await params;
  return <VoucherCreateRoute type={type} />;
}
