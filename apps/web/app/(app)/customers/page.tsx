<<<<<<< HEAD
import { PartyListPage } from '@/features/masters/party-list';

export default function CustomersPage() {
  return <PartyListPage kind="customer" />;
=======
import { Text } from '@mantine/core';
import { PageHeader } from '@/features/shell/page-header';

export default function Page() {
  return (
    <>
      <PageHeader title="Customers" />
      <Text c="dimmed">Coming soon.</Text>
    </>
  );
>>>>>>> issue-web
}
