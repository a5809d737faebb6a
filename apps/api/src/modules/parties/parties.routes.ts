import {
  deletedSchema,
  idParams,
  MAX_PAGE_SIZE,
  ORG_ADMIN_ROLES,
  ORG_ROLES,
  partyCreateSchema,
  partyListQuery,
  partyPageSchema,
  partySchema,
  partyUpdateSchema,
  type PartyKind,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { pagesOf } from '../../lib/export';
import { defineRoute } from '../../lib/route';
import { createParty } from './create-party';
import { deleteParty } from './delete-party';
import { getParty } from './get-party';
import { listParties } from './list-parties';
import type { PartyDeps } from './parties.deps';
import { partiesTable, partyRow } from './parties.export';
import { updateParty } from './update-party';

const RESOURCES: { kind: PartyKind; path: string; label: string }[] = [
  { kind: 'vendor', path: '/vendors', label: 'vendor' },
  { kind: 'customer', path: '/customers', label: 'customer' },
];

/** Vendors and customers: the same routes over the same use cases, parameterised by kind. */
export function registerPartyRoutes(api: FastifyInstance, deps: AppDeps, parties: PartyDeps): void {
  for (const { kind, path, label } of RESOURCES) {
    const tags = [`${label}s`];
    defineRoute(api, deps, {
      method: 'GET',
      url: path,
      summary: `List ${label}s (search, active filter, keyset pagination by name); \`format=csv|xlsx\` downloads every page`,
      tags,
      auth: { roles: ORG_ROLES },
      query: partyListQuery,
      response: partyPageSchema,
      handler: ({ principal, meta, query }) => listParties(parties, actorOf(principal, meta), kind, query),
      exportAs: async ({ principal, meta, query }) =>
        partiesTable(
          kind,
          pagesOf((cursor) => listParties(parties, actorOf(principal, meta), kind, { ...query, limit: MAX_PAGE_SIZE, cursor }), partyRow),
        ),
    });
    defineRoute(api, deps, {
      method: 'POST',
      url: path,
      summary: `Create a ${label}`,
      tags,
      auth: { roles: ORG_ROLES },
      body: partyCreateSchema,
      response: partySchema,
      status: 201,
      handler: ({ principal, meta, body }) => createParty(parties, actorOf(principal, meta), kind, body),
    });
    defineRoute(api, deps, {
      method: 'GET',
      url: `${path}/:id`,
      summary: `Read a ${label}`,
      tags,
      auth: { roles: ORG_ROLES },
      params: idParams,
      response: partySchema,
      handler: ({ principal, meta, params }) => getParty(parties, actorOf(principal, meta), kind, params.id),
    });
    defineRoute(api, deps, {
      method: 'PUT',
      url: `${path}/:id`,
      summary: `Update a ${label} (is_active: admins only)`,
      tags,
      auth: { roles: ORG_ROLES },
      params: idParams,
      body: partyUpdateSchema,
      response: partySchema,
      handler: ({ principal, meta, params, body }) => updateParty(parties, actorOf(principal, meta), kind, params.id, body),
    });
    defineRoute(api, deps, {
      method: 'DELETE',
      url: `${path}/:id`,
      summary: `Delete a ${label} no voucher uses (admins; 409 when used: deactivate it instead)`,
      tags,
      auth: { roles: ORG_ADMIN_ROLES },
      params: idParams,
      response: deletedSchema,
      handler: ({ principal, meta, params }) => deleteParty(parties, actorOf(principal, meta), kind, params.id),
    });
  }
}
