import { TrialBalancePage } from '@/features/reports/trial-balance';

export default function Page() {
  return <TrialBalancePage />;
}
