import {
  idParams,
  ORG_ADMIN_ROLES,
  ORG_ROLES,
  partyStatementEmailSchema,
  partyStatementQuery,
  partyStatementSchema,
  paymentRemindersRequestSchema,
  paymentRemindersResultSchema,
  queuedEmailSchema,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { defineJsonOrFileRoute, defineRoute } from '../../lib/route';
import { emailPartyStatement } from './email-statement';
import { getPartyStatement, statementPeriod } from './party-statement';
import type { PartyStatementsDeps } from './party-statements.deps';
import { sendPaymentReminders } from './send-payment-reminders';
import { loadStatementPdf } from './statement-document';

/** Statements of account: every organisation role may read the books (issue 15 item 9), hence a party's statement too. */
export function registerPartyStatementRoutes(api: FastifyInstance, deps: AppDeps, statements: PartyStatementsDeps): void {
  const tags = ['parties'];
  defineJsonOrFileRoute(api, deps, {
    method: 'GET',
    url: '/parties/:id/statement',
    summary:
      "A customer's or vendor's statement of account for a period: opening balance, its entries with the running balance a page at a time, totals and closing balance, open bills with ageing",
    description:
      'JSON by default, its entries keyset-paged (`limit`, `cursor` from `next_cursor`; the opening, totals and closing are those of the whole period on every page); ' +
      'a PDF (the document the party receives, every entry of the period) with `format=pdf` or `Accept: application/pdf`. ' +
      'Entries come from the party’s ledger (every voucher that posts to it); open bills are as they stand today, aged on today.',
    tags,
    auth: { roles: ORG_ROLES },
    params: idParams,
    query: partyStatementQuery,
    response: partyStatementSchema,
    file: {
      contentType: 'application/pdf',
      disposition: 'inline',
      wanted: ({ query, request }) =>
        query.format === 'pdf' || (query.format === undefined && /application\/pdf/i.test(request.headers.accept ?? '')),
      handler: ({ principal, meta, params, query }) => {
        const actor = actorOf(principal, meta);
        return loadStatementPdf(statements, actor.organizationId, params.id, statementPeriod(statements.clock, query), {
          label: 'party.statement_pdf',
        });
      },
    },
    handler: ({ principal, meta, params, query }) => getPartyStatement(statements, actorOf(principal, meta), params.id, query),
  });
  defineRoute(api, deps, {
    method: 'POST',
    url: '/parties/:id/statement/email',
    summary: "Email the party its statement of account for a period (the PDF attached); to another address than the party's: admins only",
    tags,
    auth: { roles: ORG_ROLES },
    params: idParams,
    body: partyStatementEmailSchema,
    response: queuedEmailSchema,
    status: 202,
    handler: ({ principal, meta, params, body }) => emailPartyStatement(statements, actorOf(principal, meta), params.id, body),
  });
  defineRoute(api, deps, {
    method: 'POST',
    url: '/payment-reminders',
    summary: 'Email a payment reminder to each customer named: its overdue bills, with its statement of account attached (admins)',
    description:
      'One message per customer, queued in one transaction; a customer with nothing overdue or no email address is skipped with the reason. ' +
      'Each reminder is audited (payment_reminder.queued) and in the email log (related_type payment_reminder).',
    tags,
    auth: { roles: ORG_ADMIN_ROLES },
    body: paymentRemindersRequestSchema,
    response: paymentRemindersResultSchema,
    status: 202,
    handler: ({ principal, meta, body }) => sendPaymentReminders(statements, actorOf(principal, meta), body.partyIds),
  });
}
