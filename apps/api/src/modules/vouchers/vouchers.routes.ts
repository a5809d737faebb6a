import {
  idParams,
  nextNumberQuery,
  nextNumberSchema,
  ORG_ADMIN_ROLES,
  ORG_ROLES,
  VOUCHER_TYPE_DEFINITIONS,
  voucherCancelSchema,
  voucherCreateQuery,
  voucherCreateSchema,
  voucherEmailResultSchema,
  voucherEmailSchema,
  voucherListQuery,
  voucherPageSchema,
  voucherSchema,
} from '@tritiq/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { validationError } from '../../lib/app-error';
import { defineRoute } from '../../lib/route';
import type { VoucherService } from './vouchers.service';

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
 * One set of routes per voucher type, all served by the one engine: `/vouchers/sales` and
 * `/vouchers/purchase` (the seed's GET/POST aliases are these very routes).
 */
export function registerVoucherRoutes(api: FastifyInstance, deps: AppDeps, service: VoucherService): void {
  for (const def of Object.values(VOUCHER_TYPE_DEFINITIONS)) {
    const base = `/vouchers/${def.type}`;
    const tags = ['vouchers'];
    const label = def.label.toLowerCase();
    defineRoute(api, deps, {
      method: 'GET',
      url: base,
      summary: `List ${label}s, newest first (date range, party, status, number or party-name search; keyset pagination)`,
      tags,
      auth: { roles: ORG_ROLES },
      query: voucherListQuery,
      response: voucherPageSchema,
      handler: ({ principal, meta, query }) => service.listVouchers(def, actorOf(principal, meta), query),
    });
    defineRoute(api, deps, {
      method: 'POST',
      url: base,
      summary: `Create a ${label}: amounts, tax and number computed by the server, stock moved, optionally emailed`,
      description:
        `Send an \`Idempotency-Key\` header to make retries safe: the same key with the same body returns the same voucher ` +
        `(header \`Idempotent-Replayed: true\`); with a different body, 422. \`voucher_date\` is accepted for \`date\`.`,
      tags,
      auth: { roles: ORG_ROLES },
      body: voucherCreateSchema(def),
      query: voucherCreateQuery,
      response: voucherSchema,
      status: 201,
      handler: async ({ principal, meta, body, query, request, reply }) => {
        const input = { ...body, sendEmail: body.sendEmail || query.sendEmail === true };
        const { voucher, replayed } = await service.createVoucher(def, actorOf(principal, meta), input, {
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
      auth: { roles: ORG_ROLES },
      query: nextNumberQuery,
      response: nextNumberSchema,
      handler: ({ principal, meta, query }) => service.previewNextNumber(def, actorOf(principal, meta), query.date),
    });
    defineRoute(api, deps, {
      method: 'GET',
      url: `${base}/:id`,
      summary: `Read a ${label} with its lines`,
      tags,
      auth: { roles: ORG_ROLES },
      params: idParams,
      response: voucherSchema,
      handler: ({ principal, meta, params }) => service.getVoucher(def, actorOf(principal, meta), params.id),
    });
    defineRoute(api, deps, {
      method: 'POST',
      url: `${base}/:id/cancel`,
      summary: `Cancel a ${label} (admins): stock reversed, number kept, audited; a second cancel is 409`,
      tags,
      auth: { roles: ORG_ADMIN_ROLES },
      params: idParams,
      body: voucherCancelSchema,
      response: voucherSchema,
      handler: ({ principal, meta, params, body }) => service.cancelVoucher(def, actorOf(principal, meta), params.id, body.reason),
    });
    defineRoute(api, deps, {
      method: 'POST',
      url: `${base}/:id/email`,
      summary: `Email a ${label} to its ${def.partyKind} (or to \`to\`); email_status then follows delivery`,
      tags,
      auth: { roles: ORG_ROLES },
      params: idParams,
      body: voucherEmailSchema,
      response: voucherEmailResultSchema,
      status: 202,
      handler: ({ principal, meta, params, body }) => service.emailVoucher(def, actorOf(principal, meta), params.id, body.to ?? null),
    });
  }
}
