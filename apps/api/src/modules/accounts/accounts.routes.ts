import {
  accountGroupCreateSchema,
  accountGroupListSchema,
  accountGroupSchema,
  accountGroupUpdateSchema,
  chartTreeQuery,
  chartTreeSchema,
  deletedSchema,
  idParams,
  ledgerCreateSchema,
  ledgerListQuery,
  ledgerPageSchema,
  ledgerSchema,
  ledgerUpdateSchema,
  ORG_ADMIN_ROLES,
  ORG_ROLES,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { defineRoute } from '../../lib/route';
import type { AccountsDeps } from './accounts.deps';
import { createGroup } from './create-group';
import { createLedger } from './create-ledger';
import { deleteGroup } from './delete-group';
import { deleteLedger } from './delete-ledger';
import { getChartTree, getGroup, getLedger, listGroups, listLedgers } from './read-chart';
import { updateGroup } from './update-group';
import { updateLedger } from './update-ledger';

/**
 * The chart of accounts (issue 15 items 1 and 9): every organisation role reads it (receipts and
 * payments pick their cash or bank ledger from it); only admins and org admins change it.
 */
export function registerChartRoutes(api: FastifyInstance, deps: AppDeps, accounts: AccountsDeps): void {
  const tags = ['accounts'];
  const read = { roles: ORG_ROLES };
  const write = { roles: ORG_ADMIN_ROLES };
  defineRoute(api, deps, {
    method: 'GET',
    url: '/accounts',
    summary: 'The chart of accounts as a tree: primary groups, their sub-groups and ledgers',
    tags,
    auth: read,
    query: chartTreeQuery,
    response: chartTreeSchema,
    handler: ({ principal, meta, query }) => getChartTree(accounts, actorOf(principal, meta), query),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/accounts/groups',
    summary: 'Every account group, flat, in the order of the statements',
    tags,
    auth: read,
    response: accountGroupListSchema,
    handler: ({ principal, meta }) => listGroups(accounts, actorOf(principal, meta)),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/accounts/groups/:id',
    summary: 'Read an account group',
    tags,
    auth: read,
    params: idParams,
    response: accountGroupSchema,
    handler: ({ principal, meta, params }) => getGroup(accounts, actorOf(principal, meta), params.id),
  });
  defineRoute(api, deps, {
    method: 'POST',
    url: '/accounts/groups',
    summary: 'Create a group under another (it takes its nature); not under Sundry Debtors/Creditors, Stock-in-Hand or Profit & Loss A/c',
    tags,
    auth: write,
    body: accountGroupCreateSchema,
    response: accountGroupSchema,
    status: 201,
    handler: ({ principal, meta, body }) => createGroup(accounts, actorOf(principal, meta), body),
  });
  defineRoute(api, deps, {
    method: 'PATCH',
    url: '/accounts/groups/:id',
    summary: 'Rename or move a group of your own (a default group cannot be changed; a move keeps the nature)',
    tags,
    auth: write,
    params: idParams,
    body: accountGroupUpdateSchema,
    response: accountGroupSchema,
    handler: ({ principal, meta, params, body }) => updateGroup(accounts, actorOf(principal, meta), params.id, body),
  });
  defineRoute(api, deps, {
    method: 'DELETE',
    url: '/accounts/groups/:id',
    summary: 'Delete an empty group of your own (409 for a default group or one with sub-groups or ledgers)',
    tags,
    auth: write,
    params: idParams,
    response: deletedSchema,
    handler: ({ principal, meta, params }) => deleteGroup(accounts, actorOf(principal, meta), params.id),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/accounts/ledgers',
    summary: 'Ledgers, flat (search, group, kind, keyset pagination by name), each with its balance',
    tags,
    auth: read,
    query: ledgerListQuery,
    response: ledgerPageSchema,
    handler: ({ principal, meta, query }) => listLedgers(accounts, actorOf(principal, meta), query),
  });
  defineRoute(api, deps, {
    method: 'GET',
    url: '/accounts/ledgers/:id',
    summary: 'Read a ledger',
    tags,
    auth: read,
    params: idParams,
    response: ledgerSchema,
    handler: ({ principal, meta, params }) => getLedger(accounts, actorOf(principal, meta), params.id),
  });
  defineRoute(api, deps, {
    method: 'POST',
    url: '/accounts/ledgers',
    summary: 'Create a ledger (bank account, expense, loan, capital…) with an optional opening balance',
    tags,
    auth: write,
    body: ledgerCreateSchema,
    response: ledgerSchema,
    status: 201,
    handler: ({ principal, meta, body }) => createLedger(accounts, actorOf(principal, meta), body),
  });
  defineRoute(api, deps, {
    method: 'PATCH',
    url: '/accounts/ledgers/:id',
    summary: "Rename, move, deactivate or reactivate a ledger (a party's ledger follows its party)",
    tags,
    auth: write,
    params: idParams,
    body: ledgerUpdateSchema,
    response: ledgerSchema,
    handler: ({ principal, meta, params, body }) => updateLedger(accounts, actorOf(principal, meta), params.id, body),
  });
  defineRoute(api, deps, {
    method: 'DELETE',
    url: '/accounts/ledgers/:id',
    summary: 'Delete a ledger of your own with no entries and no opening balance (409 otherwise: deactivate it)',
    tags,
    auth: write,
    params: idParams,
    response: deletedSchema,
    handler: ({ principal, meta, params }) => deleteLedger(accounts, actorOf(principal, meta), params.id),
  });
}
