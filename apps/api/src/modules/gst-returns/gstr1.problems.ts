import type { Camelized, GstReturnProblem } from '@tritiq/contracts';
import { AppError } from '../../lib/app-error';
import type { Executor } from '../../db/client';
import { findHsnProblems, validHsnPattern, type Month, type ReturnOrganization } from './gst-returns.repo';
import type { Gstr1Reader } from './gstr1.data';

export type Problem = Camelized<GstReturnProblem>;

/** BOOKS.md: an HSN/SAC of at least 4 digits, 6 when the aggregate turnover is above ₹5 crore. */
export function hsnMinDigits(org: ReturnOrganization): 4 | 6 {
  return org.turnoverAboveFiveCrore ? 6 : 4;
}

/**
 * Every line of the month's invoices and credit notes that GSTR-1 cannot report, with what is
 * wrong with it. The month's HSN summary (Table 12, which the return reads anyway) names every code
 * used: only when one of them is invalid are the lines looked up one by one.
 */
export async function findGstr1Problems(
  db: Executor,
  organizationId: string,
  org: ReturnOrganization,
  m: Month,
  reader: Gstr1Reader,
): Promise<Problem[]> {
  const digits = hsnMinDigits(org);
  const valid = new RegExp(validHsnPattern(digits));
  if ((await reader.hsnCodes()).every((code) => valid.test(code))) return [];
  const rows = await findHsnProblems(db, organizationId, m, digits);
  return rows.map((r) => ({
    voucherId: r.voucher_id,
    voucherType: r.voucher_type,
    voucherNumber: r.voucher_number,
    voucherDate: r.voucher_date,
    lineNo: r.line_no,
    productName: r.product_name,
    hsnCode: r.hsn_code,
    message:
      r.hsn_code === null
        ? `has no HSN/SAC code (set one on the product "${r.product_name}")`
        : `HSN/SAC "${r.hsn_code}" must be ${digits === 6 ? '6 or 8' : '4, 6 or 8'} digits${digits === 6 ? ' (aggregate turnover above ₹5 crore)' : ''}`,
  }));
}

/** 422 listing each voucher and line that keeps the return from being exported. */
export function returnBlocked(p: readonly Problem[]): AppError {
  return new AppError(
    'GST_RETURN_BLOCKED',
    `GSTR-1 cannot be exported: ${p.length} invoice line(s) without a valid HSN/SAC. Correct the products and issue the vouchers again: ${p
      .slice(0, 5)
      .map((x) => `${x.voucherNumber} line ${x.lineNo}`)
      .join(', ')}${p.length > 5 ? ', …' : ''}`,
    { errors: p.map((x) => ({ field: `${x.voucherNumber}.items[${x.lineNo}].hsn_code`, message: x.message })) },
  );
}

export function requireGstin(org: ReturnOrganization): string {
  if (!org.gstin)
    throw new AppError(
      'COMPANY_PROFILE_INCOMPLETE',
      "gstin: set the organisation's GSTIN in the company profile to prepare its GST returns",
      { errors: [{ field: 'gstin', message: 'is required for GST returns' }] },
    );
  return org.gstin;
}
