import { PartyPage } from '@/features/masters/party-page';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PartyPage kind="customer" id={id} />;
}
