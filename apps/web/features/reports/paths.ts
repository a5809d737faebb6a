import { withQuery } from './report-frame';

/** The statements' addresses; a drill-down carries the period it was opened from. */
export const reportPaths = {
  trialBalance: '/reports/trial-balance',
  profitAndLoss: '/reports/profit-and-loss',
  balanceSheet: '/reports/balance-sheet',
  dayBook: '/reports/day-book',
  cashBook: '/reports/cash-book',
  bankBooks: '/reports/bank-book',
  bankBook: (ledgerId: string, period?: { from?: string; to?: string }) => withQuery(`/reports/bank-book/${ledgerId}`, period ?? {}),
  stockSummary: (asOf?: string) => withQuery('/reports/stock-summary', { as_of: asOf }),
  ledger: (ledgerId: string, period?: { from?: string; to?: string }) => withQuery(`/reports/ledgers/${ledgerId}`, period ?? {}),
};
