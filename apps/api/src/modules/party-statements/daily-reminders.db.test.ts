import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { adjustStock, apiCaller, createCustomer, createProduct, postVoucher } from '../../test/business';
import { createTenant, platformTx } from '../../test/factories';
import { buildTestApp, type TestApp } from '../../test/harness';
import { createReminderSchedule } from './reminder-schedule';
import { runDailyPaymentReminders } from './run-daily-reminders';

/**
 * The daily payment reminder job (issue 17 item 5), run as its pg-boss job runs it
 * (`runDailyPaymentReminders`) on chosen days against the database: off by default; once on, a
 * bill overdue by the set number of days is reminded, then not again within N days (manual
 * reminders count), each reminder in the email log, recorded per bill and audited.
 */

let t: TestApp;
let call: ReturnType<typeof apiCaller>;

beforeAll(async () => {
  t = await buildTestApp();
  call = apiCaller(t);
});
afterAll(() => t.close());

const job = (today: string) =>
  runDailyPaymentReminders({ sessions: t.deps.sessions, audit: t.deps.audit, clock: t.deps.clock, mail: t.deps.email }, { today });

/** A tenant whose customer owes two invoices: 1,180.00 due 2025-06-10 and 2,360.00 due 2025-06-20. */
async function shop(customerEmail: string | null = 'ram@example.in') {
  const tenant = await createTenant(t.deps, { stateCode: '27', legalName: 'Sahyadri Tools Private Limited', booksStartDate: '2025-04-01' });
  const product = await createProduct(t, tenant.user.token, { unit_price: '1000.00', gst_rate: '18' });
  await adjustStock(t, tenant.admin.token, product.id, '10');
  const customer = await createCustomer(t, tenant.user.token, { name: 'Ram Traders', email: customerEmail });
  const sell = async (date: string, dueDate: string, quantity: number) => {
    const res = await postVoucher(t, tenant.user.token, 'sales', {
      customer_id: customer.id,
      date,
      due_date: dueDate,
      items: [{ product_id: product.id, quantity }],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; voucher_number: string };
  };
  const first = await sell('2025-06-01', '2025-06-10', 1);
  const second = await sell('2025-06-05', '2025-06-20', 2);
  return { tenant, customer, first, second };
}

async function settings(token: string, body: Record<string, unknown>) {
  return call('PATCH', '/organization/settings', token, body);
}

async function remindersOf(orgId: string) {
  return platformTx(t.deps, (db) =>
    queryRows<{ ref: string; reminded_on: string; source: string; email_id: string }>(
      db,
      sql`SELECT b.ref, r.reminded_on::text AS reminded_on, r.source, r.email_id
            FROM bill_reminders r JOIN bills b ON b.id = r.bill_id
           WHERE r.organization_id = ${orgId}
           ORDER BY r.reminded_on, b.due_date`,
    ),
  );
}

describe('daily payment reminders', () => {
  it('are off by default: an overdue bill of an organisation that did not turn them on is not reminded', async () => {
    const { tenant } = await shop();
    const read = await call('GET', '/organization/settings', tenant.orgAdmin.token);
    expect(read.json()).toMatchObject({ payment_reminders_enabled: false, payment_reminder_after_days: 7, payment_reminder_every_days: 7 });
    await job('2025-08-01');
    expect(await remindersOf(tenant.org.id)).toEqual([]);
  });

  it('remind a bill once it is overdue by the days set, then not again within N days; every reminder logged, recorded and audited', async () => {
    const { tenant, customer, first, second } = await shop();
    const on = await settings(tenant.orgAdmin.token, {
      payment_reminders_enabled: true,
      payment_reminder_after_days: 3,
      payment_reminder_every_days: 7,
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({ payment_reminders_enabled: true, payment_reminder_after_days: 3, payment_reminder_every_days: 7 });

    // 12 June: the first bill is 2 days overdue, under the 3 set.
    await job('2025-06-12');
    expect(await remindersOf(tenant.org.id)).toEqual([]);

    // 13 June: 3 days overdue, reminded.
    await job('2025-06-13');
    const once = await remindersOf(tenant.org.id);
    expect(once).toEqual([expect.objectContaining({ ref: first.voucher_number, reminded_on: '2025-06-13', source: 'automatic' })]);

    // A second run within N days sends nothing: not the same day, not six days later.
    await job('2025-06-13');
    await job('2025-06-19');
    expect(await remindersOf(tenant.org.id)).toHaveLength(1);

    // 23 June: the second bill is 3 days overdue; the first was reminded 10 days ago (7 set): both, in one message.
    await job('2025-06-23');
    const later = await remindersOf(tenant.org.id);
    expect(later.slice(1)).toEqual([
      expect.objectContaining({ ref: first.voucher_number, reminded_on: '2025-06-23' }),
      expect.objectContaining({ ref: second.voucher_number, reminded_on: '2025-06-23' }),
    ]);
    expect(later[1]!.email_id).toBe(later[2]!.email_id);

    // In the email log (the customer's reminders), each with its statement attached by the worker.
    const log = await call('GET', `/email/messages?related_type=payment_reminder&related_id=${customer.id}`, tenant.admin.token);
    expect(log.statusCode, log.body).toBe(200);
    const messages = log.json().items as { id: string; template: string; to_email: string }[];
    expect(messages.map((m) => m.id).sort()).toEqual([once[0]!.email_id, later[1]!.email_id].sort());
    expect(messages.every((m) => m.template === 'payment_reminder')).toBe(true);
    // Audited, with no user: the job sent it.
    const audit = await call('GET', '/audit-events?action=payment_reminder.queued', tenant.admin.token);
    const events = audit.json().items as { actor_user_id: string | null; target_id: string; details: Record<string, unknown> }[];
    expect(events).toHaveLength(2);
    for (const e of events) {
      expect(e).toMatchObject({ target_id: customer.id, details: expect.objectContaining({ source: 'automatic', to: 'ram@example.in' }) });
    }
    expect(events.map((e) => e.details.bills)).toEqual(
      expect.arrayContaining([[first.voucher_number], [first.voucher_number, second.voucher_number]]),
    );
  });

  it('count a reminder sent by hand: the job does not remind the same bill again within N days', async () => {
    const { tenant, customer, first } = await shop();
    await settings(tenant.orgAdmin.token, {
      payment_reminders_enabled: true,
      payment_reminder_after_days: 1,
      payment_reminder_every_days: 30,
    });
    const manual = await call('POST', '/payment-reminders', tenant.admin.token, { party_ids: [customer.id] });
    expect(manual.statusCode, manual.body).toBe(202);
    const recorded = await remindersOf(tenant.org.id);
    expect(recorded.map((r) => r.source)).toEqual(['manual', 'manual']);
    const handDay = recorded[0]!.reminded_on;
    expect(recorded[0]!.ref).toBe(first.voucher_number);
    // Within 30 days of the manual reminder: nothing more.
    const nextDay = new Date(`${handDay}T00:00:00Z`);
    nextDay.setUTCDate(nextDay.getUTCDate() + 29);
    await job(nextDay.toISOString().slice(0, 10));
    expect(await remindersOf(tenant.org.id)).toHaveLength(2);
  });

  it('skip a customer without an email address, and keep each organisation to its own bills', async () => {
    const silent = await shop(null);
    const other = await shop('other@example.in');
    for (const s of [silent, other]) {
      await settings(s.tenant.orgAdmin.token, { payment_reminders_enabled: true, payment_reminder_after_days: 1 });
    }
    const outcome = await job('2025-07-15');
    expect(outcome.skipped).toBeGreaterThanOrEqual(1);
    expect(outcome.failed).toBe(0);
    expect(await remindersOf(silent.tenant.org.id)).toEqual([]);
    const theirs = await remindersOf(other.tenant.org.id);
    expect(theirs.map((r) => r.ref).sort()).toEqual([other.first.voucher_number, other.second.voucher_number].sort());
  });

  it('settings: only the org admin changes them, and days out of range are a 422 naming the field', async () => {
    const { tenant } = await shop();
    for (const [field, value] of [
      ['payment_reminder_after_days', 0],
      ['payment_reminder_every_days', 366],
      ['payment_reminder_every_days', 2.5],
      ['payment_reminders_enabled', 'yes'],
    ] as const) {
      const res = await settings(tenant.orgAdmin.token, { [field]: value });
      expect(res.statusCode, `${field}=${value}`).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({ field })]);
    }
    expect((await settings(tenant.admin.token, { payment_reminders_enabled: true })).statusCode).toBe(403);
    const audit = await settings(tenant.orgAdmin.token, { payment_reminders_enabled: true });
    expect(audit.statusCode).toBe(200);
    const events = await call('GET', '/audit-events?action=organization.settings_updated', tenant.orgAdmin.token);
    expect(events.json().items[0].details.changes).toMatchObject({ payment_reminders_enabled: { from: false, to: true } });
  });
});

describe('the pg-boss schedule', () => {
  it('stores a daily cron at 09:00 India time and runs a job from the queue on this driver', async () => {
    const { tenant, first } = await shop();
    await settings(tenant.orgAdmin.token, { payment_reminders_enabled: true, payment_reminder_after_days: 1 });
    const schedule = createReminderSchedule(
      {
        sessions: t.deps.sessions,
        audit: t.deps.audit,
        clock: { now: () => new Date('2025-07-01T05:00:00Z') },
        mail: t.deps.email,
        handle: t.deps.handle,
        logger: t.deps.loggers.app,
      },
      3600,
    );
    await schedule.start();
    try {
      const rows = await platformTx(t.deps, (db) =>
        queryRows<{ name: string; cron: string; timezone: string }>(db, sql`SELECT name, cron, timezone FROM pgboss.schedule`),
      );
      expect(rows).toEqual([{ name: 'payment-reminders', cron: '0 9 * * *', timezone: 'Asia/Kolkata' }]);
      expect(await schedule.sendNow()).toEqual(expect.any(String));
      await schedule.runPending();
      expect(await remindersOf(tenant.org.id)).toEqual(
        expect.arrayContaining([expect.objectContaining({ ref: first.voucher_number, reminded_on: '2025-07-01', source: 'automatic' })]),
      );
      const [done] = await platformTx(t.deps, (db) =>
        queryRows<{ state: string }>(db, sql`SELECT state::text FROM pgboss.job WHERE name = 'payment-reminders'`),
      );
      expect(done!.state).toBe('completed');
    } finally {
      await schedule.stop();
    }
  });
});
