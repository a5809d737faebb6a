import { describe, expect, it } from 'vitest';
import { postingStatement, postingText, postingValues } from './posting.statement';
import type { AllocationWrite, BillWrite, LedgerWrite, Posting } from './posting.types';

/**
 * The posting statement's text is built once per shape and its values collected per posting by a
 * second walk (posting.statement.ts). These tests hold the two walks to each other over every part
 * and kind: same values in the same order, and the cached text the same as a fresh build. Every row
 * here names its id, so no column's $defaultFn makes the two walks' values differ.
 */

const ORG = '01900000-0000-7000-8000-000000000001';
const USER = '01900000-0000-7000-8000-000000000002';
let counter = 0;
const id = () => `01900000-0000-7000-8000-${String(++counter).padStart(12, '0')}`;
const at = new Date('2026-12-06T05:30:00.000Z');

function header(voucherId: string, extra: Record<string, unknown> = {}) {
  return {
    id: voucherId,
    organizationId: ORG,
    voucherType: 'sales',
    voucherNumber: `SV/2627/${counter}`,
    fiscalYear: '2026-27',
    seq: counter,
    voucherDate: '2026-12-06',
    partyId: id(),
    partyName: 'Asha Traders',
    isInterState: false,
    lineCount: 2,
    discountAmount: '0.00',
    taxableAmount: '100.00',
    cgstAmount: '9.00',
    sgstAmount: '9.00',
    igstAmount: '0.00',
    totalAmount: '118.00',
    roundOff: '0.00',
    grandTotal: '118.00',
    createdBy: USER,
    createdAt: at,
    ...extra,
  };
}

function line(voucherId: string, lineNo: number) {
  return {
    id: id(),
    organizationId: ORG,
    voucherId,
    lineNo,
    productId: id(),
    productName: `Item ${lineNo}`,
    hsnCode: '1234',
    unit: 'pcs',
    quantity: `${lineNo}.000`,
    unitPrice: '50.00',
    isGstInclusive: false,
    discountPercentage: '0',
    discountAmount: '0.00',
    gstRate: '18',
    taxableAmount: '50.00',
    cgstAmount: '4.50',
    sgstAmount: '4.50',
    igstAmount: '0.00',
    totalAmount: '59.00',
  };
}

function audit(voucherId: string) {
  return {
    id: id(),
    chainKey: `org:${ORG}`,
    text: `{"voucher":"${voucherId}"}`,
    occurredAt: at,
    organizationId: ORG,
    actorUserId: USER,
    actorEmail: 'a@example.com',
    action: 'voucher.created',
    targetType: 'voucher',
    targetId: voucherId,
    ip: '127.0.0.1',
    userAgent: null,
    success: true,
    details: { voucher_id: voucherId, grand_total: '118.00' },
  };
}

function stock(lines: number) {
  const productIds = Array.from({ length: lines }, id);
  return {
    organizationId: ORG,
    write: {
      balances: productIds.map((productId, i) => ({
        productId,
        delta: `-${i + 1}.000`,
        ledgerSeq: 10 + i,
        averageCost: '40.00',
        value: '400.00',
        valueDelta: '-40.00',
      })),
      ledger: productIds.map((productId, i) => ({
        id: id(),
        organizationId: ORG,
        productId,
        seq: 10 + i,
        entryDate: '2026-12-06',
        quantityChange: `-${i + 1}.000`,
        balanceAfter: '9.000',
        source: 'voucher' as const,
        createdAt: at,
      })),
      date: '2026-12-06',
      allowNegative: false,
      now: at,
    },
  };
}

const entries = (voucherId: string): LedgerWrite => ({
  kind: 'entries',
  voucherId,
  date: '2026-12-06',
  entries: [
    { account: { partyId: id() }, amount: '118.00' },
    { account: { systemKey: 'sales' }, amount: '-100.00' },
    { account: { ledgerId: id() }, amount: '-18.00' },
  ],
});

