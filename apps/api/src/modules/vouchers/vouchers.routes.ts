import {
  idParams,
  isEmailedType,
  lastRatesQuery,
  MAX_PAGE_SIZE,
  lastRatesSchema,
  nextNumberQuery,
  nextNumberSchema,
  upiPaymentSchema,
  voucherAllocateSchema,
  voucherCancelSchema,
  voucherCreateQuery,
  voucherCreateSchema,
  voucherEmailResultSchema,
  voucherEmailSchema,
  voucherListQuery,
  voucherPdfQuery,
  voucherPageSchema,
  voucherSchema,
  voucherTypeListSchema,
  type Camelized,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { validationError } from '../../lib/app-error';
import { pagesOf } from '../../lib/export';
import { defineFileRoute, defineRoute } from '../../lib/route';
import { allocateVoucher } from './allocate-voucher';
import { cancelVoucher } from './cancel-voucher';
import { createVoucher } from './create-voucher';
import { emailVoucher } from './email-voucher';
import { getUpiPayment } from './get-upi-payment';
import { getVoucher } from './get-voucher';
import { getVoucherPdf } from './get-voucher-pdf';
import { listLastRates } from './list-last-rates';
import { listVouchers } from './list-vouchers';
import { previewNextNumber } from './preview-next-number';
import { settledSide } from './voucher-types';
import type { VoucherDeps } from './vouchers.deps';
import { voucherRow, vouchersTable } from './vouchers.export';

const IDEMPOTENCY_KEY_RE = /^[\x21-\x7e]{1,200}$/;

function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || !IDEMPOTENCY_KEY_RE.test(key)) {
    throw validationError('header.idempotency-key', 'must be 1 to 200 visible ASCII characters (a UUID is a good choice)');
  }
  return key;
}

/**
 * One set of routes per voucher type, all served by the one engine and made from the type's
 * definition: `/vouchers/sales`, `/vouchers/purchase`, … (the seed's GET/POST aliases are these
 * very routes). Who may call each follows the definition's roles.
 */
