import {
  deletedSchema,
  idParams,
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
import { defineRoute } from '../../lib/route';
import { createPartyService } from './parties.service';

const RESOURCES: { kind: PartyKind; path: string; label: string }[] = [
  { kind: 'vendor', path: '/vendors', label: 'vendor' },
  { kind: 'customer', path: '/customers', label: 'customer' },
];

/** Vendors and customers: the same routes over one service, parameterised by kind. */
export function registerPartyRoutes(api: FastifyInstance, deps: AppDeps): void {
  const service = createPartyService(deps);
  for (const { kind, path, label } of RESOURCES) {
    const tags = [`${label}s`];
    defineRoute(api, deps, {
      method: 'GET',
      url: path,
      summary: `List ${label}s (search, active filter, keyset pagination by name)`,
      tags,
      auth: { roles: ORG_ROLES },
      query: partyListQuery,
      response: partyPageSchema,
      handler: ({ principal, meta, query }) => service.listParties(actorOf(principal, meta), kind, query),
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
      handler: ({ principal, meta, body }) => service.createParty(actorOf(principal, meta), kind, body),
    });
    defineRoute(api, deps, {
      method: 'GET',
      url: `${path}/:id`,
      summary: `Read a ${label}`,
      tags,
      auth: { roles: ORG_ROLES },
      params: idParams,
      response: partySchema,
      handler: ({ principal, meta, params }) => service.getParty(actorOf(principal, meta), kind, params.id),
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
      handler: ({ principal, meta, params, body }) => service.updateParty(actorOf(principal, meta), kind, params.id, body),
    });
    defineRoute(api, deps, {
      method: 'DELETE',
      url: `${path}/:id`,
      summary: `Delete a ${label} no voucher uses (admins; 409 when used: deactivate it instead)`,
      tags,
      auth: { roles: ORG_ADMIN_ROLES },
      params: idParams,
      response: deletedSchema,
      handler: ({ principal, meta, params }) => service.deleteParty(actorOf(principal, meta), kind, params.id),
    });
  }
}
