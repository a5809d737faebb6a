import { StockListPage } from '@/features/stock/stock-list';

export default function StockPage() {
  return <StockListPage />;
}
