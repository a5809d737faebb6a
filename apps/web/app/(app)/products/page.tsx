<<<<<<< HEAD
import { ProductListPage } from '@/features/masters/product-list';

export default function ProductsPage() {
  return <ProductListPage />;
=======
import { Text } from '@mantine/core';
import { PageHeader } from '@/features/shell/page-header';

export default function Page() {
  return (
    <>
      <PageHeader title="Products" />
      <Text c="dimmed">Coming soon.</Text>
    </>
  );
>>>>>>> issue-web
}
