import {
  dec,
  ZERO,
  type Camelized,
  type BalanceSheet,
  type LedgerStatement,
  type ProfitAndLoss,
  type TrialBalance,
} from '@tritiq/contracts';
import type { z } from 'zod';
import type { bankBooksSchema, dayBookSchema, outstandingSchema, stockSummarySchema } from '@tritiq/contracts';
import { validationError } from '../../lib/app-error';
import { asOnText, periodText, type ExportColumn, type ExportTable } from '../../lib/export';
import { money } from './reports.period';

/**
 * Each statement as a table for download (CSV and Excel, lib/export.ts): the
 * same figures as its JSON, laid out as an accountant reads them. Balances are split into an
 * amount and its side (Dr/Cr) as in the books.
 */

/** An export of a paged statement reads every page; past this it asks for a shorter period. */
export const EXPORT_ROW_LIMIT = 100_000;

export const tooManyRows = () =>
  validationError(
    'query.to',
    `the period has more than ${EXPORT_ROW_LIMIT.toLocaleString('en-IN')} entries to export: choose a shorter one`,
  );

const col = (header: string, kind: ExportColumn['kind'] = 'text'): ExportColumn => ({ header, kind });
const indent = (name: string, depth: number) => `${'  '.repeat(Math.max(0, depth))}${name}`;
/** A signed balance (Dr +) as its amount and side. */
const balance = (signed: string): [string, string] => {
  const d = dec(signed);
  return [money(d.abs()), d.lt(ZERO) ? 'Cr' : 'Dr'];
};

export function trialBalanceTable(tb: Camelized<TrialBalance>): ExportTable {
  return {
    filename: `trial-balance-${tb.asOf}`,
    title: 'Trial balance',
    period: asOnText(tb.asOf),
    columns: [col('Particulars'), col('Kind'), col('Debit', 'money'), col('Credit', 'money')],
    rows: [...tb.rows.map((r) => [indent(r.name, r.depth), r.kind, r.debit, r.credit]), ['Total', null, tb.totalDebit, tb.totalCredit]],
  };
}

export function profitAndLossTable(pl: Camelized<ProfitAndLoss>): ExportTable {
  const rows: (string | null)[][] = [];
  const section = (name: string, s: { total: string; ledgers: { name: string; groupName: string; amount: string }[] }) => {
    rows.push([name, null, null, s.total]);
    for (const l of s.ledgers) rows.push([indent(l.name, 1), l.groupName, l.amount, null]);
  };
  const t = pl.trading;
  rows.push(['Opening Stock', null, null, t.openingStock]);
  section('Purchase Accounts', t.purchaseAccounts);
  section('Direct Expenses', t.directExpenses);
  section('Sales Accounts', t.salesAccounts);
  section('Direct Incomes', t.directIncomes);
  rows.push(['Closing Stock', null, null, t.closingStock]);
  rows.push([dec(t.grossProfit).lt(ZERO) ? 'Gross Loss' : 'Gross Profit', null, null, t.grossProfit]);
  section('Indirect Incomes', pl.indirectIncomes);
  section('Indirect Expenses', pl.indirectExpenses);
  rows.push([dec(pl.netProfit).lt(ZERO) ? 'Net Loss' : 'Net Profit', null, null, pl.netProfit]);
  return {
    filename: `profit-and-loss-${pl.period.from}-to-${pl.period.to}`,
    title: 'Profit and loss',
    period: periodText(pl.period),
    columns: [col('Particulars'), col('Group'), col('Ledger amount', 'money'), col('Total', 'money')],
    rows,
  };
}

export function balanceSheetTable(bs: Camelized<BalanceSheet>): ExportTable {
  const side = (name: string, rows: BalanceSheet['liabilities']) => rows.map((r) => [name, indent(r.name, r.depth), r.kind, r.amount]);
  return {
    filename: `balance-sheet-${bs.asOf}`,
    title: 'Balance sheet',
    period: asOnText(bs.asOf),
    columns: [col('Side'), col('Particulars'), col('Kind'), col('Amount', 'money')],
    rows: [
      ...side('Liabilities', bs.liabilities),
      ['Liabilities', 'Total', null, bs.totalLiabilities],
      ...side('Assets', bs.assets),
      ['Assets', 'Total', null, bs.totalAssets],
    ],
  };
}

