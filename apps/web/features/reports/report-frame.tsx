'use client';

import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { dec, ZERO } from '@tritiq/contracts';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { DateField } from '@/features/common/date-field';
import { PrintArea, PrintStyle } from '@/features/common/print-area';
import { apiDownload, errorMessage, type Query } from '@/lib/api-client';
import { formatDate, type DateFormat } from '@/lib/dates';
import { amount } from '@/lib/format';
import { notify } from '@/lib/notify';
import { useOrganization } from '@/lib/organization';

/**
 * The frame every statement shares: its title, the dates it is for (kept in the address, so a
 * drill-down, a reload or a shared link shows the same figures), Print (only the statement) and
 * Download CSV or Excel (the API's `?format=csv` or `?format=xlsx` of the same query).
 */

/** The report's dates as the address gives them; `set` replaces them (an empty value drops it). */
export function useReportQuery<K extends string>(
  keys: readonly K[],
): { values: Record<K, string>; set: (patch: Partial<Record<K, string>>) => void } {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const set = (patch: Partial<Record<K, string>>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(patch) as [K, string | undefined][]) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    const qs = next.toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  };
  return { values, set };
}

/** A query of the non-empty values only (the API applies its defaults to the rest). */
export function queryOf(values: Record<string, string>): Query {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}

/** A link's address with the dates it carries to the next statement. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A signed balance (Dr +, Cr −) as the books write it: "1,250.00 Dr". */
export function drCr(signed: string): string {
  const d = dec(signed);
  if (d.eq(ZERO)) return amount('0.00');
  return `${amount(d.abs().toFixed(2))} ${d.lt(ZERO) ? 'Cr' : 'Dr'}`;
}

/** An amount column's cell: blank for zero, so the eye finds the figures. */
export function nonZero(value: string): string {
  return dec(value).eq(ZERO) ? '' : amount(value);
}

export function DateRangeFields({
  from,
  to,
  format,
  onChange,
}: {
  from: string;
  to: string;
  format: DateFormat;
  onChange: (patch: { from?: string; to?: string }) => void;
}) {
  return (
    <>
      <DateField label="From" value={from} format={format} w={150} onChange={(v) => onChange({ from: v })} />
      <DateField label="To" value={to} format={format} w={150} onChange={(v) => onChange({ to: v })} />
    </>
  );
}

export function periodText(period: { from: string; to: string } | undefined, format: DateFormat): string {
  return period ? `${formatDate(period.from, format)} to ${formatDate(period.to, format)}` : '';
}

export function ReportFrame({
  title,
  subtitle,
  back,
  filters,
  csv,
  testId,
  children,
}: {
  title: string;
  /** The period or date the figures are for (printed under the title). */
  subtitle: string;
  back?: { href: string; label: string };
  filters: ReactNode;
  /** The API path and query of the CSV; null while there is nothing to download. */
  csv: { path: string; query: Query; name: string } | null;
  testId: string;
  children: ReactNode;
}) {
  const [downloading, setDownloading] = useState<'csv' | 'xlsx' | null>(null);
  const download = async (format: 'csv' | 'xlsx') => {
    if (!csv) return;
    setDownloading(format);
    try {
      await apiDownload(csv.path, { ...csv.query, format }, `${csv.name}.${format}`);
    } catch (err) {
      notify({ color: 'red', title: 'Could not download', message: errorMessage(err) });
    } finally {
      setDownloading(null);
    }
  };
  return (
    <Stack gap="md">
      <PrintStyle />
      <PrintArea testId={testId}>
        <Stack gap="md">
          <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
            <Stack gap={2}>
              {back && (
                <Anchor component={Link} href={back.href} size="sm" className="tritiq-no-print">
                  ← {back.label}
                </Anchor>
              )}
              <Title order={2}>{title}</Title>
              <Text c="dimmed" size="sm" data-testid="report-period">
                {subtitle}
              </Text>
            </Stack>
            <Group gap="xs" className="tritiq-no-print">
              <Button variant="default" onClick={() => window.print()}>
                Print
              </Button>
              <Button variant="light" onClick={() => void download('csv')} loading={downloading === 'csv'} disabled={!csv}>
                Download CSV
              </Button>
              <Button variant="light" onClick={() => void download('xlsx')} loading={downloading === 'xlsx'} disabled={!csv}>
                Download Excel
              </Button>
            </Group>
          </Group>
          <Group gap="sm" align="flex-end" className="tritiq-no-print" role="group" aria-label="Report dates">
            {filters}
          </Group>
          {children}
        </Stack>
      </PrintArea>
    </Stack>
  );
}

/**
 * The frame of a statement as on one date (trial balance, balance sheet, stock summary, outstanding):
 * "As on" under the title, the date picker (with the report's other filters around it), and the
 * downloads named `<report>-<date>`.
 */
export function AsOnReportFrame({
  title,
  report,
  asOf,
  value,
  onChange,
  query,
  detail,
  fileName,
  before,
  after,
  children,
}: {
  title: string;
  /** The report's path under `/reports` of the API, its files' names and the page's test id: `trial-balance`. */
  report: string;
  /** The date the figures are for, once they are in. */
  asOf: string | null;
  /** The date the address asks for ('' for the API's default, today). */
  value: string;
  onChange: (asOf: string) => void;
  query: Query;
  /** Said after the date under the title. */
  detail?: string;
  /** The downloads' name before the date, when it is not `report`. */
  fileName?: string;
  /** Filters before and after the date picker. */
  before?: ReactNode;
  after?: ReactNode;
  children: ReactNode;
}) {
  const org = useOrganization();
  return (
    <ReportFrame
      title={title}
      subtitle={asOf ? `As on ${formatDate(asOf, org.dateFormat)}${detail ? `: ${detail}` : ''}` : ''}
      filters={
        <>
          {before}
          <DateField label="As on" value={value || asOf || ''} format={org.dateFormat} w={150} onChange={onChange} />
          {after}
        </>
      }
      csv={asOf ? { path: `/reports/${report}`, query, name: `${fileName ?? report}-${asOf}` } : null}
      testId={report}
    >
      {children}
    </ReportFrame>
  );
}
