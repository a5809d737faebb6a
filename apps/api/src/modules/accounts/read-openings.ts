import { dec, toMoney, ZERO } from '@tritiq/contracts';
import { tenantTx, type Actor } from '../../lib/actor';
import { getBusinessSettings } from '../organizations';
import type { AccountsDeps } from './accounts.deps';
import * as repo from './opening.repo';
import { presentOpeningStock } from './opening.present';
import { openingsLocked, openingStockDate } from './opening.rules';

/**
 * The opening balances on one page: every ledger's (parties' only when they have one) in the
 * statements' order, the opening stock's value, and the difference between total debits (opening
 * stock included: it is an asset like a ledger's debit) and credits, signed as the trial balance's
 * "Difference in opening balances" line shows it (Cr − Dr: a credit line when debits exceed).
 */
export async function getOpeningBalances(deps: Pick<AccountsDeps, 'sessions'>, actor: Actor) {
  return deps.sessions.transaction(
    async (tx) => {
      const settings = await getBusinessSettings(tx, actor.organizationId);
      const stockDate = openingStockDate(settings.booksStartDate);
      const ledgers = await repo.findOpeningLedgers(tx, actor.organizationId);
      const stock = (await repo.findOpeningStock(tx, actor.organizationId)).map((r) => presentOpeningStock(r, stockDate));
      const stockValue = stock.reduce((s, i) => s.plus(dec(i.value)), ZERO);
      let debit = stockValue;
      let credit = ZERO;
      const rows = ledgers.map((l) => {
        const opening = dec(l.openingBalance);
        if (opening.gt(ZERO)) debit = debit.plus(opening);
        else credit = credit.minus(opening);
        return {
          ledgerId: l.ledgerId,
          name: l.name,
          groupName: l.groupName,
          nature: l.nature,
          partyId: l.partyId,
          debit: toMoney(opening.gt(ZERO) ? opening : ZERO),
          credit: toMoney(opening.lt(ZERO) ? opening.neg() : ZERO),
        };
      });
      return {
        booksStartDate: settings.booksStartDate,
        stockDate,
        locked: openingsLocked(settings),
        ledgers: rows,
        stockValue: toMoney(stockValue),
        totalDebit: toMoney(debit),
        totalCredit: toMoney(credit),
        difference: toMoney(credit.minus(debit)),
      };
    },
    tenantTx(actor, 'openings.read', true),
  );
}
