import { StockLedgerPage } from '@/features/stock/stock-ledger';

export default async function StockLedgerRoute({ params }: { params: Promise<{ productId: string }> }) {
  const { productId } = await params;
  return <StockLedgerPage productId={productId} />;
}
