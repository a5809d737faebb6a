'use client';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { DateField } from '@/features/common/date-field';
import { apiDownload, errorMessage } from '@/lib/api-client';
import { useDateFormat } from '@/lib/format';
import { notify } from '@/lib/notify';
import { useCurrentUser } from '@/lib/session';

/** The financial year (1 April to 31 March) today falls in: the Tally export's default period. */
function currentFinancialYear(): { from: string; to: string } {
  const today = new Date();
  const start = today.getMonth() >= 3 ? today.getFullYear() : today.getFullYear() - 1;
  return { from: `${start}-04-01`, to: `${start + 1}-03-31` };
}

/**
 * Data out (README "Your data" and "Tally export"): the whole organisation's data as a zip of CSV
 * files, and the masters and a period's vouchers as TallyPrime XML.
 */
export function DataExportPage() {
  const me = useCurrentUser();
  const dateFormat = useDateFormat(me.organization_id);
  const [range, setRange] = useState(currentFinancialYear);
  const [busy, setBusy] = useState<'zip' | 'tally' | null>(null);

  const download = async (which: 'zip' | 'tally') => {
    setBusy(which);
    try {
      const name =
        which === 'zip'
          ? await apiDownload('/organization/data-export', {}, 'data.zip')
          : await apiDownload('/organization/tally-export', { from: range.from, to: range.to }, 'tally.xml');
      notify({ color: 'green', title: 'Downloaded', message: name });
    } catch (err) {
      notify({ color: 'red', title: 'Could not download', message: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="lg" maw={720}>
      <Card withBorder>
        <Stack gap="xs">
          <Title order={3}>All your data</Title>
          <Text size="sm">
            Every master, voucher, voucher line, ledger entry, bill, allocation, stock movement and audit event of the organisation, as a
            zip of CSV files (one per table) with a README describing every column. The download is recorded in the audit events.
          </Text>
          <Group>
            <Button onClick={() => void download('zip')} loading={busy === 'zip'} disabled={busy !== null}>
              Download all data (.zip)
            </Button>
          </Group>
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="xs">
          <Title order={3}>Tally export</Title>
          <Text size="sm">
            Groups, ledgers with their opening balances, stock items with unit, HSN/SAC and GST rate, and the vouchers of the period (sales,
            purchase, receipts, payments, contra, journals, credit and debit notes) as a TallyPrime XML file to import in Tally.
          </Text>
          <Group align="end">
            <DateField
              label="From"
              required
              format={dateFormat}
              value={range.from}
              onChange={(from) => setRange((r) => ({ ...r, from }))}
            />
            <DateField label="To" required format={dateFormat} value={range.to} onChange={(to) => setRange((r) => ({ ...r, to }))} />
            <Button onClick={() => void download('tally')} loading={busy === 'tally'} disabled={busy !== null || !range.from || !range.to}>
              Download Tally XML
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
