'use client';

import { Anchor } from '@mantine/core';
import { ledgerStatementSchema, type LedgerStatement } from '@tritiq/contracts';
import Link from 'next/link';
import { api } from '@/lib/api-client';
import { useOrganization } from '@/lib/organization';
import { useKeysetList } from '@/lib/use-keyset-list';
import { useVoucherTypes } from '@/lib/voucher-types';
import { reportPaths } from './paths';
import { DateRangeFields, periodText, queryOf, ReportFrame, useReportQuery } from './report-frame';
import { StatementTable } from './statement-table';

type Entry = LedgerStatement['items'][number];

/**
 * A ledger's statement for a period (also the cash book and a bank book): the opening balance,
 * its entries with the other side's ledgers and the running balance (a page at a time), the
 * totals and the closing balance. A voucher number opens the voucher.
 */
function StatementPage({
  path,
  title,
  back,
  name,
}: {
  path: string;
  title: (s: LedgerStatement | null) => string;
  back?: { href: string; label: string };
  name: string;
}) {
  const org = useOrganization();
  const types = useVoucherTypes();
  const { values, set } = useReportQuery(['from', 'to'] as const);
  const query = queryOf(values);
  const list = useKeysetList<LedgerStatement, Entry>(`${path}|${values.from}|${values.to}`, (cursor) =>
    api.get(path, ledgerStatementSchema, { ...query, limit: 100, cursor }),
  );
  const s = list.first;
  const typeLabel = (type: string) => types.find((d) => d.type === type)?.label ?? type;
  return (
    <ReportFrame
      title={title(s)}
      subtitle={s ? `${s.ledger.group_name} · ${periodText(s.period, org.dateFormat)}` : ''}
      back={back}
      filters={
        <DateRangeFields
          from={values.from || s?.period.from || ''}
          to={values.to || s?.period.to || ''}
          format={org.dateFormat}
          onChange={(patch) => set(patch)}
        />
      }
      csv={s ? { path, query, name: `${name}-${s.period.from}-to-${s.period.to}` } : null}
      testId="ledger-statement"
    >
      <StatementTable
        list={list}
        figures={s}
        label={title(s)}
        voucherLabel={(e) => typeLabel(e.voucher_type)}
        particulars={(e) =>
          e.other_ledgers.map((l, i) => (
            <span key={l.id}>
              {i > 0 && ', '}
              <Anchor component={Link} href={reportPaths.ledger(l.id, s?.period)} size="sm">
                {l.name}
              </Anchor>
            </span>
          ))
        }
      />
    </ReportFrame>
  );
}

export function LedgerStatementPage({ ledgerId }: { ledgerId: string }) {
  return (
    <StatementPage
      path={`/reports/ledgers/${ledgerId}/statement`}
      title={(s) => (s ? `Ledger: ${s.ledger.name}` : 'Ledger statement')}
      back={{ href: reportPaths.trialBalance, label: 'Trial balance' }}
      name="ledger-statement"
    />
  );
}

export function CashBookPage() {
  return <StatementPage path="/reports/cash-book" title={() => 'Cash book'} name="cash-book" />;
}

export function BankBookPage({ ledgerId }: { ledgerId: string }) {
  return (
    <StatementPage
      path={`/reports/bank-book/${ledgerId}`}
      title={(s) => (s ? `Bank book: ${s.ledger.name}` : 'Bank book')}
      back={{ href: reportPaths.bankBooks, label: 'Bank books' }}
      name="bank-book"
    />
  );
}
