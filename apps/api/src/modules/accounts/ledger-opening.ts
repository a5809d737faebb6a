import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/app-error';
import { getBusinessSettings } from '../organizations';
import type { AccountsDeps } from './accounts.deps';
import { signedOpening } from './accounts.rules';
import * as repo from './accounts.repo';
import { assertOpeningsOpen } from './opening.rules';

/**
 * Sets a ledger's opening balance as on the books start (Dr or Cr; zero removes it). A party's is
 * the sum of its opening bills (409: give them bill by bill). Debits and credits need not agree:
 * the trial balance shows the difference (BOOKS.md).
 */
export async function setLedgerOpening(
  deps: Pick<AccountsDeps, 'sessions' | 'audit' | 'clock'>,
  actor: Actor,
  ledgerId: string,
  input: { amount: string; side: 'debit' | 'credit' },
): Promise<{ ledgerId: string; openingBalance: string }> {
  return deps.sessions.transaction(
    async (tx) => {
      if (!(await repo.lockLedger(tx, actor.organizationId, ledgerId))) throw notFound('Ledger');
      const ledger = (await repo.findLedger(tx, actor.organizationId, ledgerId))!;
      if (ledger.partyId !== null) {
        throw new AppError(
          'CONFLICT',
          `Ledger "${ledger.name}" is a ${ledger.partyKind ?? 'party'}'s: its opening balance is the sum of its opening bills (give them bill by bill)`,
        );
      }
      assertOpeningsOpen(await getBusinessSettings(tx, actor.organizationId));
      const opening = signedOpening(input);
      if (opening === ledger.openingBalance) return { ledgerId, openingBalance: opening };
      await repo.updateLedger(tx, actor.organizationId, ledgerId, { openingBalance: opening, updatedAt: deps.clock.now() });
      await deps.audit.record(tx, {
        ...auditFields(actor),
        action: 'ledger.opening_set',
        targetType: 'ledger',
        targetId: ledgerId,
        details: { name: ledger.name, opening_balance: { from: ledger.openingBalance, to: opening } },
      });
      return { ledgerId, openingBalance: opening };
    },
    tenantTx(actor, 'openings.ledger_set'),
  );
}
