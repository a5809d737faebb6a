import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { cursorRows, streamInTransaction } from '../../db/streaming';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import type { FileAnswer } from '../../lib/route';
import type { DataExportDeps } from './export-organization-data';
import {
  ENVELOPE_END,
  envelopeStart,
  groupXml,
  ledgerXml,
  stockItemXml,
  TALLY_VOUCHER_TYPES,
  unitXml,
  voucherXml,
  type TallyVoucher,
} from './tally-xml';

const BATCH = 500;

interface VoucherRow {
  id: string;
  voucher_type: string;
  voucher_number: string;
  voucher_date: string;
  party_ledger: string | null;
  notes: string | null;
}

async function writeMasters(tx: Executor, organizationId: string, write: (s: string) => Promise<void>): Promise<void> {
  const groups = await queryRows<{ name: string; parent: string }>(
    tx,
    sql`SELECT g.name, p.name AS parent FROM account_groups g JOIN account_groups p ON p.id = g.parent_id
        WHERE g.organization_id = ${organizationId} ORDER BY g.sort_order, g.name`,
  );
  for (const g of groups) await write(groupXml(g));
  const ledgers = await queryRows<{ name: string; grp: string; opening_balance: string }>(
    tx,
    sql`SELECT l.name, g.name AS grp, l.opening_balance::text AS opening_balance FROM ledgers l JOIN account_groups g ON g.id = l.group_id
        WHERE l.organization_id = ${organizationId} ORDER BY l.name, l.id`,
  );
  for (const l of ledgers) await write(ledgerXml({ name: l.name, group: l.grp, openingBalance: l.opening_balance }));
  const products = await queryRows<{ name: string; unit: string; hsn_code: string | null; gst_rate: string }>(
    tx,
    sql`SELECT name, unit, hsn_code, gst_rate::text AS gst_rate FROM products WHERE organization_id = ${organizationId} ORDER BY name, id`,
  );
  for (const unit of [...new Set(products.map((p) => p.unit))].sort()) await write(unitXml(unit));
  for (const p of products) await write(stockItemXml({ name: p.name, unit: p.unit, hsn: p.hsn_code, gstRate: p.gst_rate }));
}

/** A batch of vouchers with their ledger entries (not the reversals of cancellations) and item lines. */
async function vouchersOf(tx: Executor, organizationId: string, rows: VoucherRow[]): Promise<TallyVoucher[]> {
  const ids = sql.join(
    rows.map((r) => sql`${r.id}::uuid`),
    sql`, `,
  );
  const entries = await queryRows<{ voucher_id: string; ledger: string; amount: string }>(
    tx,
    sql`SELECT e.voucher_id, l.name AS ledger, e.amount::text AS amount FROM ledger_entries e JOIN ledgers l ON l.id = e.ledger_id
        WHERE e.organization_id = ${organizationId} AND e.voucher_id IN (${ids}) AND NOT e.is_reversal ORDER BY e.voucher_id, e.line_no`,
  );
  const lines = await queryRows<{
    voucher_id: string;
    product_name: string;
    quantity: string;
    unit: string;
    unit_price: string;
    discount_amount: string;
    taxable_amount: string;
  }>(
    tx,
    sql`SELECT voucher_id, product_name, quantity::text AS quantity, unit, unit_price::text AS unit_price,
               discount_amount::text AS discount_amount, taxable_amount::text AS taxable_amount
        FROM voucher_lines WHERE organization_id = ${organizationId} AND voucher_id IN (${ids}) ORDER BY voucher_id, line_no`,
  );
  return rows.map((r) => ({
    type: TALLY_VOUCHER_TYPES[r.voucher_type] ?? r.voucher_type,
    number: r.voucher_number,
    date: r.voucher_date,
    party: r.party_ledger,
    narration: r.notes,
    entries: entries.filter((e) => e.voucher_id === r.id).map((e) => ({ ledger: e.ledger, amount: e.amount })),
    inventory: lines
      .filter((l) => l.voucher_id === r.id)
      .map((l) => ({
        item: l.product_name,
        quantity: l.quantity,
        unit: l.unit,
        rate: l.unit_price,
        discount: l.discount_amount,
        amount: l.taxable_amount,
      })),
  }));
}

/**
 * The books for TallyPrime (README "Tally export"): masters (sub-groups, ledgers with their group
 * and opening balance, units, stock items with unit, HSN/SAC and GST rate) and every voucher not
 * cancelled dated in the period, with its ledger entries and item lines, as one Tally import
 * file. Read in one snapshot and streamed a batch of vouchers at a time; audited.
 */
export async function exportTally(deps: DataExportDeps, actor: Actor, query: { from: string; to: string }): Promise<FileAnswer> {
  await deps.sessions.transaction(
    (tx) =>
      deps.audit.record(tx, {
        ...auditFields(actor),
        action: 'organization.tally_exported',
        targetType: 'organization',
        targetId: actor.organizationId,
        details: { from: query.from, to: query.to },
      }),
    tenantTx(actor, 'tally_export.audit'),
  );
  const org = actor.organizationId;
  const body = await streamInTransaction(
    deps.sessions,
    tenantTx(actor, 'tally_export', true),
    async (tx) => {
      const [row] = await queryRows<{ name: string }>(tx, sql`SELECT name FROM organizations WHERE id = ${org}`);
      return row?.name ?? '';
    },
    async (tx, company, write) => {
      await write(envelopeStart('All Masters', company));
      await writeMasters(tx, org, write);
      const vouchers = sql`
        SELECT v.id, v.voucher_type, v.voucher_number, v.voucher_date::text AS voucher_date, v.notes,
               (SELECT l.name FROM ledgers l WHERE l.organization_id = v.organization_id AND l.party_id = v.party_id) AS party_ledger
        FROM vouchers v
        WHERE v.organization_id = ${org} AND v.status = 'active' AND v.voucher_date BETWEEN ${query.from} AND ${query.to}
        ORDER BY v.voucher_date, v.voucher_type, v.seq`;
      for await (const batch of cursorRows<VoucherRow>(tx, 'tally_vouchers', vouchers, BATCH)) {
        for (const v of await vouchersOf(tx, org, batch)) await write(voucherXml(v));
      }
      await write(ENVELOPE_END);
    },
  );
  return { body, filename: `tally-${query.from}-to-${query.to}.xml`, contentType: 'application/xml' };
}
