'use client';

import { Alert, Anchor, Badge, Button, Checkbox, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { Table } from '@/features/common/table';
import { outstandingSchema, paymentRemindersResultSchema, type Outstanding, type PaymentRemindersResult } from '@tritiq/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { ConfirmDialog, type ConfirmRequest } from '@/features/common/confirm';
import { DateField } from '@/features/common/date-field';
import { ScrollTable } from '@/features/common/scroll-table';
import { EmptyState, ErrorState, LoadingState } from '@/features/common/states';
import { isAdminRole } from '@/lib/access';
import { api } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';
import { amount } from '@/lib/format';
import { useOrganization } from '@/lib/organization';
import { useCurrentRole } from '@/lib/session';
import { useApi } from '@/lib/use-api';
import { nonZero, queryOf, ReportFrame, useReportQuery } from './report-frame';

type Side = Outstanding['side'];
type Figures = Outstanding['total'];

const SIDES: { value: Side; label: string }[] = [
  { value: 'receivable', label: 'Receivable' },
  { value: 'payable', label: 'Payable' },
];

/** The figure cells of a party or of the total: open bills, the ageing buckets, total, advances on account, net. */
function FigureCells({ f, bold = false }: { f: Figures; bold?: boolean }) {
  const fw = bold ? 700 : 400;
  return (
    <>
      <Table.Td ta="right" fw={fw}>
        {f.bills}
      </Table.Td>
      {f.buckets.map((b) => (
        <Table.Td key={b.bucket} ta="right" fw={fw} data-bucket={b.bucket}>
          {nonZero(b.amount)}
        </Table.Td>
      ))}
      <Table.Td ta="right" fw={fw}>
        {amount(f.total)}
      </Table.Td>
      <Table.Td ta="right" fw={fw}>
        {nonZero(f.on_account)}
      </Table.Td>
      <Table.Td ta="right" fw={700}>
        {amount(f.net)}
      </Table.Td>
    </>
  );
}

/** What "Send reminders" did, customer by customer: queued to an address, or skipped and why. */
function ReminderResults({ result, onClose }: { result: PaymentRemindersResult; onClose: () => void }) {
  const queued = result.results.filter((r) => r.status === 'queued').length;
  return (
    <Alert
      color={queued > 0 ? 'green' : 'yellow'}
      title={`${queued} of ${result.results.length} payment reminder${result.results.length === 1 ? '' : 's'} queued`}
      withCloseButton
      onClose={onClose}
      className="tritiq-no-print"
      data-testid="reminder-results"
    >
      <Table verticalSpacing={4} aria-label="Payment reminders sent">
        <Table.Tbody>
          {result.results.map((r) => (
            <Table.Tr key={r.party_id} data-testid="reminder-result" data-status={r.status}>
              <Table.Td>{r.party_name}</Table.Td>
              <Table.Td>
                <Badge color={r.status === 'queued' ? 'green' : 'gray'} variant="light">
                  {r.status}
                </Badge>
              </Table.Td>
              <Table.Td>
                {r.status === 'queued'
                  ? `to ${r.email_to}: ${r.bills} overdue bill${r.bills === 1 ? '' : 's'}, ₹${amount(r.overdue)}`
                  : r.reason}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Alert>
  );
}

/**
 * Outstanding receivables or payables as on a date: per party its open bills aged by days past
 * due, its advances on account and the net, and the total; a party opens its page. On the
 * receivable side admins select customers and send each a payment reminder (its bills overdue
 * today, its statement attached) through `POST /payment-reminders`, and see what became of each.
 */
export function OutstandingPage() {
  const org = useOrganization();
  const role = useCurrentRole();
  const { values, set } = useReportQuery(['side', 'as_of'] as const);
  const side: Side = values.side === 'payable' ? 'payable' : 'receivable';
  const query = { ...queryOf(values), side };
  const report = useApi((signal) => api.get('/reports/outstanding', outstandingSchema, query, signal), [side, values.as_of]);
  const data = report.status === 'ready' ? report.data : null;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [result, setResult] = useState<PaymentRemindersResult | null>(null);
  const canRemind = side === 'receivable' && isAdminRole(role);
  const parties = data?.parties ?? [];
  const chosen = parties.filter((p) => selected.has(p.party_id));
  const allChosen = parties.length > 0 && chosen.length === parties.length;

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const changeSide = (next: string) => {
    setSelected(new Set());
    setResult(null);
    set({ side: next === 'payable' ? 'payable' : '' });
  };
  const askToRemind = () =>
    setConfirm({
      title: 'Send payment reminders',
      message: (
        <Text size="sm">
          Email {chosen.length === 1 ? chosen[0]!.name : `${chosen.length} customers`} a reminder of the bills overdue today, with the
          statement of account for this financial year attached. A customer with nothing overdue or no email address is skipped.
        </Text>
      ),
      confirmLabel: `Send ${chosen.length} reminder${chosen.length === 1 ? '' : 's'}`,
      onConfirm: async () => {
        const sent = await api.post('/payment-reminders', { party_ids: chosen.map((p) => p.party_id) }, paymentRemindersResultSchema);
        setResult(sent);
        setSelected(new Set());
      },
    });

  const partyHref = (id: string) => `/${side === 'receivable' ? 'customers' : 'vendors'}/${id}`;
  const title = side === 'receivable' ? 'Outstanding receivables' : 'Outstanding payables';
  return (
    <ReportFrame
      title={title}
      subtitle={data ? `As on ${formatDate(data.as_of, org.dateFormat)}: ageing by days past the due date` : ''}
      filters={
        <>
          <SegmentedControl aria-label="Side" data={SIDES} value={side} onChange={changeSide} />
          <DateField
            label="As on"
            value={values.as_of || data?.as_of || ''}
            format={org.dateFormat}
            w={150}
            onChange={(v) => set({ as_of: v })}
          />
          {canRemind && (
            <Button color="orange" disabled={chosen.length === 0} onClick={askToRemind}>
              Send reminders{chosen.length > 0 ? ` (${chosen.length})` : ''}
            </Button>
          )}
        </>
      }
      csv={data ? { path: '/reports/outstanding', query, name: `outstanding-${side}-${data.as_of}` } : null}
      testId="outstanding"
    >
      {result && <ReminderResults result={result} onClose={() => setResult(null)} />}
      {report.status === 'loading' && <LoadingState />}
      {report.status === 'error' && <ErrorState message={report.message} onRetry={report.reload} />}
      {data && parties.length === 0 && (
        <EmptyState>Nothing {side === 'receivable' ? 'receivable' : 'payable'} as on this date: no open bills or advances.</EmptyState>
      )}
      {data && parties.length > 0 && (
        <Stack gap="xs">
          <ScrollTable
            minWidth={900}
            label={title}
            head={
              <>
                {canRemind && (
                  <Table.Th className="tritiq-no-print" w={36}>
                    <Checkbox
                      aria-label="Select every customer"
                      checked={allChosen}
                      indeterminate={chosen.length > 0 && !allChosen}
                      onChange={(e) => setSelected(e.currentTarget.checked ? new Set(parties.map((p) => p.party_id)) : new Set())}
                    />
                  </Table.Th>
                )}
                <Table.Th>Party</Table.Th>
                <Table.Th ta="right">Open bills</Table.Th>
                {data.total.buckets.map((b) => (
                  <Table.Th key={b.bucket} ta="right">
                    {b.label} (₹)
                  </Table.Th>
                ))}
                <Table.Th ta="right">Total (₹)</Table.Th>
                <Table.Th ta="right">On account (₹)</Table.Th>
                <Table.Th ta="right">Net (₹)</Table.Th>
              </>
            }
          >
            {parties.map((p) => (
              <Table.Tr key={p.party_id} data-testid="outstanding-row">
                {canRemind && (
                  <Table.Td className="tritiq-no-print">
                    <Checkbox
                      aria-label={`Select ${p.name}`}
                      checked={selected.has(p.party_id)}
                      onChange={(e) => toggle(p.party_id, e.currentTarget.checked)}
                    />
                  </Table.Td>
                )}
                <Table.Td>
                  <Anchor component={Link} href={partyHref(p.party_id)} size="sm">
                    {p.name}
                  </Anchor>
                </Table.Td>
                <FigureCells f={p} />
              </Table.Tr>
            ))}
            <Table.Tr data-testid="outstanding-total">
              {canRemind && <Table.Td className="tritiq-no-print" />}
              <Table.Td fw={700}>Total</Table.Td>
              <FigureCells f={data.total} bold />
            </Table.Tr>
          </ScrollTable>
          {canRemind && (
            <Group className="tritiq-no-print">
              <Text size="xs" c="dimmed">
                A reminder lists the customer’s bills overdue today, whatever the date above, and attaches its statement of account.
              </Text>
            </Group>
          )}
        </Stack>
      )}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </ReportFrame>
  );
}
