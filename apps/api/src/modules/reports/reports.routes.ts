import {
  balanceSheetSchema,
  bankBooksSchema,
  dayBookQuery,
  dayBookSchema,
  ledgerIdParams,
  ledgerStatementQuery,
  ledgerStatementSchema,
  MAX_PAGE_SIZE,
  ORG_ROLES,
  profitAndLossSchema,
  reportAsOfQuery,
  reportRangeQuery,
  trialBalanceSchema,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { allPages } from '../../lib/export';
import { defineRoute } from '../../lib/route';
import { getBalanceSheet } from './balance-sheet';
import { getBankBook, getCashBook, listBankBooks } from './cash-bank-books';
import { getDayBook } from './day-book';
import { getLedgerStatement } from './ledger-statement';
import { getProfitAndLoss } from './profit-and-loss';
import type { ReportsDeps } from './reports.deps';
import {
  balanceSheetTable,
  bankBooksTable,
  dayBookTable,
  EXPORT_ROW_LIMIT,
  ledgerStatementTable,
  profitAndLossTable,
  tooManyRows,
  trialBalanceTable,
} from './reports.export';
import { getTrialBalance } from './trial-balance';

/**
 * The financial statements (issue 15 item 6): every organisation role may read them (item 9).
 * Each also answers `?format=csv` (lib/export.ts): a paged one with every page of the period.
 */
export function registerReportRoutes(api: FastifyInstance, deps: AppDeps, reports: ReportsDeps): void {
  const tags = ['reports'];
  const auth = { roles: ORG_ROLES };
  const everyPage = <T extends { items: unknown[]; nextCursor: string | null }>(page: (cursor: string | undefined) => Promise<T>) =>
    allPages(page, EXPORT_ROW_LIMIT, tooManyRows);
  defineRoute(api, deps, {
    method: 'GET',
    url: '/reports/ledgers/:ledger_id/statement',
    summary: "A ledger's statement for a period: opening balance, entries with the running balance (keyset-paged), closing balance",
    tags,
    auth,
    params: ledgerIdParams,
    query: ledgerStatementQuery,
    response: ledgerStatementSchema,
    handler: ({ principal, meta, params, query }) => getLedgerStatement(reports, actorOf(principal, meta), params.ledgerId, query),
    exportAs: async ({ principal, meta, params, query }) => {
      const all = await everyPage((cursor) =>
        getLedgerStatement(reports, actorOf(principal, meta), params.ledgerId, { ...query, limit: MAX_PAGE_SIZE, cursor }),
      );
      return ledgerStatementTable(all.first, all.items);
    },
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/reports/day-book',
    summary: 'Every voucher dated in a period, in order, with the entries it posted (keyset-paged)',
    tags,
    auth,
    query: dayBookQuery,
    response: dayBookSchema,
    handler: ({ principal, meta, query }) => getDayBook(reports, actorOf(principal, meta), query),
    exportAs: async ({ principal, meta, query }) => {
      const all = await everyPage((cursor) => getDayBook(reports, actorOf(principal, meta), { ...query, limit: MAX_PAGE_SIZE, cursor }));
      return dayBookTable(all.first.period, all.items);
    },
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/reports/cash-book',
    summary: 'The statement of the Cash ledger for a period (keyset-paged)',
    tags,
    auth,
    query: ledgerStatementQuery,
    response: ledgerStatementSchema,
    handler: ({ principal, meta, query }) => getCashBook(reports, actorOf(principal, meta), query),
    exportAs: async ({ principal, meta, query }) => {
      const all = await everyPage((cursor) => getCashBook(reports, actorOf(principal, meta), { ...query, limit: MAX_PAGE_SIZE, cursor }));
      return ledgerStatementTable(all.first, all.items, 'cash-book');
    },
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/reports/bank-book',
    summary: 'Every ledger under Bank Accounts with its opening, debits, credits and closing for a period',
    tags,
    auth,
    query: reportRangeQuery,
    response: bankBooksSchema,
    handler: ({ principal, meta, query }) => listBankBooks(reports, actorOf(principal, meta), query),
    exportAs: async ({ principal, meta, query }) => bankBooksTable(await listBankBooks(reports, actorOf(principal, meta), query)),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/reports/bank-book/:ledger_id',
    summary: 'The statement of one bank ledger for a period (keyset-paged)',
    tags,
    auth,
    params: ledgerIdParams,
    query: ledgerStatementQuery,
    response: ledgerStatementSchema,
    handler: ({ principal, meta, params, query }) => getBankBook(reports, actorOf(principal, meta), params.ledgerId, query),
    exportAs: async ({ principal, meta, params, query }) => {
      const all = await everyPage((cursor) =>
        getBankBook(reports, actorOf(principal, meta), params.ledgerId, { ...query, limit: MAX_PAGE_SIZE, cursor }),
      );
      return ledgerStatementTable(all.first, all.items, 'bank-book');
    },
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/reports/trial-balance',
    summary: "Every ledger's closing as on a date, Dr or Cr, grouped with group totals; total Dr = total Cr",
    tags,
    auth,
    query: reportAsOfQuery,
    response: trialBalanceSchema,
    handler: ({ principal, meta, query }) => getTrialBalance(reports, actorOf(principal, meta), query),
    exportAs: async ({ principal, meta, query }) => trialBalanceTable(await getTrialBalance(reports, actorOf(principal, meta), query)),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/reports/profit-and-loss',
    summary: 'Profit and loss for a period: the trading account (gross profit) and net profit',
    tags,
    auth,
    query: reportRangeQuery,
    response: profitAndLossSchema,
    handler: ({ principal, meta, query }) => getProfitAndLoss(reports, actorOf(principal, meta), query),
    exportAs: async ({ principal, meta, query }) => profitAndLossTable(await getProfitAndLoss(reports, actorOf(principal, meta), query)),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/reports/balance-sheet',
    summary: 'The balance sheet as on a date: liabilities with Profit & Loss A/c against assets with closing stock',
    tags,
    auth,
    query: reportAsOfQuery,
    response: balanceSheetSchema,
    handler: ({ principal, meta, query }) => getBalanceSheet(reports, actorOf(principal, meta), query),
    exportAs: async ({ principal, meta, query }) => balanceSheetTable(await getBalanceSheet(reports, actorOf(principal, meta), query)),
  });
}
