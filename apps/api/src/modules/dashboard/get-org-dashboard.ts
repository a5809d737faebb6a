import { dec, indianDate, toMoney, voucherTypes } from '@tritiq/contracts';
import { tenantTx, type Actor } from '../../lib/actor';
import { sumOpenBillsOn } from '../reports';
import type { DashboardDeps } from './dashboard.deps';
import { countActiveMasters, findCashBankBalances, findLatestVouchers, findLowStock, sumVouchersByDay } from './dashboard.repo';

const LIST_SIZE = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Every calendar date from `from` to `to` inclusive (YYYY-MM-DD, no time zone involved). */
function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d = new Date(d.getTime() + DAY_MS)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

const addMoney = (a: string, b: string) => toMoney(dec(a).plus(dec(b)));

/**
 * The organisation's home page: this month's active vouchers per type and per day, its masters,
 * low stock, the latest vouchers, and from the books what is owed each way and the cash and bank
 * balances. Every voucher type counts under its own name (`by_type`);
 * `sales` and `purchases` are those two types alone.
 */
export async function getOrgDashboard(deps: Pick<DashboardDeps, 'sessions' | 'clock'>, actor: Actor) {
  // The month as it is in India, where the organisation's vouchers are dated.
  const today = indianDate(deps.clock.now());
  const from = `${today.slice(0, 8)}01`;
  const [byDay, counts, lowStock, latest, openBills, cashBank] = await deps.sessions.transaction(
    // One connection: the statements run one after another.
    async (tx) =>
      [
        await sumVouchersByDay(tx, actor.organizationId, from, today),
        await countActiveMasters(tx, actor.organizationId),
        await findLowStock(tx, actor.organizationId, LIST_SIZE),
        await findLatestVouchers(tx, actor.organizationId, LIST_SIZE),
        await sumOpenBillsOn(tx, actor.organizationId, today),
        await findCashBankBalances(tx, actor.organizationId, today),
      ] as const,
    tenantTx(actor, 'dashboard.org', true),
  );
  const labels = new Map(voucherTypes().map((d) => [d.type, d.pluralLabel]));
  const totals = new Map([...labels.keys()].map((type) => [type, { total: '0.00', count: 0 }]));
  const daily = new Map(datesBetween(from, today).map((d) => [d, { date: d, byType: {} as Record<string, string> }]));
  for (const row of byDay) {
    const sum = totals.get(row.type) ?? { total: '0.00', count: 0 };
    totals.set(row.type, { total: addMoney(sum.total, row.total), count: sum.count + row.n });
    const day = daily.get(row.date);
    if (day) day.byType[row.type] = addMoney(day.byType[row.type] ?? '0.00', row.total);
  }
  const zero = { total: '0.00', count: 0 };
  const side = (name: 'receivable' | 'payable') => {
    const row = openBills.find((r) => r.side === name);
    return { total: row?.total ?? '0.00', overdue: row?.overdue ?? '0.00', bills: row?.bills ?? 0, overdueBills: row?.overdue_bills ?? 0 };
  };
  return {
    month: { from, to: today },
    sales: totals.get('sales') ?? zero,
    purchases: totals.get('purchase') ?? zero,
    byType: [...totals].map(([type, sum]) => ({ voucherType: type, label: labels.get(type) ?? type, ...sum })),
    daily: [...daily.values()].map((d) => ({
      date: d.date,
      sales: d.byType.sales ?? '0.00',
      purchases: d.byType.purchase ?? '0.00',
      byType: d.byType,
    })),
    counts,
    lowStock: { count: lowStock.count, items: lowStock.items },
    latestVouchers: latest,
    books: {
      receivables: side('receivable'),
      payables: side('payable'),
      cashBank: cashBank.map((l) => ({
        ledgerId: l.id,
        name: l.name,
        kind: l.kind === 'cash_in_hand' ? ('cash' as const) : ('bank' as const),
        balance: l.balance,
      })),
      cashBankTotal: toMoney(cashBank.reduce((s, l) => s.plus(dec(l.balance)), dec('0'))),
    },
  };
}
