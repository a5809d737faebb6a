import {
  IMPORT_MAX_BYTES,
  importKindParamsSchema,
  importReportSchema,
  importRequestSchema,
  importTemplateQuery,
  ORG_ADMIN_ROLES,
} from '@tritiq/contracts';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../deps';
import { actorOf } from '../../lib/actor';
import { defineFileRoute, defineRoute } from '../../lib/route';
import { CSV_TYPE, importTemplate, XLSX_TYPE } from './import-template';
import { importFile } from './import-file';
import type { ImportDeps } from './run-import';

export function registerImportRoutes(api: FastifyInstance, deps: AppDeps, imports: ImportDeps): void {
  defineRoute(api, deps, {
    method: 'POST',
    url: '/imports/:kind',
    summary:
      'Import customers, vendors, products, opening stock, ledger opening balances or party opening bills from a CSV or .xlsx file: a dry run (default) reports every problem; otherwise all rows or none',
    tags: ['imports'],
    auth: { roles: ORG_ADMIN_ROLES },
    params: importKindParamsSchema,
    body: importRequestSchema,
    response: importReportSchema,
    // The file travels in base64 inside the JSON: a third larger than the file, plus the rest.
    bodyLimit: Math.ceil(IMPORT_MAX_BYTES / 3) * 4 + 64 * 1024,
    handler: ({ principal, meta, params, body }) => importFile(imports, actorOf(principal, meta), params.kind, body),
  });
  defineFileRoute(api, deps, {
    method: 'GET',
    url: '/imports/:kind/template',
    summary: 'A template to fill in for an import: the columns, an example row and (Excel) a note on each column',
    tags: ['imports'],
    auth: { roles: ORG_ADMIN_ROLES },
    params: importKindParamsSchema,
    query: importTemplateQuery,
    contentType: [XLSX_TYPE, CSV_TYPE],
    disposition: 'attachment',
    handler: ({ params, query }) => importTemplate(params.kind, query.format),
  });
}
