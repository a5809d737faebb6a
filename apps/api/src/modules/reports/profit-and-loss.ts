import { dec, ZERO, type Decimal } from '@tritiq/contracts';
import { tenantTx, type Actor } from '../../lib/actor';
import type { ReportsDeps } from './reports.deps';
import { dayBefore, money, rangeOf } from './reports.period';
import { findBooksStart, findPeriodMovements, findStockValue } from './reports.repo';

type SectionName = 'salesAccounts' | 'directIncomes' | 'purchaseAccounts' | 'directExpenses' | 'indirectIncomes' | 'indirectExpenses';

/** Where a ledger's primary group puts it: the trading account or below it (a user's primary group by its nature). */
function sectionOf(rootKey: string | null, nature: 'income' | 'expense'): SectionName {
  switch (rootKey) {
    case 'sales_accounts':
      return 'salesAccounts';
    case 'direct_incomes':
      return 'directIncomes';
    case 'purchase_accounts':
      return 'purchaseAccounts';
    case 'direct_expenses':
      return 'directExpenses';
    default:
      return nature === 'income' ? 'indirectIncomes' : 'indirectExpenses';
  }
}

/**
 * Profit and loss for a period in Tally's two parts (BOOKS.md): the trading account, gross profit
 * = sales + direct incomes + closing stock − (opening stock + purchases + direct expenses), returns
 * being in the sales and purchase ledgers already; then net profit = gross profit + indirect
 * incomes − indirect expenses (round-off included). Each ledger's movement over the period comes
 * from its day totals; stock at its value the day before the period and on its last day.
 */
export async function getProfitAndLoss(deps: ReportsDeps, actor: Actor, query: { from?: string; to?: string }) {
  const range = rangeOf(deps.clock, query);
  const { rows, openingStock, closingStock } = await deps.sessions.transaction(
    async (tx) => {
      const booksStart = await findBooksStart(tx, actor.organizationId);
      return {
        rows: await findPeriodMovements(tx, actor.organizationId, { ...range, booksStart }),
        openingStock: dec(await findStockValue(tx, actor.organizationId, dayBefore(range.from))),
        closingStock: dec(await findStockValue(tx, actor.organizationId, range.to)),
      };
    },
    tenantTx(actor, 'reports.profit_and_loss', true),
  );
  const sections: Record<
    SectionName,
    { total: Decimal; ledgers: { ledgerId: string; name: string; groupName: string; amount: string }[] }
  > = {
    salesAccounts: { total: ZERO, ledgers: [] },
    directIncomes: { total: ZERO, ledgers: [] },
    purchaseAccounts: { total: ZERO, ledgers: [] },
    directExpenses: { total: ZERO, ledgers: [] },
    indirectIncomes: { total: ZERO, ledgers: [] },
    indirectExpenses: { total: ZERO, ledgers: [] },
  };
  for (const r of rows) {
    const signed = dec(r.amount);
    if (signed.eq(ZERO)) continue;
    // On its own side: an income's credit, an expense's debit, positive.
    const amount = r.nature === 'income' ? signed.neg() : signed;
    const s = sections[sectionOf(r.root_key, r.nature)];
    s.total = s.total.plus(amount);
    s.ledgers.push({ ledgerId: r.id, name: r.name, groupName: r.group_name, amount: money(amount) });
  }
  const out = (name: SectionName) => ({ total: money(sections[name].total), ledgers: sections[name].ledgers });
  const gross = sections.salesAccounts.total
    .plus(sections.directIncomes.total)
    .plus(closingStock)
    .minus(openingStock)
    .minus(sections.purchaseAccounts.total)
    .minus(sections.directExpenses.total);
  const net = gross.plus(sections.indirectIncomes.total).minus(sections.indirectExpenses.total);
  return {
    period: range,
    trading: {
      openingStock: money(openingStock),
      purchaseAccounts: out('purchaseAccounts'),
      directExpenses: out('directExpenses'),
      salesAccounts: out('salesAccounts'),
      directIncomes: out('directIncomes'),
      closingStock: money(closingStock),
      grossProfit: money(gross),
    },
    indirectIncomes: out('indirectIncomes'),
    indirectExpenses: out('indirectExpenses'),
    netProfit: money(net),
  };
}
