import { ProfitAndLossPage } from '@/features/reports/profit-and-loss';

export default function Page() {
  return <ProfitAndLossPage />;
}
