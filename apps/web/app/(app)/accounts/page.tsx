import { ChartOfAccountsPage } from '@/features/accounts/chart-of-accounts';

export default function Page() {
  return <ChartOfAccountsPage />;
}
