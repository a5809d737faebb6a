<<<<<<< HEAD
import { StockListPage } from '@/features/stock/stock-list';

export default function StockPage() {
  return <StockListPage />;
=======
import { Text } from '@mantine/core';
import { PageHeader } from '@/features/shell/page-header';

export default function Page() {
  return (
    <>
      <PageHeader title="Stock" />
      <Text c="dimmed">Coming soon.</Text>
    </>
  );
>>>>>>> issue-web
}
