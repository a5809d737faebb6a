import { dec, toMoney, ZERO, type VoucherTypeDefinition } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { validationError } from '../../lib/app-error';
import { resolveVoucherLedgers, type LedgerReference, type NamedLedger } from '../books';
import type { VoucherLedgerLineWrite } from '../posting';
import type { VoucherCreateInput } from './vouchers.draft';

/**
 * A voucher without item lines, worked out before anything is written: a receipt's or payment's
 * header amount and its ledgers, or a journal's or contra's ledger lines (BOOKS.md, "Every voucher
 * posts balanced entries"). The request's shape (sides balance, a party or another ledger, a
 * cheque's number when paid by cheque) is already checked by the create schema; here the ledgers
 * it names are checked against the organisation's chart.
 */
export interface BooksDraft {
  /** The voucher's figures: no tax, its amount (or its debits) as total and grand total. */
  totals: {
    discountAmount: string;
    taxableAmount: string;
    cgstAmount: string;
    sgstAmount: string;
    igstAmount: string;
    totalAmount: string;
    roundOff: string;
    grandTotal: string;
  };
  /** The ledgers its header fields name, by field (for the posting rule). */
  headerLedgers: Record<string, string | null>;
  /** Journal and contra: its lines, debit positive, numbered from 1. */
  ledgerLines: { lineNo: number; ledgerId: string; amount: string; narration: string | null }[];
  ledgers: Map<string, NamedLedger>;
}

const noTax = (amount: string): BooksDraft['totals'] => ({
  discountAmount: '0.00',
  taxableAmount: '0.00',
  cgstAmount: '0.00',
  sgstAmount: '0.00',
  igstAmount: '0.00',
  totalAmount: amount,
  roundOff: '0.00',
  grandTotal: amount,
});

export async function draftBooksVoucher(
  tx: Executor,
  organizationId: string,
  def: VoucherTypeDefinition,
  body: VoucherCreateInput,
): Promise<BooksDraft> {
  if (def.lines === 'ledger') {
    const groups = def.posting?.kind === 'ledger_lines' ? def.posting.ledgerGroups : undefined;
    const refs: LedgerReference[] = body.lines.map((l, i) => ({ ledgerId: l.ledgerId, field: `lines.${i}.ledger_id`, groups }));
    const ledgers = await resolveVoucherLedgers(tx, organizationId, refs);
    const sides = new Map<string, { side: string; index: number }>();
    body.lines.forEach((l, i) => {
      const earlier = sides.get(l.ledgerId);
      if (earlier && earlier.side !== l.side) {
        throw validationError(
          `lines.${i}.ledger_id`,
          `Ledger "${ledgers.get(l.ledgerId)!.name}" is also on the other side (line ${earlier.index + 1})`,
        );
      }
      sides.set(l.ledgerId, { side: l.side, index: i });
    });
    let debits = ZERO;
    const ledgerLines = body.lines.map((l, i) => {
      const amount = dec(l.amount);
      if (l.side === 'debit') debits = debits.plus(amount);
      return {
        lineNo: i + 1,
        ledgerId: l.ledgerId,
        amount: toMoney(l.side === 'debit' ? amount : ZERO.minus(amount)),
        narration: l.narration ?? null,
      };
    });
    return { totals: noTax(toMoney(debits)), headerLedgers: {}, ledgerLines, ledgers };
  }
  const refs: LedgerReference[] = [];
  const headerLedgers: Record<string, string | null> = {};
  const values = body as unknown as Record<string, string | null | undefined>;
  for (const spec of def.headerFields) {
    if (spec.kind !== 'ledger') continue;
    const id = values[camel(spec.name)] ?? null;
    headerLedgers[spec.name] = id;
    if (!id) continue;
    // A ledger named instead of a party: not a party's (name the party) and not cash or bank (that is a contra).
    refs.push({
      ledgerId: id,
      field: spec.name,
      groups: spec.ledgerGroups,
      notPartyOrCashBank: !spec.ledgerGroups && isInsteadOfParty(def, spec.name),
    });
  }
  const ledgers = await resolveVoucherLedgers(tx, organizationId, refs);
  const amount = body.amount;
  if (amount === null) throw new Error(`Voucher type "${def.type}": a voucher without lines came without its amount`);
  return { totals: noTax(toMoney(dec(amount))), headerLedgers, ledgerLines: [], ledgers };
}

/** The field a posting rule uses as the party's stand-in (`party_or_header`). */
function isInsteadOfParty(def: VoucherTypeDefinition, field: string): boolean {
  return (
    def.posting?.kind === 'entries' && def.posting.entries.some((e) => e.account.from === 'party_or_header' && e.account.field === field)
  );
}

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The stored ledger lines of a draft. */
export function ledgerLineRows(organizationId: string, voucherId: string, draft: BooksDraft): VoucherLedgerLineWrite[] {
  return draft.ledgerLines.map((l) => ({ organizationId, voucherId, ...l }));
}
