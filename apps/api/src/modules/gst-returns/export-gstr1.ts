import { gstPeriodRange } from '@tritiq/contracts';
import { streamInTransaction } from '../../db/streaming';
import { tenantTx, type Actor } from '../../lib/actor';
import type { FileAnswer } from '../../lib/route';
import type { GstReturnsDeps } from './gst-returns.deps';
import { findReturnOrganization, tuneForReturns } from './gst-returns.repo';
import { gstr1Reader } from './gstr1.data';
import { writeGstr1Json } from './gstr1-json';
import { findGstr1Problems, requireGstin, returnBlocked } from './gstr1.problems';
import { writeGstr1Workbook } from './gstr1-xlsx-writer';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * GSTR-1 of a month for download: the portal's JSON (default) or the same figures as an Excel
 * workbook, streamed from one snapshot. Refused with 422 before anything is sent when the
 * organisation has no GSTIN or an invoice line has no valid HSN/SAC (each listed).
 */
export async function exportGstr1(
  deps: GstReturnsDeps,
  actor: Actor,
  query: { period: string; format?: 'json' | 'xlsx' },
): Promise<FileAnswer> {
  const month = gstPeriodRange(query.period);
  const format = query.format ?? 'json';
  const body = await streamInTransaction(
    deps.sessions,
    tenantTx(actor, 'gst.gstr1_export', true),
    async (tx) => {
      await tuneForReturns(tx);
      const org = await findReturnOrganization(tx, actor.organizationId);
      const gstin = requireGstin(org);
      const reader = gstr1Reader(tx, actor.organizationId, month);
      const problems = await findGstr1Problems(tx, actor.organizationId, org, month, reader);
      if (problems.length > 0) throw returnBlocked(problems);
      return { gstin, reader };
    },
    async (_tx, { gstin, reader }, write, out) => {
      if (format === 'json') await writeGstr1Json(reader, { gstin, fp: month.fp }, write);
      else await writeGstr1Workbook(reader, { gstin, fp: month.fp }, out);
    },
  );
  const name = `GSTR1_${month.fp}`;
  return format === 'json'
    ? { body, filename: `${name}.json`, contentType: 'application/json' }
    : { body, filename: `${name}.xlsx`, contentType: XLSX_TYPE };
}