const billInsert = (voucherId: string): BillWrite => ({
  kind: 'insert',
  row: {
    id: id(),
    organizationId: ORG,
    partyId: id(),
    side: 'receivable',
    voucherId,
    billRef: 'SV/2627/1',
    billDate: '2026-12-06',
    dueDate: '2027-01-05',
    amount: '118.00',
    outstanding: '118.00',
    createdAt: at,
  } as never,
});

const allocate = (voucherId: string, releaseIds: number, bills: number): AllocationWrite => ({
  kind: 'allocate',
  rows: Array.from({ length: bills }, () => ({
    id: id(),
    organizationId: ORG,
    billId: id(),
    partyId: id(),
    voucherId,
    amount: '10.00',
    createdAt: at,
  })) as never,
  bills: Array.from({ length: bills }, () => ({ billId: id(), amount: '10.00' })),
  releaseIds: Array.from({ length: releaseIds }, id),
  at,
});

/** A posting of each kind the engine writes: invoice (with email), note, receipt, journal, cancel, allocation. */
function postings() {
  const v = () => id();
  const sale = v();
  const receipt = v();
  const journal = v();
  const cancelled = v();
  const allocated = v();
  const emailed = v();
  const keyed = v();
  const all: Record<string, Posting> = {
    invoice: {
      voucher: { header: header(sale), lines: [line(sale, 1), line(sale, 2)] },
      stock: stock(2),
      ledger: { organizationId: ORG, write: entries(sale) },
      bill: { organizationId: ORG, write: billInsert(sale) },
      audit: audit(sale),
    },
    'invoice with its email': {
      outbox: {
        id: id(),
        organizationId: ORG,
        template: 'voucher',
        toEmail: 'b@example.com',
        subject: 'Invoice',
        relatedType: 'voucher',
        relatedId: emailed,
        createdAt: at,
      } as never,
      voucher: { header: header(emailed, { emailStatus: 'queued', emailTo: 'b@example.com' }), lines: [line(emailed, 1)] },
      stock: stock(1),
      ledger: { organizationId: ORG, write: entries(emailed) },
      bill: { organizationId: ORG, write: billInsert(emailed) },
      audit: audit(emailed),
    },
    'receipt settling two bills, one on-account row released': {
      voucher: { header: header(receipt, { voucherType: 'receipt', lineCount: 0 }), lines: [] },
      ledger: { organizationId: ORG, write: entries(receipt) },
      allocations: { organizationId: ORG, write: allocate(receipt, 1, 2) },
      audit: audit(receipt),
    },
    'journal with its ledger lines': {
      voucher: {
        header: header(journal, { voucherType: 'journal', partyId: null }),
        lines: [],
        ledgerLines: [1, 2].map((lineNo) => ({
          organizationId: ORG,
          voucherId: journal,
          lineNo,
          ledgerId: id(),
          amount: lineNo === 1 ? '5.00' : '-5.00',
          narration: null,
        })),
      },
      ledger: { organizationId: ORG, write: entries(journal) },
      audit: audit(journal),
    },
    cancel: {
      stock: stock(3),
      ledger: { organizationId: ORG, write: { kind: 'reverse', voucherId: cancelled } },
      bill: { organizationId: ORG, write: { kind: 'cancel', voucherId: cancelled, at } },
      allocations: { organizationId: ORG, write: { kind: 'release', voucherId: cancelled, at } },
      audit: audit(cancelled),
    },
    'allocation of an advance (no release: the organisation bound at the bills)': {
      allocations: { organizationId: ORG, write: allocate(allocated, 0, 1) },
      audit: audit(allocated),
    },
    'audit only': { audit: audit(v()) },
    'invoice with its idempotency key': {
      voucher: { header: header(keyed), lines: [line(keyed, 1)] },
      stock: stock(1),
      ledger: { organizationId: ORG, write: entries(keyed) },
      bill: { organizationId: ORG, write: billInsert(keyed) },
      idempotency: { organizationId: ORG, scope: 'voucher:sales', key: 'key-1', voucherId: keyed },
      audit: audit(keyed),
    },
  };
  return all as Record<string, Posting> & { invoice: Posting };
}

