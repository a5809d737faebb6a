import { dec, formatDateAs, formatIndianAmount, indianDate, ZERO } from '@tritiq/contracts';
import type { FileAnswer } from '../../lib/route';
import { renderStatementPdf, type StatementDocumentModel } from '../documents';
import { findOrganization, type OrganizationRow } from '../organizations';
import type { PartyRow } from '../parties';
import { organizationDocumentAddress, partyDocumentAddress } from '../vouchers';
import { findStatementParty, readPartyStatement, type PartyStatement, type Period } from './party-statement';
import type { PartyStatementsDeps } from './party-statements.deps';

const money = (v: string) => formatIndianAmount(v);

/** A signed balance as a statement prints it: "12,500.00 Dr", "300.00 Cr", "0.00". */
export function balanceText(signed: string): string {
  const v = dec(signed);
  if (v.eq(ZERO)) return '0.00';
  return `${money(v.abs().toFixed(2))} ${v.gt(ZERO) ? 'Dr' : 'Cr'}`;
}

export function statementDocumentModel(
  s: PartyStatement,
  org: OrganizationRow,
  party: PartyRow,
  note: string | null,
): StatementDocumentModel {
  const date = (d: string) => formatDateAs(d, org.dateFormat);
  const dash = (v: string) => (v === '0.00' ? '' : money(v));
  return {
    title: 'Statement of account',
    organization: organizationDocumentAddress(org, 'From'),
    party: partyDocumentAddress(party, party.kind === 'customer' ? 'Customer' : 'Vendor'),
    period: `${date(s.period.from)} to ${date(s.period.to)}`,
    openingBalance: balanceText(s.openingBalance),
    rows: s.items.map((e) => ({
      date: date(e.date),
      particulars: `${e.voucherLabel} ${e.voucherNumber}${e.isCancellation ? ' (cancelled)' : ''}`,
      debit: dash(e.debit),
      credit: dash(e.credit),
      balance: balanceText(e.balance),
    })),
    totalDebit: money(s.totalDebit),
    totalCredit: money(s.totalCredit),
    closingBalance: balanceText(s.closingBalance),
    billsAsOf: date(s.asOf),
    bills: s.openBills.map((b) => ({
      ref: b.ref,
      date: date(b.billDate),
      due: date(b.dueDate),
      amount: money(b.amount),
      outstanding: money(b.outstanding),
      overdue: b.daysOverdue > 0 ? `${b.daysOverdue} day${b.daysOverdue === 1 ? '' : 's'}` : 'not due',
    })),
    ageing: [...s.ageing.buckets.map((b): [string, string] => [b.label, money(b.amount)]), ['Total', `₹${money(s.ageing.total)}`]],
    note,
  };
}

/** `Statement-Rao_Sons-2025-04-01-2026-03-31.pdf`: nothing a mail client or file system could trip on. */
export function statementFilename(partyName: string, period: Period): string {
  const name =
    partyName
      .replace(/[^A-Za-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'party';
  return `Statement-${name}-${period.from}-${period.to}.pdf`;
}

/**
 * The statement of account PDF, read in one transaction and drawn after it: for the PDF route,
 * and for the email worker (statement emails and payment reminders), which name the party and
 * the period. Null when the organisation has no such party.
 */
export async function loadStatementPdf(
  deps: Pick<PartyStatementsDeps, 'sessions' | 'clock'>,
  organizationId: string,
  partyId: string,
  period: Period,
  options: { note?: string | null; label: string },
): Promise<FileAnswer & { body: Buffer }> {
  const today = indianDate(deps.clock.now());
  const { statement, org, party } = await deps.sessions.transaction(
    async (tx) => {
      const party = await findStatementParty(tx, organizationId, partyId);
      const org = await findOrganization(tx, organizationId);
      if (!org) throw new Error(`organisation ${organizationId} not found`);
      return { statement: await readPartyStatement(tx, organizationId, party, period, today), org, party };
    },
    { organizationId, readOnly: true, label: options.label },
  );
  const body = await renderStatementPdf(statementDocumentModel(statement, org, party, options.note ?? null));
  return { body, filename: statementFilename(party.name, period) };
}
