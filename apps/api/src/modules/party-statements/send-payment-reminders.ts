import { financialYearOf, formatDateAs, formatIndianAmount, indianDate, toMoney, dec, ZERO } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { validationError } from '../../lib/app-error';
import type { AuditEventInput } from '../audit';
import { findOpenBills, type OpenBillRow } from '../books';
import { getBusinessSettings, type BusinessSettings } from '../organizations';
import { findPartiesById } from '../parties';
import { senderVariables } from './email-statement';
import { ageBills } from './party-statement';
import type { PartyStatementsDeps } from './party-statements.deps';
import { recordBillReminders, type ReminderSource } from './reminders.repo';
import { statementFilename } from './statement-document';

export const REMINDER_TEMPLATE = 'payment_reminder';
/** Outbox rows of payment reminders: `related_id` is the customer; the worker attaches its statement PDF. */
export const REMINDER_RELATED_TYPE = 'payment_reminder';

type AgedBill = ReturnType<typeof ageBills>['bills'][number];

/**
 * Queues one reminder to a customer (the outbox, in the caller's transaction): the bills named,
 * what they owe on them, and its statement for this financial year up to today attached (drawn by
 * the worker when it sends). Records each bill as reminded today (the daily job's N-day rule reads
 * it) and audits it (`payment_reminder.queued`, with its source). Answers the message's id.
 */
export async function queueReminder(
  deps: Pick<PartyStatementsDeps, 'mail' | 'audit'>,
  tx: Executor,
  r: {
    organizationId: string;
    /** Who sent it: the user for a manual reminder, none (the daily job) for an automatic one. */
    actor: Pick<AuditEventInput, 'actor' | 'meta'>;
    settings: BusinessSettings;
    party: { id: string; name: string; email: string };
    bills: AgedBill[];
    today: string;
    source: ReminderSource;
  },
): Promise<string> {
  const { settings, party, bills, today } = r;
  const date = (d: string) => formatDateAs(d, settings.dateFormat);
  const period = { from: financialYearOf(today).start, to: today };
  const total = bills.reduce((sum, b) => sum.plus(dec(b.outstanding)), ZERO);
  const overdueTotal = `₹${formatIndianAmount(toMoney(total))}`;
  const { id: emailId } = await deps.mail.enqueue(tx, {
    template: REMINDER_TEMPLATE,
    to: party.email,
    toName: party.name,
    variables: {
      ...senderVariables(settings),
      party_name: party.name,
      bills: bills.map((b) => ({
        ref: b.ref,
        bill_date: date(b.billDate),
        due_date: date(b.dueDate),
        days_overdue: b.daysOverdue,
        amount: `₹${formatIndianAmount(b.amount)}`,
        outstanding: `₹${formatIndianAmount(b.outstanding)}`,
      })),
      overdue_total: overdueTotal,
      statement_from: period.from,
      statement_to: period.to,
      statement_note: `Payment reminder: ${overdueTotal} is overdue on ${bills.length} bill${bills.length === 1 ? '' : 's'} as on ${date(today)}.`,
      attachment_name: statementFilename(party.name, period),
    },
    organizationId: r.organizationId,
    relatedType: REMINDER_RELATED_TYPE,
    relatedId: party.id,
  });
  await recordBillReminders(
    tx,
    r.organizationId,
    bills.map((b) => ({ billId: b.id, partyId: party.id, emailId, remindedOn: today, source: r.source })),
  );
  await deps.audit.record(tx, {
    organizationId: r.organizationId,
    ...r.actor,
    action: 'payment_reminder.queued',
    targetType: 'party',
    targetId: party.id,
    details: {
      party_name: party.name,
      to: party.email,
      email_id: emailId,
      bills: bills.map((b) => b.ref),
      overdue: toMoney(total),
      source: r.source,
    },
  });
  return emailId;
}

/**
 * Emails a payment reminder to each customer named (the outbox, one message each, in one
 * transaction): its bills past their due date today, what they owe, and its statement of account
 * for this financial year up to today attached (drawn by the worker when it sends). A customer
 * without an email address or with nothing overdue is skipped, and says why. Each reminder is
 * audited and in the email log (`related_type` payment_reminder).
 */
export async function sendPaymentReminders(deps: PartyStatementsDeps, actor: Actor, partyIds: string[]) {
  const today = indianDate(deps.clock.now());
  return deps.sessions.transaction(
    async (tx) => {
      const org = actor.organizationId;
      const parties = await findPartiesById(tx, org, partyIds);
      const byId = new Map(parties.map((p) => [p.id, p]));
      partyIds.forEach((id, i) => {
        const party = byId.get(id);
        if (!party || party.kind !== 'customer') throw validationError(`party_ids.${i}`, 'is not a customer of your organisation');
      });
      const overdue = await findOpenBills(tx, org, { partyIds, side: 'receivable', dueBefore: today });
      const billsOf = new Map<string, OpenBillRow[]>();
      for (const b of overdue) billsOf.set(b.partyId, [...(billsOf.get(b.partyId) ?? []), b]);
      const settings = await getBusinessSettings(tx, org);
      const results = [];
      for (const id of partyIds) {
        const party = byId.get(id)!;
        const bills = ageBills(billsOf.get(id) ?? [], today).bills;
        const total = bills.reduce((sum, b) => sum.plus(dec(b.outstanding)), ZERO);
        const skip = (reason: string) => ({
          partyId: id,
          partyName: party.name,
          status: 'skipped' as const,
          reason,
          emailId: null,
          emailTo: null,
          bills: bills.length,
          overdue: toMoney(total),
        });
        if (bills.length === 0) {
          results.push(skip('nothing is overdue'));
          continue;
        }
        if (!party.email) {
          results.push(skip('the customer has no email address'));
          continue;
        }
        const emailId = await queueReminder(deps, tx, {
          organizationId: org,
          actor: auditFields(actor),
          settings,
          party: { id: party.id, name: party.name, email: party.email },
          bills,
          today,
          source: 'manual',
        });
        results.push({
          partyId: id,
          partyName: party.name,
          status: 'queued' as const,
          reason: null,
          emailId,
          emailTo: party.email,
          bills: bills.length,
          overdue: toMoney(total),
        });
      }
      return { results };
    },
    tenantTx(actor, 'party.payment_reminders'),
  );
}
