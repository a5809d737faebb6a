import { PartyListPage } from '@/features/masters/party-list';

export default function VendorsPage() {
  return <PartyListPage kind="vendor" />;
}