type Statement = Camelized<LedgerStatement>;
const STATEMENT_TITLES: Record<string, string> = { 'cash-book': 'Cash book', 'bank-book': 'Bank book' };

export function ledgerStatementTable(s: Statement, items: Statement['items'], name = 'ledger-statement'): ExportTable {
  const [openAmount, openSide] = balance(s.openingBalance);
  const [closeAmount, closeSide] = balance(s.closingBalance);
  return {
    filename: `${name}-${s.ledger.name.toLowerCase()}-${s.period.from}-to-${s.period.to}`,
    title: `${STATEMENT_TITLES[name] ?? 'Ledger statement'}: ${s.ledger.name}`,
    period: periodText(s.period),
    columns: [
      col('Date', 'date'),
      col('Voucher type'),
      col('Voucher number'),
      col('Particulars'),
      col('Debit', 'money'),
      col('Credit', 'money'),
      col('Balance', 'money'),
      col('Dr/Cr'),
    ],
    rows: [
      [s.period.from, null, null, 'Opening balance', null, null, openAmount, openSide],
      ...items.map((e) => [
        e.date,
        e.voucherType,
        e.voucherNumber,
        `${e.isCancellation ? 'Cancelled: ' : ''}${e.otherLedgers.map((l) => l.name).join('; ')}`,
        e.debit,
        e.credit,
        ...balance(e.balance),
      ]),
      [s.period.to, null, null, 'Closing balance', s.totalDebit, s.totalCredit, closeAmount, closeSide],
    ],
  };
}

type DayBook = Camelized<z.output<typeof dayBookSchema>>;

export function dayBookTable(period: DayBook['period'], items: DayBook['items']): ExportTable {
  return {
    filename: `day-book-${period.from}-to-${period.to}`,
    title: 'Day book',
    period: periodText(period),
    columns: [
      col('Date', 'date'),
      col('Voucher type'),
      col('Voucher number'),
      col('Party'),
      col('Status'),
      col('Ledger'),
      col('Debit', 'money'),
      col('Credit', 'money'),
    ],
    rows: items.flatMap((v) =>
      v.entries.map((e) => [v.date, v.voucherType, v.voucherNumber, v.partyName, v.status, e.ledgerName, e.debit, e.credit]),
    ),
  };
}

export function bankBooksTable(b: Camelized<z.output<typeof bankBooksSchema>>): ExportTable {
  return {
    filename: `bank-books-${b.period.from}-to-${b.period.to}`,
    title: 'Bank books',
    period: periodText(b.period),
    columns: [col('Bank ledger'), col('Opening', 'money'), col('Debit', 'money'), col('Credit', 'money'), col('Closing', 'money')],
    rows: b.items.map((i) => [i.name, i.openingBalance, i.totalDebit, i.totalCredit, i.closingBalance]),
  };
}

type Outstanding = Camelized<z.output<typeof outstandingSchema>>;

export function outstandingTable(o: Outstanding): ExportTable {
  const figures = (f: Outstanding['total']) => [String(f.bills), ...f.buckets.map((b) => b.amount), f.total, f.onAccount, f.net];
  return {
    filename: `outstanding-${o.side}-${o.asOf}`,
    title: o.side === 'receivable' ? 'Outstanding receivables' : 'Outstanding payables',
    period: asOnText(o.asOf),
    columns: [
      col('Party'),
      col('Open bills', 'number'),
      ...o.total.buckets.map((b) => col(b.label, 'money')),
      col('Total outstanding', 'money'),
      col('On account', 'money'),
      col('Net', 'money'),
    ],
    rows: [...o.parties.map((p) => [p.name, ...figures(p)]), ['Total', ...figures(o.total)]],
  };
}

type StockSummary = Camelized<z.output<typeof stockSummarySchema>>;

export function stockSummaryTable(s: StockSummary): ExportTable {
  return {
    filename: `stock-summary-${s.asOf}`,
    title: 'Stock summary',
    period: asOnText(s.asOf),
    columns: [
      col('Product'),
      col('Part number'),
      col('Unit'),
      col('Quantity', 'number'),
      col('Average cost', 'number'),
      col('Value', 'money'),
    ],
    rows: [
      ...s.items.map((i) => [i.name, i.partNumber, i.unit, i.quantity, i.averageCost, i.value]),
      ['Total', null, null, null, null, s.totalValue],
    ],
  };
}
