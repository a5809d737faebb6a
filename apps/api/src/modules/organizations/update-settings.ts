import { findVoucherType, indianDate, voucherTypes } from '@tritiq/contracts';
import { validationError } from '../../lib/app-error';
import type { RequestMeta } from '../../lib/route';
import type { TenantPrincipal } from '../../lib/principal';
import { currentPrefixes, setPrefix } from '../numbering';
import type { OrganizationsDeps } from './organizations.deps';
import { findFirstRecordedDate, findOpeningsAtStart, updateOrganization, type OrganizationRow } from './organizations.repo';
import { auditActor, auditMeta, diff, lockOrThrow } from './organizations.rules';
import { toSettingsView } from './organizations.view';

export interface SettingsInput {
  allowNegativeStock?: boolean;
  voucherPrefixes?: Record<string, string>;
  /** Deprecated aliases of `voucherPrefixes.sales` and `.purchase`, kept for clients written before it. */
  salesPrefix?: string;
  purchasePrefix?: string;
  dateFormat?: string;
  booksStartDate?: string;
  maxDaysAhead?: number;
  /** null unlocks. */
  booksLockedUntil?: string | null;
  turnoverAboveFiveCrore?: boolean;
  paymentRemindersEnabled?: boolean;
  paymentReminderAfterDays?: number;
  paymentReminderEveryDays?: number;
  shareLinksEnabled?: boolean;
}

const ALIASES = [
  ['salesPrefix', 'sales_prefix', 'sales'],
  ['purchasePrefix', 'purchase_prefix', 'purchase'],
] as const;

/** The prefixes asked for, per registered type; 422 naming the field for an unknown type or a clash with an alias. */
function requestedPrefixes(input: SettingsInput): Record<string, string> {
  const prefixes: Record<string, string> = { ...input.voucherPrefixes };
  for (const type of Object.keys(prefixes)) {
    if (!findVoucherType(type)) throw validationError(`voucher_prefixes.${type}`, 'is not a voucher type (see GET /api/v1/voucher-types)');
  }
  for (const [key, field, type] of ALIASES) {
    const value = input[key];
    if (value === undefined) continue;
    if (prefixes[type] !== undefined && prefixes[type] !== value)
      throw validationError(field, `differs from voucher_prefixes.${type}; send one of them`);
    prefixes[type] = value;
  }
  return prefixes;
}

/**
 * The org admin's settings: stock policy, date format, the dating window, the books lock date, and the prefix of each
 * voucher type's series (from this financial year on). The books may not start after a voucher or
 * stock movement already recorded. One audit event names every change; none when nothing changes.
 */
export async function updateSettings(
  deps: Pick<OrganizationsDeps, 'sessions' | 'audit' | 'clock'>,
  principal: TenantPrincipal,
  input: SettingsInput,
  m: RequestMeta,
) {
  const now = deps.clock.now();
  const today = indianDate(now);
  const prefixes = requestedPrefixes(input);
  const patch: Partial<OrganizationRow> = {
    allowNegativeStock: input.allowNegativeStock,
    dateFormat: input.dateFormat,
    booksStartDate: input.booksStartDate,
    maxDaysAhead: input.maxDaysAhead,
    booksLockedUntil: input.booksLockedUntil,
    turnoverAboveFiveCrore: input.turnoverAboveFiveCrore,
    paymentRemindersEnabled: input.paymentRemindersEnabled,
    paymentReminderAfterDays: input.paymentReminderAfterDays,
    paymentReminderEveryDays: input.paymentReminderEveryDays,
    shareLinksEnabled: input.shareLinksEnabled,
  };
  return deps.sessions.transaction(
    async (tx) => {
      const org = await lockOrThrow(tx, principal.organizationId);
      if (input.booksStartDate !== undefined && input.booksStartDate !== org.booksStartDate) {
        const first = await findFirstRecordedDate(tx, org.id);
        if (first && first < input.booksStartDate) {
          throw validationError(
            'books_start_date',
            `must be on or before ${first}, the date of the first voucher or stock movement recorded`,
          );
        }
        const openings = await findOpeningsAtStart(tx, org.id);
        if (openings.openingStock) {
          throw validationError(
            'books_start_date',
            'cannot change while products have opening stock (it is dated the day before the books start): set it to 0 in the opening balances first',
          );
        }
        if (openings.latestOpeningBill && openings.latestOpeningBill > input.booksStartDate) {
          throw validationError(
            'books_start_date',
            `must be on or after ${openings.latestOpeningBill}, the date of the latest opening bill`,
          );
        }
      }
      const changes: Record<string, unknown> = diff(org, patch);
      const before = await currentPrefixes(tx, org.id, voucherTypes(), today);
      const prefixChanges: Record<string, { from: string | undefined; to: string }> = {};
      for (const [type, prefix] of Object.entries(prefixes)) {
        if (before[type] === prefix) continue;
        prefixChanges[type] = { from: before[type], to: prefix };
        await setPrefix(tx, org.id, type, prefix, today);
      }
      if (Object.keys(prefixChanges).length > 0) changes.voucherPrefixes = prefixChanges;
      if (Object.keys(changes).length === 0) return toSettingsView(org, before);
      const row = Object.keys(diff(org, patch)).length > 0 ? await updateOrganization(tx, org.id, { ...patch, updatedAt: now }) : org;
      await deps.audit.record(tx, {
        organizationId: org.id,
        actor: auditActor(principal),
        action: 'organization.settings_updated',
        targetType: 'organization',
        targetId: org.id,
        details: { changes },
        meta: auditMeta(m),
      });
      const after = { ...before, ...Object.fromEntries(Object.entries(prefixChanges).map(([t, c]) => [t, c.to])) };
      return toSettingsView(row, after);
    },
    { organizationId: principal.organizationId, label: 'organization.settings_updated' },
  );
}
