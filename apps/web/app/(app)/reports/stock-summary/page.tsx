import { StockSummaryPage } from '@/features/reports/stock-summary';

export default function Page() {
  return <StockSummaryPage />;
}
