import type { Executor } from '../../db/client';
import type { CheckId, IntegrityProblem } from './integrity.report';

/** What every check gets: the snapshot transaction, the problem cap and organisation names. */
export interface CheckContext {
  tx: Executor;
  /** At most this many problems are listed per check (all are counted). */
  maxProblems: number;
  orgName(id: string | null): string | null;
  totals: { vouchers: number; voucherLines: number; ledgerRows: number; stockBalances: number; counters: number };
}

export interface CheckOutcome {
  problems: IntegrityProblem[];
  problemCount: number;
  rows: number;
  rowsLabel: string;
}

export function voucherSubject(type: string, voucherNumber: string, id: string): string {
  return `${type} voucher ${voucherNumber} (id ${id})`;
}

/** A problem about one voucher. */
export function voucherProblem(
  ctx: CheckContext,
  check: CheckId,
  row: { org: string; id: string; type: string; number: string },
  field: string,
  expected: string,
  found: string,
  subjectSuffix = '',
): IntegrityProblem {
  return {
    check,
    organizationId: row.org,
    organizationName: ctx.orgName(row.org),
    subject: voucherSubject(row.type, row.number, row.id) + subjectSuffix,
    voucherId: row.id,
    voucherNumber: row.number,
    field,
    expected,
    found,
  };
}

/** `count(*) OVER ()` of the first row: how many problems the query found before its LIMIT. */
export function totalOf(rows: readonly { total: number | string }[]): number {
  return rows.length ? Number(rows[0]!.total) : 0;
}
