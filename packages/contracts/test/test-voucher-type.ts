import { ORG_ADMIN_ROLES, ORG_ROLES } from '../src/roles';
import type { VoucherTypeDefinition } from '../src/vouchers/definition';

/**
 * A voucher type that exists only in tests: a sales order (no stock moves, no posting), to prove
 * that a definition alone gives a type its routes, numbering, settings, dashboard line and web
 * pages. The API's database tests register it in-process; the browser tests start the API with
 * `apps/web/e2e/support/register-test-voucher-type.ts` as an `--import`.
 */
export const TEST_SALES_ORDER: VoucherTypeDefinition = {
  type: 'sales-order',
  label: 'Sales order',
  pluralLabel: 'Sales orders',
  navLabel: 'Sales orders',
  defaultPrefix: 'SO',
  party: { kind: 'customer', required: true },
  stockDirection: 'none',
  supplyRule: 'organization_supplies',
  headerFields: [
    { name: 'due_date', label: 'Deliver by', kind: 'date' },
    { name: 'reference', label: "Customer's PO no.", kind: 'text', maxLength: 40 },
  ],
  lines: 'items',
  defaultPrice: 'sale',
  against: null,
  posting: null,
  roles: { read: ORG_ROLES, create: ORG_ROLES, cancel: ORG_ADMIN_ROLES },
};
