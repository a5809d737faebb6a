import { OutstandingPage } from '@/features/reports/outstanding';

export default function Page() {
  return <OutstandingPage />;
}
