import { indianDate } from '@tritiq/contracts';
import { getBusinessSettings } from '../organizations';
import { findPartiesById } from '../parties';
import { ageBills } from './party-statement';
import type { PartyStatementsDeps } from './party-statements.deps';
import { findBillsToRemind, findOrganizationsWithReminders } from './reminders.repo';
import { queueReminder } from './send-payment-reminders';

/** `2025-07-10` minus `days` days. */
function daysBefore(ymd: string, days: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export interface DailyRemindersOutcome {
  organizations: number;
  reminders: number;
  bills: number;
  /** Customers with bills to remind but no email address. */
  skipped: number;
  /** Organisations whose run failed (logged; the others are not held back by it). */
  failed: number;
}

/**
 * The daily payment reminder job (issue 17): for every organisation that turned it on, each
 * customer with open bills overdue by at least `payment_reminder_after_days` days that no reminder
 * named in the last `payment_reminder_every_days` days (manual ones included) gets one reminder
 * listing those bills, its statement attached. One transaction per organisation, so one
 * organisation's failure neither undoes nor stops another's; a second run within N days finds
 * every bill already reminded and sends nothing. Every reminder is in the email log and audited
 * (`payment_reminder.queued`, source `automatic`, no user).
 */
export async function runDailyPaymentReminders(
  deps: PartyStatementsDeps & { logger?: { error: (obj: object, msg: string) => void } },
  options: { today?: string } = {},
): Promise<DailyRemindersOutcome> {
  const today = options.today ?? indianDate(deps.clock.now());
  const orgs = await deps.sessions.transaction((db) => findOrganizationsWithReminders(db), {
    platform: true,
    readOnly: true,
    label: 'payment_reminders.daily_orgs',
  });
  const outcome: DailyRemindersOutcome = { organizations: orgs.length, reminders: 0, bills: 0, skipped: 0, failed: 0 };
  for (const org of orgs) {
    try {
      const done = await deps.sessions.transaction(
        async (tx) => {
          const due = await findBillsToRemind(tx, org.id, {
            dueOnOrBefore: daysBefore(today, org.afterDays),
            notRemindedAfter: daysBefore(today, org.everyDays),
          });
          if (due.length === 0) return { reminders: 0, bills: 0, skipped: 0 };
          const byParty = new Map<string, typeof due>();
          for (const b of due) byParty.set(b.partyId, [...(byParty.get(b.partyId) ?? []), b]);
          const parties = await findPartiesById(tx, org.id, [...byParty.keys()]);
          const settings = await getBusinessSettings(tx, org.id);
          let reminders = 0;
          let bills = 0;
          let skipped = 0;
          for (const party of parties) {
            if (!party.email || !party.isActive) {
              skipped++;
              continue;
            }
            const aged = ageBills(byParty.get(party.id)!, today).bills;
            await queueReminder(deps, tx, {
              organizationId: org.id,
              actor: { actor: null },
              settings,
              party: { id: party.id, name: party.name, email: party.email },
              bills: aged,
              today,
              source: 'automatic',
            });
            reminders++;
            bills += aged.length;
          }
          return { reminders, bills, skipped };
        },
        { organizationId: org.id, label: 'payment_reminders.daily' },
      );
      outcome.reminders += done.reminders;
      outcome.bills += done.bills;
      outcome.skipped += done.skipped;
    } catch (err) {
      outcome.failed++;
      deps.logger?.error({ err, organization_id: org.id }, 'Daily payment reminders failed for an organisation');
    }
  }
  return outcome;
}
