import { dec } from '@tritiq/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { dbErrorInfo } from '../../db/errors';
import { auditChainHeads, auditEvents, stockBalances, stockLedger, vouchers } from '../../db/schema';
import { adjustStock, createCustomer, createProduct, postVoucher } from '../../test/business';
import { createTenant } from '../../test/factories';
import { buildTestApp, captureLoggers, type TestApp } from '../../test/harness';
import { createTestDbHandle, ownerDb } from '../../test/test-db';
import { lockProductStock, planStock, stockWriteOf } from '../stock';
import { PostingNotAppliedError, writePosting } from '.';

// The posting statement that commits its own transaction (COMMIT sent behind it): the PostgreSQL
// server only (on PGlite the transaction commits as before, and `committed` is false).
let t: TestApp;

beforeAll(async () => {
  const handle = await createTestDbHandle(captureLoggers('silent').loggers.database, { poolSize: 4, poolTimeoutMs: 20_000 });
  t = await buildTestApp({ handle });
});
afterAll(() => t.close());

const owner = () => ownerDb(t.deps.handle);

/** A tenant with a customer and a product holding `stock`, and one sale posted (so its audit chain has a head this process has seen). */
async function tenantWithSale(stock = '10') {
  const tenant = await createTenant(t.deps, { stateCode: '27' });
  const customer = await createCustomer(t, tenant.user.token);
  const product = await createProduct(t, tenant.user.token, { unit_price: '100.00', gst_rate: '18' });
  await adjustStock(t, tenant.admin.token, product.id, stock);
  const sale = await postVoucher(t, tenant.user.token, 'sales', {
    customer_id: customer.id,
    date: '2025-06-30',
    items: [{ product_id: product.id, quantity: '1' }],
  });
  expect(sale.statusCode).toBe(201);
  return { tenant, customer, product };
}

const event = (organizationId: string, action = 'test.posting') =>
  t.deps.audit.prepare({ organizationId, actor: null, action, targetType: 'test', targetId: null });

