import { z } from 'zod';
import { isoDateTimeSchema } from './common';
import { ORGANIZATION_STATUSES } from './organizations';
import { userSchema } from './users';
import { voucherTypeSchema } from './vouchers';

const moneyString = z.string().describe('Rupees, two decimals');
const dateString = z.string().describe('YYYY-MM-DD (India time)');

const openBills = z.object({
  total: moneyString.describe('Σ outstanding of the open bills'),
  overdue: moneyString.describe('Σ outstanding of those past their due date'),
  bills: z.number().int(),
  overdue_bills: z.number().int(),
});

/** An organisation's home page: this month's trade, its masters, what needs attention. */
export const orgDashboardSchema = z
  .object({
    month: z.object({ from: dateString, to: dateString }),
    sales: z.object({ total: moneyString, count: z.number().int() }).describe('Active sales vouchers dated this month'),
    purchases: z.object({ total: moneyString, count: z.number().int() }).describe('Active purchase vouchers dated this month'),
    by_type: z
      .array(z.object({ voucher_type: voucherTypeSchema, label: z.string(), total: moneyString, count: z.number().int() }))
      .describe('Active vouchers dated this month, per voucher type (every registered type, in navigation order)'),
    daily: z
      .array(
        z.object({
          date: dateString,
          sales: moneyString,
          purchases: moneyString,
          by_type: z.record(z.string(), moneyString).describe('Total per voucher type that has vouchers that day'),
        }),
      )
      .describe('One entry per day of the month so far'),
    counts: z.object({ customers: z.number().int(), vendors: z.number().int(), products: z.number().int() }).describe('Active masters'),
    low_stock: z.object({
      count: z.number().int(),
      items: z.array(
        z.object({ product_id: z.uuid(), product_name: z.string(), unit: z.string(), quantity: z.string(), reorder_level: z.string() }),
      ),
    }),
    latest_vouchers: z.array(
      z.object({
        id: z.uuid(),
        voucher_type: voucherTypeSchema,
        voucher_number: z.string(),
        voucher_date: dateString,
        party_name: z.string().nullable().meta({ description: 'None for a journal or contra' }),
        grand_total: moneyString,
        status: z.enum(['active', 'cancelled']),
      }),
    ),
    books: z
      .object({
        receivables: openBills.describe("Customers' open bills: what is owed to the organisation"),
        payables: openBills.describe("Vendors' open bills: what the organisation owes"),
        cash_bank: z
          .array(
            z.object({
              ledger_id: z.uuid(),
              name: z.string(),
              kind: z.enum(['cash', 'bank']),
              balance: moneyString.describe('Signed (Dr +, Cr − for an overdraft), as on today'),
            }),
          )
          .describe('Every active ledger under Cash-in-Hand and Bank Accounts'),
        cash_bank_total: moneyString,
      })
      .describe('From the books, as on today'),
  })
  .meta({ id: 'OrgDashboard' });

/** The platform console's home page. */
export const adminDashboardSchema = z
  .object({
    organizations: z.object({
      total: z.number().int(),
      by_status: z.record(z.enum(ORGANIZATION_STATUSES), z.number().int()),
    }),
    active_users: z.number().int().describe('Active accounts on the platform, the super admin included'),
    failed_logins_last_day: z.number().int().describe('auth.login_failed events in the last 24 hours'),
    email: z.object({
      configured: z.boolean(),
      problems: z.array(z.string()),
      outbox_depth: z.number().int(),
      sent_last_day: z.number().int(),
      failed_last_day: z.number().int(),
    }),
    generated_at: isoDateTimeSchema,
  })
  .meta({ id: 'AdminDashboard' });

/** A user anywhere on the platform, with the organisation it belongs to (super admin's list). */
export const platformUserSchema = userSchema.extend({ organization_name: z.string().nullable() }).meta({ id: 'PlatformUser' });

export const listPlatformUsersQuerySchema = z.object({
  search: z.string().trim().max(100).optional().describe('Matches name or email'),
  organization_id: z.uuid({ error: 'must be a UUID' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const platformUserPageSchema = z
  .object({ items: z.array(platformUserSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'PlatformUserPage' });

export type OrgDashboard = z.infer<typeof orgDashboardSchema>;
export type AdminDashboard = z.infer<typeof adminDashboardSchema>;
export type PlatformUser = z.infer<typeof platformUserSchema>;