describe('the posting statement built once per shape (posting.statement.ts)', () => {
  for (const [name, posting] of Object.entries(postings())) {
    for (const checked of [false, true]) {
      it(`${name}${checked ? ', with its own checks' : ''}: the values walk collects what the text binds, in the same order`, () => {
        const built = postingText(posting, checked);
        const text = built.text;
        const collected = postingValues(posting, checked);
        expect(collected.values).toEqual(built.values);
        // Every placeholder the text uses is bound, and every bound value used.
        const used = new Set([...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
        expect(used).toEqual(new Set(built.values.map((_, i) => i + 1)));
        const statement = postingStatement(posting, checked);
        expect(statement.text).toBe(text);
        expect(statement.values).toEqual(built.values);
      });
    }
  }

  it('a posting that commits with its statement checks its stock, its audit event and its key there; another does not', () => {
    const posting = postings()['invoice with its idempotency key']!;
    const plain = postingStatement(posting);
    const checked = postingStatement(posting, true);
    expect(checked.values).toEqual(plain.values);
    expect(plain.text).not.toContain('tritiq_posting_check');
    expect(checked.text).toContain("tritiq_posting_check((SELECT count(*) FROM pv_stock) = 1, 'stock', 'TQ001')");
    expect(checked.text).toContain("tritiq_posting_check(EXISTS (SELECT 1 FROM pv_audit), 'audit', '40001')");
    expect(checked.text).toContain("tritiq_posting_check((SELECT count(*) FROM pv_idempotency) = 1, 'idempotency', 'TQ002')");
    // Cached by shape: asking again in either mode gives that mode's text.
    expect(postingStatement(posting).text).toBe(plain.text);
    expect(postingStatement(posting, true).text).toBe(checked.text);
  });

  it('reuses the one text for a posting of the same shape, and builds another for another shape', () => {
    const first = postingStatement(postings().invoice);
    const second = postingStatement(postings().invoice);
    expect(second.text).toBe(first.text);
    expect(second.values).not.toEqual(first.values);

    // Another number of lines, another text; the same as a fresh build of it.
    const sale = id();
    const three: Posting = {
      voucher: { header: header(sale), lines: [line(sale, 1), line(sale, 2), line(sale, 3)] },
      stock: stock(3),
      ledger: { organizationId: ORG, write: entries(sale) },
      bill: { organizationId: ORG, write: billInsert(sale) },
      audit: audit(sale),
    };
    const longer = postingStatement(three);
    expect(longer.text).not.toBe(first.text);
    expect(longer.text).toBe(postingText(three).text);
  });

  it('tells apart rows whose cells are the SQL DEFAULT from rows that bind a value there', () => {
    const sale = id();
    const base = postings().invoice;
    // email_status left to its DEFAULT, then given.
    const withDefault: Posting = { ...base, voucher: { header: header(sale), lines: base.voucher!.lines } };
    const withValue: Posting = { ...base, voucher: { header: header(sale, { emailStatus: 'queued' }), lines: base.voucher!.lines } };
    const a = postingStatement(withDefault);
    const b = postingStatement(withValue);
    expect(b.values.length).toBe(a.values.length + 1);
    expect(a.text).toBe(postingText(withDefault).text);
    expect(b.text).toBe(postingText(withValue).text);
    expect(b.text).not.toBe(a.text);
  });

  it('still refuses a ledger posting without entries, whatever was cached', () => {
    const sale = id();
    const empty: Posting = {
      ledger: { organizationId: ORG, write: { kind: 'entries', voucherId: sale, date: '2026-12-06', entries: [] } },
      audit: audit(sale),
    };
    expect(() => postingStatement(empty)).toThrow(/needs entries/);
  });
});
