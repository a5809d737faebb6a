import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { registerPartyRoutes } from './parties.routes';

/** Vendors and customers. The voucher engine reads a voucher's party through `findParty`. */
export function registerPartiesModule(api: FastifyInstance, deps: AppDeps): void {
  registerPartyRoutes(api, deps, { sessions: deps.sessions, audit: deps.audit, clock: deps.clock });
}

export { findPartiesById, findParty, findPartyById, type PartyRow } from './parties.repo';
export { partyNameKeys, writeImportedParties } from './import-parties';
export type { PartyCreate } from './parties.rules';
