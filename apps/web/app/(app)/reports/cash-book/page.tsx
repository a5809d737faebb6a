import { CashBookPage } from '@/features/reports/ledger-statement';

export default function Page() {
  return <CashBookPage />;
}
