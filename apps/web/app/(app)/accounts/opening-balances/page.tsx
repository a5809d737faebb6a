import { OpeningBalancesPage } from '@/features/accounts/opening-balances';

export default function Page() {
  return <OpeningBalancesPage />;
}
