import { gstPeriodQuery, gstr1Query, gstr1SummarySchema, gstr3bSchema, ORG_ROLES } from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { defineFileRoute, defineRoute } from '../../lib/route';
import { exportGstr1, XLSX_TYPE } from './export-gstr1';
import type { GstReturnsDeps } from './gst-returns.deps';
import { getGstr1Summary } from './get-gstr1-summary';
import { getGstr3b } from './get-gstr3b';

/**
 * The GST returns (issue 16 items 3 and 4). Every organisation role may read them, as it may the
 * financial statements (issue 15 item 9): they are figures of vouchers every role already reads,
 * and preparing a return changes nothing. Marking a month filed is an org admin's act (filed periods).
 */
export function registerGstReturnRoutes(api: FastifyInstance, deps: AppDeps, gst: GstReturnsDeps): void {
  const tags = ['gst'];
  const auth = { roles: ORG_ROLES };
  defineFileRoute(api, deps, {
    method: 'GET',
    url: '/gst/gstr-1',
    summary: "GSTR-1 of a month: the GST portal's upload JSON (default) or, with format=xlsx, the same figures as a workbook",
    description:
      "Streamed. 422 GST_RETURN_BLOCKED lists every invoice line without a valid HSN/SAC (4 digits, 6 above ₹5 crore turnover); 422 COMPANY_PROFILE_INCOMPLETE without the organisation's GSTIN.",
    tags,
    auth,
    query: gstr1Query,
    contentType: ['application/json', XLSX_TYPE],
    disposition: 'attachment',
    handler: ({ principal, meta, query }) => exportGstr1(gst, actorOf(principal, meta), query),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/gst/gstr-1/summary',
    summary: "GSTR-1 of a month on screen: each section's count and totals, and the problems that block filing",
    tags,
    auth,
    query: gstPeriodQuery,
    response: gstr1SummarySchema,
    handler: ({ principal, meta, query }) => getGstr1Summary(gst, actorOf(principal, meta), query),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/gst/gstr-3b',
    summary: 'GSTR-3B of a month: 3.1(a), 3.1(c), 3.2, 4(A)(5), 5, and per tax head output tax, credit and difference',
    tags,
    auth,
    query: gstPeriodQuery,
    response: gstr3bSchema,
    handler: ({ principal, meta, query }) => getGstr3b(gst, actorOf(principal, meta), query),
  });
}