async function openTransactions(): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(
    owner(),
    sql`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
  );
  return Number(row!.n);
}

async function auditEventsOf(organizationId: string, action: string) {
  return owner()
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), eq(auditEvents.action, action)));
}

describe('a posting that commits with its statement', () => {
  it('commits the transaction: the rows are there for everyone, and the connection goes back with no transaction open', async () => {
    const { tenant } = await tenantWithSale();
    const org = tenant.org.id;
    const result = await t.deps.sessions.transaction(async (tx) => writePosting(tx, { audit: event(org) }, { commit: true }), {
      organizationId: org,
    });
    expect(result.committed).toBe(true);
    expect(result.audited).not.toBeNull();
    expect(await auditEventsOf(org, 'test.posting')).toHaveLength(1);
    expect(await openTransactions()).toBe(0);
    // The pool's connections are all usable: as many transactions at once as the pool holds.
    const again = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        t.deps.sessions.transaction((tx) => writePosting(tx, { audit: event(org, `test.again.${i}`) }, { commit: true }), {
          organizationId: org,
        }),
      ),
    );
    expect(again.map((r) => r.committed)).toEqual([true, true, true, true]);
    const [head] = await owner().select().from(auditChainHeads).where(eq(auditChainHeads.chainKey, org));
    // Setup (organisation, users, product, stock, sale) and these five: one chain, no gap.
    const events = await owner().select({ seq: auditEvents.seq }).from(auditEvents).where(eq(auditEvents.chainKey, org));
    expect(events.map((e) => Number(e.seq)).sort((a, b) => a - b)).toEqual(Array.from({ length: Number(head!.seq) }, (_, i) => i + 1));
  });

  it('a stock balance its guard leaves alone fails the statement (PostingNotAppliedError: the voucher answers 409), nothing written or committed', async () => {
    const { tenant, product } = await tenantWithSale('1');
    const org = tenant.org.id;
    const before = await owner().select().from(stockBalances).where(eq(stockBalances.productId, product.id));
    const ledgerBefore = await owner().select().from(stockLedger).where(eq(stockLedger.productId, product.id));
    let caught: unknown;
    try {
      await t.deps.sessions.transaction(
        async (tx) => {
          const [locked] = await lockProductStock(tx, org, [product.id], { stock: true });
          // A plan made from a stale view (100 on hand) where the row now holds none: the guard refuses.
          const stale = { ...locked!, quantity: '100.000' };
          const plan = planStock([stale], [{ productId: product.id, change: dec('-5'), field: 'items.0.quantity' }], false);
          const { write } = stockWriteOf(org, plan, {
            allowNegative: false,
            now: new Date(),
            cause: { source: 'adjustment', entryDate: '2025-06-30', userId: tenant.admin.id, reason: 'test' },
          });
          return writePosting(tx, { stock: { organizationId: org, write }, audit: event(org, 'test.stock') }, { commit: true });
        },
        { organizationId: org },
      );
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PostingNotAppliedError);
    expect((caught as PostingNotAppliedError).part).toBe('stock');
    expect(dbErrorInfo(caught).pgCode).toBe('TQ001');
    expect(await owner().select().from(stockBalances).where(eq(stockBalances.productId, product.id))).toEqual(before);
    expect(await owner().select().from(stockLedger).where(eq(stockLedger.productId, product.id))).toHaveLength(ledgerBefore.length);
    expect(await auditEventsOf(org, 'test.stock')).toHaveLength(0);
    expect(await openTransactions()).toBe(0);
  });

  it('a statement the server refuses is thrown as it came, and the COMMIT behind it rolls everything back', async () => {
    const { tenant } = await tenantWithSale();
    const org = tenant.org.id;
    const [headBefore] = await owner().select().from(auditChainHeads).where(eq(auditChainHeads.chainKey, org));
    const first = event(org, 'test.twice');
    await t.deps.sessions.transaction((tx) => writePosting(tx, { audit: first }, { commit: true }), { organizationId: org });
    const [headAfterFirst] = await owner().select().from(auditChainHeads).where(eq(auditChainHeads.chainKey, org));
    expect(Number(headAfterFirst!.seq)).toBe(Number(headBefore!.seq) + 1);
    // The same event id again: the audit row's primary key refuses it at the end of the statement.
    const err = await t.deps.sessions
      .transaction((tx) => writePosting(tx, { audit: { ...event(org, 'test.twice'), id: first.id } }, { commit: true }), {
        organizationId: org,
        retry: false,
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(dbErrorInfo(err).pgCode).toBe('23505');
    // The chain head the refused statement advanced was rolled back with it.
    const [headAfter] = await owner().select().from(auditChainHeads).where(eq(auditChainHeads.chainKey, org));
    expect(headAfter).toEqual(headAfterFirst);
    expect(await auditEventsOf(org, 'test.twice')).toHaveLength(1);
    expect(await openTransactions()).toBe(0);
  });

  it('an audit chain whose head has gone is retried the ordinary way, which reports that nothing was audited', async () => {
    const { tenant } = await tenantWithSale();
    const org = tenant.org.id;
    await owner().delete(auditChainHeads).where(eq(auditChainHeads.chainKey, org));
    const attempts: { committed: boolean; audited: boolean }[] = [];
    const seen: unknown[] = [];
    const result = await t.deps.sessions.transaction(
      async (tx) => {
        try {
          const r = await writePosting(tx, { audit: event(org, 'test.headless') }, { commit: true });
          attempts.push({ committed: r.committed, audited: r.audited !== null });
          return r;
        } catch (e) {
          seen.push(dbErrorInfo(e).pgCode);
          throw e;
        }
      },
      { organizationId: org },
    );
    // First attempt: the statement's own check (40001, a serialization failure: retried); second: the ordinary path.
    expect(seen).toEqual(['40001']);
    expect(attempts).toEqual([{ committed: false, audited: false }]);
    expect(result.audited).toBeNull();
    expect(await auditEventsOf(org, 'test.headless')).toHaveLength(0);
  });

  it('invoices through the API commit with their posting and keep their numbers gapless under concurrency', async () => {
    const { tenant, customer, product } = await tenantWithSale('100');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        postVoucher(
          t,
          tenant.user.token,
          'sales',
          { customer_id: customer.id, date: '2025-07-01', items: [{ product_id: product.id, quantity: '2' }] },
          i % 2 === 0 ? { 'idempotency-key': `commit-test-${i}` } : {},
        ),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    const numbers = results.map((r) => r.json().voucher_number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `SV/2526/${String(i + 2).padStart(5, '0')}`));
    // A keyed request replayed answers the voucher it made (the key was pointed at it by the posting).
    const replay = await postVoucher(
      t,
      tenant.user.token,
      'sales',
      { customer_id: customer.id, date: '2025-07-01', items: [{ product_id: product.id, quantity: '2' }] },
      { 'idempotency-key': 'commit-test-4' },
    );
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(results[4]!.json().id);
    const rows = await owner().select().from(vouchers).where(eq(vouchers.organizationId, tenant.org.id));
    expect(rows).toHaveLength(13);
    const [balance] = await owner().select().from(stockBalances).where(eq(stockBalances.productId, product.id));
    expect(balance!.quantity).toBe('75.000');
    expect(await openTransactions()).toBe(0);
  });
});
