import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Table } from '@/features/common/table';
import type { VoucherTypeDefinition } from '@tritiq/contracts';
import Link from 'next/link';
import type { OrganizationProfile } from '@/lib/organization';
import { formatDate, type DateFormat } from '@/lib/dates';
import { amount, rupees } from '@/lib/format';
import type { Voucher } from './invoice-document';
import { partyNoun, voucherPaths } from './paths';

const MODE_LABELS: Record<string, string> = { cash: 'Cash', cheque: 'Cheque', bank_transfer: 'Bank transfer', upi: 'UPI' };

function Fact({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

/**
 * A voucher without item lines as printed: a receipt or payment (who paid whom, from which cash
 * or bank ledger, how, and the bills it settled) or a contra or journal (its ledger lines, debits
 * beside credits). `originalType` is the type of the bills a receipt or payment settles.
 */
export function BooksDocument({
  def,
  voucher: v,
  profile,
  dateFormat,
  originalType,
}: {
  def: VoucherTypeDefinition;
  voucher: Voucher;
  profile: OrganizationProfile | null;
  dateFormat: DateFormat;
  originalType: string | null;
}) {
  const receipt = def.posting?.kind === 'entries' && def.posting.entries[0]?.account.from === 'header';
  const counterparty = v.party?.name ?? v.other_ledger?.name ?? '—';
  const debit = v.ledger_lines.filter((l) => l.side === 'debit');
  const credit = v.ledger_lines.filter((l) => l.side === 'credit');
  return (
    <Paper withBorder p="lg" className="tritiq-print-area" data-testid="books-document" aria-label={def.label} component="article">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div>
            <Title order={3}>{profile?.legal_name ?? profile?.name ?? ''}</Title>
            <Text size="sm" c="dimmed">
              {def.label}
            </Text>
          </div>
          <Stack gap={2} align="flex-end">
            <Text ff="monospace" fw={700} data-testid="document-number">
              {v.voucher_number}
            </Text>
            <Text size="sm">{formatDate(v.date, dateFormat)}</Text>
            {v.status === 'cancelled' && <Badge color="red">Cancelled</Badge>}
          </Stack>
        </Group>
        {def.lines === 'none' ? (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
              <Fact
                label={receipt ? 'Received from' : 'Paid to'}
                value={v.party ? `${counterparty} (${partyNoun(def).toLowerCase()})` : counterparty}
                testId="document-counterparty"
              />
              <Fact label={receipt ? 'Into' : 'From'} value={v.cash_bank_ledger?.name ?? '—'} testId="document-cash-bank" />
              <Fact label="Amount" value={<b>{rupees(v.amount ?? v.grand_total)}</b>} testId="document-amount" />
              <Fact
                label="Mode"
                value={[
                  MODE_LABELS[v.mode ?? ''] ?? v.mode ?? '—',
                  v.instrument_number ? `no. ${v.instrument_number}` : null,
                  v.instrument_date ? `dated ${formatDate(v.instrument_date, dateFormat)}` : null,
                  v.transfer_reference ? `ref. ${v.transfer_reference}` : null,
                ]
                  .filter(Boolean)
                  .join(', ')}
                testId="document-mode"
              />
              <Fact label="Amount in words" value={v.amount_in_words} />
              {v.on_account !== null && <Fact label="On account" value={rupees(v.on_account)} testId="document-on-account" />}
            </SimpleGrid>
            {v.allocations.length > 0 && (
              <Table withTableBorder aria-label="Bills settled" data-testid="document-allocations">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Bill settled</Table.Th>
                    <Table.Th>Bill date</Table.Th>
                    <Table.Th ta="right">Amount (₹)</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {v.allocations.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td ff="monospace">
                        {a.bill_voucher_id && originalType ? (
                          <Anchor component={Link} href={voucherPaths.view(originalType, a.bill_voucher_id)}>
                            {a.bill_ref}
                          </Anchor>
                        ) : (
                          a.bill_ref
                        )}
                      </Table.Td>
                      <Table.Td>{formatDate(a.bill_date, dateFormat)}</Table.Td>
                      <Table.Td ta="right">{amount(a.amount)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        ) : (
          <>
            {v.reference && <Fact label="Reference" value={v.reference} />}
            <Table withTableBorder aria-label="Ledger lines" data-testid="document-lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Ledger</Table.Th>
                  <Table.Th>Narration</Table.Th>
                  <Table.Th ta="right">Debit (₹)</Table.Th>
                  <Table.Th ta="right">Credit (₹)</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...debit, ...credit].map((l) => (
                  <Table.Tr key={l.line_no}>
                    <Table.Td>{l.side === 'credit' ? `To ${l.ledger_name}` : l.ledger_name}</Table.Td>
                    <Table.Td>{l.narration ?? ''}</Table.Td>
                    <Table.Td ta="right">{l.side === 'debit' ? amount(l.amount) : ''}</Table.Td>
                    <Table.Td ta="right">{l.side === 'credit' ? amount(l.amount) : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th colSpan={2} ta="right">
                    Total
                  </Table.Th>
                  <Table.Th ta="right">{amount(v.grand_total)}</Table.Th>
                  <Table.Th ta="right">{amount(v.grand_total)}</Table.Th>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
            <Fact label="Amount in words" value={v.amount_in_words} />
          </>
        )}
        {v.notes && <Fact label="Narration" value={v.notes} />}
      </Stack>
    </Paper>
  );
}
