import { LedgerStatementPage } from '@/features/reports/ledger-statement';

export default async function Page({ params }: { params: Promise<{ ledgerId: string }> }) {
  const { ledgerId } = await params;
  return <LedgerStatementPage ledgerId={ledgerId} />;
}
