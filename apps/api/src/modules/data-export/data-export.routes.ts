import { ORG_ADMIN_ROLES, tallyExportQuery } from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { defineFileRoute } from '../../lib/route';
import { exportOrganizationData, type DataExportDeps } from './export-organization-data';
import { exportTally } from './export-tally';

export function registerDataExportRoutes(api: FastifyInstance, deps: AppDeps, dataExport: DataExportDeps): void {
  defineFileRoute(api, deps, {
    method: 'GET',
    url: '/organization/data-export',
    summary:
      "The whole organisation's data as a zip of CSV files (every master, voucher, voucher line, ledger entry, bill, allocation, stock row and audit event) with a README of the columns; streamed, audited",
    tags: ['data-export'],
    auth: { roles: ORG_ADMIN_ROLES },
    contentType: 'application/zip',
    disposition: 'attachment',
    handler: ({ principal, meta }) => exportOrganizationData(dataExport, actorOf(principal, meta)),
  });
  defineFileRoute(api, deps, {
    method: 'GET',
    url: '/organization/tally-export',
    summary:
      "Masters (groups, ledgers, units, stock items with HSN/SAC and GST rate) and the period's vouchers as TallyPrime's XML import format; streamed, audited",
    tags: ['data-export'],
    auth: { roles: ORG_ADMIN_ROLES },
    query: tallyExportQuery,
    contentType: 'application/xml',
    disposition: 'attachment',
    handler: ({ principal, meta, query }) => exportTally(dataExport, actorOf(principal, meta), query),
  });
}
