<<<<<<< HEAD
import { PartyListPage } from '@/features/masters/party-list';

export default function VendorsPage() {
  return <PartyListPage kind="vendor" />;
=======
import { Text } from '@mantine/core';
import { PageHeader } from '@/features/shell/page-header';

export default function Page() {
  return (
    <>
      <PageHeader title="Vendors" />
      <Text c="dimmed">Coming soon.</Text>
    </>
  );
>>>>>>> issue-web
}
