import { BalanceSheetPage } from '@/features/reports/balance-sheet';

export default function Page() {
  return <BalanceSheetPage />;
}
