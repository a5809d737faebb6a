import { PartyListPage } from '@/features/masters/party-list';

export default function CustomersPage() {
  return <PartyListPage kind="customer" />;
}
