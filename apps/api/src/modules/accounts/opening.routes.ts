import {
  billIdParam,
  billSchema,
  deletedSchema,
  ledgerIdParam,
  ledgerOpeningSchema,
  openingBalanceInput,
  openingBalancesSchema,
  openingBillInput,
  openingBillListSchema,
  openingBillUpdateSchema,
  openingStockInput,
  openingStockListSchema,
  openingStockSchema,
  ORG_ADMIN_ROLES,
  partyIdParam,
  productIdParam,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { defineRoute } from '../../lib/route';
import type { AccountsDeps } from './accounts.deps';
import { setLedgerOpening } from './ledger-opening';
import { createOpeningBill, deleteOpeningBill, listOpeningBills, updateOpeningBill } from './opening-bills';
import { listOpeningStock, setOpeningStock } from './opening-stock';
import { getOpeningBalances } from './read-openings';

/**
 * The opening balances (issue 15 items 1 and 9): per ledger, bill by bill for parties, and opening
 * stock per product. Only admins and org admins read or change them; every change is refused
 * once the books lock covers the openings (409 BOOKS_LOCKED).
 */
export function registerOpeningRoutes(api: FastifyInstance, deps: AppDeps, accounts: AccountsDeps): void {
  const tags = ['opening-balances'];
  const auth = { roles: ORG_ADMIN_ROLES };
  defineRoute(api, deps, {
    method: 'GET',
    url: '/opening-balances',
    summary: 'Every opening balance (ledgers, opening stock) with total debits, credits and the difference in opening balances',
    tags,
    auth,
    response: openingBalancesSchema,
    handler: ({ principal, meta }) => getOpeningBalances(accounts, actorOf(principal, meta)),
  });
  defineRoute(api, deps, {
    method: 'PUT',
    url: '/opening-balances/ledgers/:ledger_id',
    summary: "Set a ledger's opening balance as on the books start (Dr or Cr; 0 removes it); not a party's (give its bills)",
    tags,
    auth,
    params: ledgerIdParam,
    body: openingBalanceInput,
    response: ledgerOpeningSchema,
    handler: ({ principal, meta, params, body }) => setLedgerOpening(accounts, actorOf(principal, meta), params.ledgerId, body),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/opening-balances/parties/:party_id/bills',
    summary: "A customer's or vendor's opening bills; their sum is its ledger's opening balance",
    tags,
    auth,
    params: partyIdParam,
    response: openingBillListSchema,
    handler: ({ principal, meta, params }) => listOpeningBills(accounts, actorOf(principal, meta), params.partyId),
  });
  defineRoute(api, deps, {
    method: 'POST',
    url: '/opening-balances/parties/:party_id/bills',
    summary: "Add an opening bill (reference, date on or before the books start, amount, due date) to a party's opening balance",
    tags,
    auth,
    params: partyIdParam,
    body: openingBillInput,
    response: billSchema,
    status: 201,
    handler: ({ principal, meta, params, body }) => createOpeningBill(accounts, actorOf(principal, meta), params.partyId, body),
  });
  defineRoute(api, deps, {
    method: 'PATCH',
    url: '/opening-balances/bills/:bill_id',
    summary: 'Change an opening bill (its amount not below what is allocated to it)',
    tags,
    auth,
    params: billIdParam,
    body: openingBillUpdateSchema,
    response: billSchema,
    handler: ({ principal, meta, params, body }) => updateOpeningBill(accounts, actorOf(principal, meta), params.billId, body),
  });
  defineRoute(api, deps, {
    method: 'DELETE',
    url: '/opening-balances/bills/:bill_id',
    summary: 'Delete an opening bill nothing is allocated to (409 otherwise)',
    tags,
    auth,
    params: billIdParam,
    response: deletedSchema,
    handler: ({ principal, meta, params }) => deleteOpeningBill(accounts, actorOf(principal, meta), params.billId),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/opening-balances/stock',
    summary: 'Opening stock per product (quantity, rate, value), dated the day before the books start',
    tags,
    auth,
    response: openingStockListSchema,
    handler: ({ principal, meta }) => listOpeningStock(accounts, actorOf(principal, meta)),
  });
  defineRoute(api, deps, {
    method: 'PUT',
    url: '/opening-balances/stock/:product_id',
    summary: "Set a product's opening stock (quantity and rate; quantity 0 removes it): it enters the stock ledger and stock value",
    tags,
    auth,
    params: productIdParam,
    body: openingStockInput,
    response: openingStockSchema,
    handler: ({ principal, meta, params, body }) => setOpeningStock(accounts, actorOf(principal, meta), params.productId, body),
  });
}
