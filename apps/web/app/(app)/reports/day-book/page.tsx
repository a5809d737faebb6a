import { DayBookPage } from '@/features/reports/day-book';

export default function Page() {
  return <DayBookPage />;
}
