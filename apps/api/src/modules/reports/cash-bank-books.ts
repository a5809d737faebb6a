import { dec } from '@tritiq/contracts';
import { tenantTx, type Actor } from '../../lib/actor';
import { notFound, validationError } from '../../lib/app-error';
import { statementOf, type StatementQuery } from './ledger-statement';
import type { ReportsDeps } from './reports.deps';
import { money, rangeOf } from './reports.period';
import { findLedgerTotals, findLedgersUnder, findStatementLedger, findSystemLedgerId } from './reports.repo';

/** The cash book: the ledger statement of the Cash ledger (BOOKS.md, "Cash book / bank book"). */
export async function getCashBook(deps: ReportsDeps, actor: Actor, query: StatementQuery) {
  return deps.sessions.transaction(
    async (tx) => {
      const id = await findSystemLedgerId(tx, actor.organizationId, 'cash');
      const ledger = id && (await findStatementLedger(tx, actor.organizationId, id));
      if (!ledger) throw notFound('Cash ledger');
      return statementOf(tx, actor, ledger, rangeOf(deps.clock, query), query);
    },
    tenantTx(actor, 'reports.cash_book', true),
  );
}

/** Every ledger under Bank Accounts with its opening, movement and closing for the period. */
export async function listBankBooks(deps: ReportsDeps, actor: Actor, query: { from?: string; to?: string }) {
  const range = rangeOf(deps.clock, query);
  return deps.sessions.transaction(
    async (tx) => {
      const banks = await findLedgersUnder(tx, actor.organizationId, 'bank_accounts');
      const items = [];
      for (const bank of banks) {
        const totals = await findLedgerTotals(tx, actor.organizationId, bank.id, range.from, range.to);
        const opening = dec(bank.opening_balance).plus(dec(totals.before));
        items.push({
          ledgerId: bank.id,
          name: bank.name,
          openingBalance: money(opening),
          totalDebit: totals.debit,
          totalCredit: totals.credit,
          closingBalance: money(opening.plus(dec(totals.debit)).minus(dec(totals.credit))),
        });
      }
      return { period: range, items };
    },
    tenantTx(actor, 'reports.bank_books', true),
  );
}

/** The bank book of one bank ledger: its statement; a ledger that is not under Bank Accounts is refused. */
export async function getBankBook(deps: ReportsDeps, actor: Actor, ledgerId: string, query: StatementQuery) {
  return deps.sessions.transaction(
    async (tx) => {
      const ledger = await findStatementLedger(tx, actor.organizationId, ledgerId);
      if (!ledger) throw notFound('Ledger');
      const banks = await findLedgersUnder(tx, actor.organizationId, 'bank_accounts');
      if (!banks.some((b) => b.id === ledgerId)) {
        throw validationError('ledger_id', 'must be a ledger under Bank Accounts');
      }
      return statementOf(tx, actor, ledger, rangeOf(deps.clock, query), query);
    },
    tenantTx(actor, 'reports.bank_book', true),
  );
}
