import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { newId } from '../../lib/ids';
import { organizations, users } from './accounts';
import { vouchers } from './vouchers';

/**
 * An expiring public link to one voucher's PDF (issue 17, "Share"), made only where the org admin
 * turned share links on. The token is shown once, when the link is made: only its SHA-256 is kept,
 * so the table alone opens nothing. A link serves the PDF until it expires or is revoked.
 */
export const shareLinks = pgTable(
  'share_links',
  {
    id: uuid().primaryKey().$defaultFn(newId),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    voucherId: uuid()
      .notNull()
      .references(() => vouchers.id),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: uuid().references(() => users.id),
  },
  (t) => [
    uniqueIndex('share_links_token_hash_uq').on(t.tokenHash),
    index('share_links_voucher_idx').on(t.voucherId, t.createdAt),
    index('share_links_created_by_idx').on(t.createdBy),
    index('share_links_revoked_by_idx')
      .on(t.revokedBy)
      .where(sql`${t.revokedBy} IS NOT NULL`),
  ],
);
