/** What the integrity checker found, and how it is printed for an operator. */

export const CHECKS = {
  voucher_totals: 'Voucher headers equal the sums of their lines',
  line_gst: 'Voucher lines follow the GST arithmetic',
  stock_balances: 'Stock on hand equals the sum of its ledger',
  stock_ledger: 'Each ledger row carries the running balance',
  numbering: 'Voucher numbers unique and gapless, series in step',
  voucher_stock: 'Posted vouchers have their ledger rows, cancelled ones their reversal',
  stock_value: 'Stock value is quantity x average cost and the sum of its movements',
  ledger_entries: 'Vouchers post balanced entries by their rule, cancelled ones the reverse',
  ledger_day_totals: 'Ledger day totals equal the sums of their entries',
  month_totals: 'Ledger and stock value month totals equal their entries and stock movements',
  trial_balance: 'The trial balance balances on every day',
  bills: 'Each invoice has its bill; outstanding = amount less allocations, >= 0',
  gst_returns_books: "Filed months' GSTR-1 and GSTR-3B equal the tax, sales and purchase ledgers",
  gst_filed_untouched: 'Nothing dated in a filed month was posted or cancelled after it was filed',
  audit_chain: 'The audit trail hash chains verify',
} as const;

export type CheckId = keyof typeof CHECKS;

export interface IntegrityProblem {
  check: CheckId;
  organizationId: string | null;
  organizationName: string | null;
  /** What the problem is about, e.g. `sales voucher SV/2526/00001 (id …)`. */
  subject: string;
  voucherId?: string;
  voucherNumber?: string;
  productId?: string;
  /** The column or rule that is off. */
  field: string;
  expected: string;
  found: string;
}

export interface CheckResult {
  id: CheckId;
  title: string;
  /** Rows the check read (vouchers, lines, ledger rows, events...), for the summary and the benchmark. */
  rows: number;
  rowsLabel: string;
  /** Vouchers, lines, products, series or chain rows found wrong (each may have several problems listed). */
  problemCount: number;
  /** More were found than `maxProblems`: only the first ones are listed. */
  truncated: boolean;
  seconds: number;
}

export interface IntegrityReport {
  ok: boolean;
  database: string;
  checks: CheckResult[];
  problems: IntegrityProblem[];
  totals: { organizations: number; vouchers: number; voucherLines: number; ledgerRows: number; auditEvents: number };
  seconds: number;
}

const count = (n: number) => n.toLocaleString('en-IN');

function describeProblem(p: IntegrityProblem): string {
  const org = p.organizationId ? `organisation "${p.organizationName ?? '?'}" (${p.organizationId})` : 'platform';
  return `${org}: ${p.subject}: ${p.field}: expected ${p.expected}, found ${p.found}`;
}

/** A short summary when all is well; otherwise every problem, grouped by check. */
export function formatReport(report: IntegrityReport): string {
  const t = report.totals;
  const lines: string[] = [];
  const head = `${count(t.organizations)} organisations, ${count(t.vouchers)} vouchers, ${count(t.voucherLines)} lines, ${count(t.ledgerRows)} stock ledger rows, ${count(t.auditEvents)} audit events`;
  const failed = report.checks.filter((c) => c.problemCount > 0);
  const total = report.checks.reduce((n, c) => n + c.problemCount, 0);
  lines.push(
    report.ok
      ? `Integrity check passed (${report.database}): ${head}; ${report.checks.length} checks in ${report.seconds.toFixed(1)} s.`
      : `Integrity check FAILED (${report.database}): ${count(total)} thing(s) wrong in ${failed.length} of ${report.checks.length} checks (${head}; ${report.seconds.toFixed(1)} s).`,
  );
  for (const c of report.checks) {
    const status = c.problemCount === 0 ? 'ok' : `${count(c.problemCount)} found wrong`;
    lines.push(
      `  ${c.problemCount === 0 ? 'ok  ' : 'FAIL'} ${c.title.padEnd(72)} ${count(c.rows).padStart(12)} ${c.rowsLabel.padEnd(12)} ${c.seconds.toFixed(2).padStart(7)} s  ${status}`,
    );
  }
  for (const c of failed) {
    const shown = report.problems.filter((p) => p.check === c.id);
    lines.push('', `${c.title} (${c.id}): ${count(c.problemCount)} found wrong`);
    for (const p of shown) lines.push(`  - ${describeProblem(p)}`);
    if (c.truncated) lines.push(`  … only the first ones are listed (raise --max-problems to see more)`);
  }
  return lines.join('\n');
}