export function registerVoucherRoutes(
  api: FastifyInstance,
  deps: AppDeps,
  vouchers: VoucherDeps,
  types: readonly VoucherTypeDefinition[],
): void {
  defineRoute(api, deps, {
    method: 'GET',
    url: '/voucher-types',
    summary: 'The voucher types this installation serves, as definitions (the web app builds its navigation and pages from them)',
    tags: ['vouchers'],
    auth: { roles: 'any' },
    response: voucherTypeListSchema,
    // Definitions are frozen (readonly) data; the answer is the same data.
    handler: async () => ({ items: types as unknown as Camelized<z.output<typeof voucherTypeListSchema>>['items'] }),
  });
  for (const def of types) {
    const base = `/vouchers/${def.type}`;
    const tags = ['vouchers'];
    const label = def.label.toLowerCase();
    const party = def.party?.kind ?? 'party';
    defineRoute(api, deps, {
      method: 'GET',
      url: base,
      summary: `List ${label}s, newest first (date range, party, status, number or party-name search; keyset pagination); \`format=csv|xlsx\` downloads every page`,
      tags,
      auth: { roles: def.roles.read },
      query: voucherListQuery,
      response: voucherPageSchema,
      handler: ({ principal, meta, query }) => listVouchers(vouchers, def, actorOf(principal, meta), query),
      exportAs: async ({ principal, meta, query }) =>
        vouchersTable(
          def,
          query,
          pagesOf(
            (cursor) => listVouchers(vouchers, def, actorOf(principal, meta), { ...query, limit: MAX_PAGE_SIZE, cursor }),
            voucherRow,
          ),
        ),
    });
    defineRoute(api, deps, {
      method: 'POST',
      url: base,
      summary: `Create a ${label}: amounts, tax and number computed by the server, stock moved, optionally emailed; dated within the books window`,
      description:
        `Send an \`Idempotency-Key\` header to make retries safe: the same key with the same body returns the same voucher ` +
        `(header \`Idempotent-Replayed: true\`); with a different body, 422. \`voucher_date\` is accepted for \`date\`.`,
      tags,
      auth: { roles: def.roles.create, sessionCheck: 'in-transaction' },
      body: voucherCreateSchema(def),
      query: voucherCreateQuery,
      response: voucherSchema,
      status: 201,
      handler: async ({ principal, meta, body, query, request, reply }) => {
        const input = { ...body, sendEmail: body.sendEmail || query.sendEmail === true };
        const { voucher, replayed } = await createVoucher(vouchers, def, actorOf(principal, meta), input, {
          idempotencyKey: idempotencyKeyOf(request),
        });
        if (replayed) reply.header('idempotent-replayed', 'true');
        return voucher;
      },
    });
    defineRoute(api, deps, {
      method: 'GET',
      url: `${base}/next-number`,
      summary: `Preview the number the next ${label} dated \`date\` would get`,
      tags,
      auth: { roles: def.roles.create },
      query: nextNumberQuery,
      response: nextNumberSchema,
      handler: ({ principal, meta, query }) => previewNextNumber(vouchers, def, actorOf(principal, meta), query.date),
    });
    if (def.lines === 'items' && def.party) {
      defineRoute(api, deps, {
        method: 'GET',
        url: `${base}/last-rates`,
        summary: `The rate each product was last billed at to this ${party} on a ${label} (active vouchers only)`,
        tags,
        auth: { roles: def.roles.create },
        query: lastRatesQuery,
        response: lastRatesSchema,
        handler: ({ principal, meta, query }) => listLastRates(vouchers, def, actorOf(principal, meta), query),
      });
    }
    defineRoute(api, deps, {
      method: 'GET',
      url: `${base}/:id`,
      summary: `Read a ${label} with its lines`,
      tags,
      auth: { roles: def.roles.read },
      params: idParams,
      response: voucherSchema,
      handler: ({ principal, meta, params }) => getVoucher(vouchers, def, actorOf(principal, meta), params.id),
    });
    const document = def.document;
    if (document) {
      const printable = { ...def, document };
      defineFileRoute(api, deps, {
        method: 'GET',
        url: `${base}/:id/pdf`,
        summary: `The ${label} as a PDF ${document.title.toLowerCase()} (${document.layout} layout), in the copies asked for`,
        description:
          'Drawn by the API (PDFKit) from the same data as the web view, with embedded Noto Sans (Latin, Devanagari, ₹). ' +
          'A cancelled voucher is marked CANCELLED on every page.' +
          (document.upiQr ? ' With a UPI ID in the organisation profile and an amount due, it carries a UPI QR.' : ''),
        tags,
        auth: { roles: def.roles.read },
        params: idParams,
        query: voucherPdfQuery,
        contentType: 'application/pdf',
        disposition: 'inline',
        handler: ({ principal, meta, params, query }) =>
          getVoucherPdf(vouchers, printable, actorOf(principal, meta), params.id, query.copies),
      });
      if (document.upiQr) {
        defineRoute(api, deps, {
          method: 'GET',
          url: `${base}/:id/upi-payment`,
          summary: `The UPI payment link the ${label}'s PDF prints as a QR (the web page shows the same QR)`,
          tags,
          auth: { roles: def.roles.read },
          params: idParams,
          response: upiPaymentSchema,
          handler: ({ principal, meta, params }) => getUpiPayment(vouchers, printable, actorOf(principal, meta), params.id),
        });
      }
    }
    defineRoute(api, deps, {
      method: 'POST',
      url: `${base}/:id/cancel`,
      summary: `Cancel a ${label}: stock reversed, number kept, audited; a second cancel is 409`,
      tags,
      auth: { roles: def.roles.cancel, sessionCheck: 'in-transaction' },
      params: idParams,
      body: voucherCancelSchema,
      response: voucherSchema,
      handler: ({ principal, meta, params, body }) => cancelVoucher(vouchers, def, actorOf(principal, meta), params.id, body.reason),
    });
    if (settledSide(def)) {
      defineRoute(api, deps, {
        method: 'POST',
        url: `${base}/:id/allocations`,
        summary: `Allocate what a ${label} holds on account (an advance) to open bills of its ${party}; the rest stays on account`,
        description:
          "Each allocation within the bill's outstanding (422 naming `allocations.N.amount` otherwise), together within what is " +
          'on account; concurrent allocations and receipts against one bill never over-allocate it. Audited (`voucher.allocated`).',
        tags,
        auth: { roles: def.roles.create, sessionCheck: 'in-transaction' },
        params: idParams,
        body: voucherAllocateSchema,
        response: voucherSchema,
        handler: ({ principal, meta, params, body }) =>
          allocateVoucher(vouchers, def, actorOf(principal, meta), params.id, body.allocations),
      });
    }
    // Invoices and notes (item lines and their tax) and receipts (a printed payment receipt) are emailed.
    if (!isEmailedType(def)) continue;
    defineRoute(api, deps, {
      method: 'POST',
      url: `${base}/:id/email`,
      summary: `Email a ${label} to its ${party} (or to \`to\`: admins only); email_status then follows delivery`,
      tags,
      auth: { roles: def.roles.read },
      params: idParams,
      body: voucherEmailSchema,
      response: voucherEmailResultSchema,
      status: 202,
      handler: ({ principal, meta, params, body }) => emailVoucher(vouchers, def, actorOf(principal, meta), params.id, body.to ?? null),
    });
  }
}
