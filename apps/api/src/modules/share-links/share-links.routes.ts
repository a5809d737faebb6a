import rateLimit from '@fastify/rate-limit';
import {
  idParamsSchema,
  shareLinkCreatedSchema,
  shareLinkCreateSchema,
  shareLinkListSchema,
  shareLinkParams,
  shareLinkSchema,
  sharedTokenParams,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { AppError } from '../../lib/app-error';
import { defineFileRoute, defineRoute } from '../../lib/route';
import { createShareLink, getShareLinks, openSharedPdf, revokeShareLink, type ShareLinksDeps } from './share-links';

/** Opening shared PDFs: per address, this many a minute (a token cannot be guessed, and a PDF is drawn for each). */
export const SHARED_PDF_RATE = { max: 30, windowSeconds: 60 };

export async function registerShareLinkRoutes(
  api: FastifyInstance,
  deps: AppDeps,
  links: ShareLinksDeps,
  types: readonly VoucherTypeDefinition[],
): Promise<void> {
  for (const def of types) {
    if (!def.document) continue;
    const base = `/vouchers/${def.type}/:id/share-links`;
    const tags = ['vouchers'];
    const label = def.label.toLowerCase();
    defineRoute(api, deps, {
      method: 'POST',
      url: base,
      summary: `Make an expiring public link to the ${label}'s PDF (where the org admin turned share links on)`,
      description:
        'The answer carries the token and its path once; only its SHA-256 is stored. The link serves the PDF until it expires ' +
        '(`expires_in_days`, default 7, at most 90) or is revoked. 403 while share links are off. Audited (`share_link.created`).',
      tags,
      auth: { roles: def.roles.read },
      params: idParamsSchema,
      body: shareLinkCreateSchema,
      response: shareLinkCreatedSchema,
      status: 201,
      handler: ({ principal, meta, params, body }) => createShareLink(links, def, actorOf(principal, meta), params.id, body),
    });
    defineRoute(api, deps, {
      method: 'GET',
      url: base,
      summary: `The ${label}'s share links (newest first; no tokens)`,
      tags,
      auth: { roles: def.roles.read },
      params: idParamsSchema,
      response: shareLinkListSchema,
      handler: ({ principal, meta, params }) => getShareLinks(links, def, actorOf(principal, meta), params.id),
    });
    defineRoute(api, deps, {
      method: 'POST',
      url: `${base}/:link_id/revoke`,
      summary: `Revoke a share link of the ${label}: it answers 410 from now on. Audited (\`share_link.revoked\`)`,
      tags,
      auth: { roles: def.roles.read },
      params: shareLinkParams,
      response: shareLinkSchema,
      handler: ({ principal, meta, params }) => revokeShareLink(links, def, actorOf(principal, meta), params.id, params.linkId),
    });
  }

  // The public side, limited per address.
  await api.register(async (scope) => {
    await scope.register(rateLimit, {
      global: false,
      store: deps.rateLimits.store,
      errorResponseBuilder: (_request, context) =>
        new AppError('RATE_LIMITED', `Too many requests from this address. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`, {
          retryAfter: Math.ceil(context.ttl / 1000),
        }),
    });
    defineFileRoute(scope, deps, {
      method: 'GET',
      url: '/shared/:token',
      summary: 'A shared voucher PDF, for anyone with a valid share link (no sign-in)',
      description:
        'Serves the PDF (original copy) and nothing else. 404 for an unknown token; 410 once the link has expired or was ' +
        `revoked, or the organisation turned share links off. At most ${SHARED_PDF_RATE.max} requests a minute per address (429).`,
      tags: ['vouchers'],
      auth: 'public',
      config: { rateLimit: { max: SHARED_PDF_RATE.max, timeWindow: SHARED_PDF_RATE.windowSeconds * 1000 } },
      params: sharedTokenParams,
      contentType: 'application/pdf',
      disposition: 'inline',
      handler: ({ params }) => openSharedPdf(links, params.token),
    });
  });
}
