import { describe, expect, it } from 'vitest';
import { camelizeKeys, snakeizeKeys } from '../case';
import { dec, toMoney, ZERO, type Decimal } from '../money';
import type { PostingAccount, PostingAmount, VoucherTypeDefinition } from './definition';
import { voucherTypeDefinitionSchema, voucherTypeWireSchema } from './definition.schema';
import {
  BUILT_IN_VOUCHER_TYPES,
  findVoucherType,
  NOTE_VOUCHER_TYPES,
  registerVoucherType,
  unregisterVoucherType,
  voucherTypes,
} from './registry';

const { creditNote: CREDIT_NOTE, debitNote: DEBIT_NOTE } = NOTE_VOUCHER_TYPES;
const { receipt: RECEIPT, payment: PAYMENT, contra: CONTRA, journal: JOURNAL } = BUILT_IN_VOUCHER_TYPES;

/**
 * A reading of a posting rule for a voucher's figures: what the books issue's engine will do,
 * written small here to check that the rules of the eight types of BOOKS.md's posting table say
 * what that table says (and balance), not only that they parse.
 */
function post(
  def: VoucherTypeDefinition,
  figures: Partial<Record<PostingAmount, string>>,
  context: { hasParty: boolean; header?: Record<string, string> },
): { account: string; debit: string; credit: string }[] {
  const rule = def.posting;
  if (rule?.kind !== 'entries') throw new Error(`${def.type} posts its own ledger lines`);
  const nameOf = (a: PostingAccount): string => {
    if (a.from === 'party') return 'party';
    if (a.from === 'system') return a.ledger;
    if (a.from === 'party_or_header' && context.hasParty) return 'party';
    return `header:${context.header?.[a.field] ?? '?'}`;
  };
  const rows: { account: string; debit: string; credit: string }[] = [];
  for (const entry of rule.entries) {
    let value: Decimal = dec(figures[entry.amount] ?? '0');
    let side = entry.side;
    if (value.lt(ZERO)) {
      if (!entry.negativeToOtherSide) throw new Error(`${entry.amount} is negative`);
      value = value.abs();
      side = side === 'debit' ? 'credit' : 'debit';
    }
    if (value.eq(ZERO)) continue;
    rows.push({
      account: nameOf(entry.account),
      debit: side === 'debit' ? toMoney(value) : '0.00',
      credit: side === 'credit' ? toMoney(value) : '0.00',
    });
  }
  return rows;
}

const total = (rows: { debit: string; credit: string }[], side: 'debit' | 'credit') =>
  toMoney(rows.reduce((sum, r) => sum.plus(dec(r[side])), ZERO));

/** An intra-state invoice: 1,000.00 taxable at 18 % (90.00 + 90.00), rounded down by 0.20 to 1,179.80… */
const intraRoundedDown = {
  taxable_total: '1000.00',
  cgst_total: '90.00',
  sgst_total: '90.00',
  igst_total: '0.00',
  round_off: '-0.20',
  grand_total: '1179.80',
};
/** …and an inter-state one, rounded up: 999.99 + 179.99 IGST = 1,179.98, rounded to 1,180.00. */
const interRoundedUp = {
  taxable_total: '999.99',
  cgst_total: '0.00',
  sgst_total: '0.00',
  igst_total: '179.99',
  round_off: '0.02',
  grand_total: '1180.00',
};

describe('voucher type definitions', () => {
  it('every built-in and every future type of BOOKS.md is a valid definition', () => {
    for (const def of [...Object.values(BUILT_IN_VOUCHER_TYPES), ...Object.values(NOTE_VOUCHER_TYPES)]) {
      const parsed = voucherTypeDefinitionSchema.safeParse(def);
      expect(parsed.success, `${def.type}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
    expect(Object.values(BUILT_IN_VOUCHER_TYPES).map((d) => d.defaultPrefix)).toEqual(['SV', 'PV', 'RC', 'PY', 'CT', 'JV']);
    expect(Object.values(NOTE_VOUCHER_TYPES).map((d) => d.defaultPrefix)).toEqual(['CN', 'DN']);
  });

  it('each item type names the product price its lines start at: sales and credit notes sell, purchase and debit notes buy', () => {
    expect(
      [BUILT_IN_VOUCHER_TYPES.sales, BUILT_IN_VOUCHER_TYPES.purchase, CREDIT_NOTE, DEBIT_NOTE].map((d) => [d.type, d.defaultPrice]),
    ).toEqual([
      ['sales', 'sale'],
      ['purchase', 'purchase'],
      ['credit-note', 'sale'],
      ['debit-note', 'purchase'],
    ]);
  });

  it('sales and purchase post as BOOKS.md says, balanced, with the round-off on either side', () => {
    const sales = BUILT_IN_VOUCHER_TYPES.sales;
    expect(post(sales, intraRoundedDown, { hasParty: true })).toEqual([
      { account: 'party', debit: '1179.80', credit: '0.00' },
      { account: 'sales', debit: '0.00', credit: '1000.00' },
      { account: 'output_cgst', debit: '0.00', credit: '90.00' },
      { account: 'output_sgst', debit: '0.00', credit: '90.00' },
      { account: 'round_off', debit: '0.20', credit: '0.00' },
    ]);
    const purchase = post(BUILT_IN_VOUCHER_TYPES.purchase, interRoundedUp, { hasParty: true });
    expect(purchase).toEqual([
      { account: 'purchase', debit: '999.99', credit: '0.00' },
      { account: 'input_igst', debit: '179.99', credit: '0.00' },
      { account: 'round_off', debit: '0.02', credit: '0.00' },
      { account: 'party', debit: '0.00', credit: '1180.00' },
    ]);
    for (const [def, figures] of [
      [sales, interRoundedUp],
      [BUILT_IN_VOUCHER_TYPES.purchase, intraRoundedDown],
    ] as const) {
      const rows = post(def, figures, { hasParty: true });
      expect(total(rows, 'debit'), def.type).toBe(total(rows, 'credit'));
    }
  });

  it('credit and debit notes mirror the invoices they return against, and say what they take from them', () => {
    const cn = post(CREDIT_NOTE, intraRoundedDown, { hasParty: true });
    expect(cn).toEqual([
      { account: 'sales', debit: '1000.00', credit: '0.00' },
      { account: 'output_cgst', debit: '90.00', credit: '0.00' },
      { account: 'output_sgst', debit: '90.00', credit: '0.00' },
      { account: 'round_off', debit: '0.00', credit: '0.20' },
      { account: 'party', debit: '0.00', credit: '1179.80' },
    ]);
    const dn = post(DEBIT_NOTE, interRoundedUp, { hasParty: true });
    expect(dn[0]).toEqual({ account: 'party', debit: '1180.00', credit: '0.00' });
    expect(dn.find((r) => r.account === 'round_off')).toEqual({ account: 'round_off', debit: '0.00', credit: '0.02' });
    for (const rows of [cn, dn]) expect(total(rows, 'debit')).toBe(total(rows, 'credit'));
    expect(CREDIT_NOTE.against).toMatchObject({ types: ['sales'], cardinality: 'one', required: true, sameParty: true, purpose: 'return' });
    expect(CREDIT_NOTE.against!.takes).toEqual(expect.arrayContaining(['line_items', 'line_rates', 'place_of_supply']));
    expect(DEBIT_NOTE.against!.types).toEqual(['purchase']);
    expect([CREDIT_NOTE.stockDirection, DEBIT_NOTE.stockDirection]).toEqual(['in', 'out']);
  });

  it('receipts and payments move money between a cash or bank ledger and the party (or another ledger), and settle bills', () => {
    const header = { cash_bank_ledger_id: 'HDFC', other_ledger_id: 'Loan from director' };
    expect(post(RECEIPT, { amount: '5000.00' }, { hasParty: true, header })).toEqual([
      { account: 'header:HDFC', debit: '5000.00', credit: '0.00' },
      { account: 'party', debit: '0.00', credit: '5000.00' },
    ]);
    expect(post(RECEIPT, { amount: '5000.00' }, { hasParty: false, header })[1]).toEqual({
      account: 'header:Loan from director',
      debit: '0.00',
      credit: '5000.00',
    });
    expect(post(PAYMENT, { amount: '750.50' }, { hasParty: true, header })).toEqual([
      { account: 'party', debit: '750.50', credit: '0.00' },
      { account: 'header:HDFC', debit: '0.00', credit: '750.50' },
    ]);
    const cashBank = RECEIPT.headerFields.find((f) => f.name === 'cash_bank_ledger_id');
    expect(cashBank).toMatchObject({ kind: 'ledger', required: true, ledgerGroups: ['cash_in_hand', 'bank_accounts'] });
    expect(RECEIPT.headerFields.find((f) => f.name === 'instrument_number')?.when).toEqual({ field: 'mode', in: ['cheque'] });
    expect(RECEIPT.against).toMatchObject({ purpose: 'settlement', cardinality: 'many', required: false, limit: 'outstanding' });
    expect([RECEIPT.lines, RECEIPT.stockDirection, RECEIPT.supplyRule]).toEqual(['none', 'none', null]);
  });

  it('contra and journal are ledger lines without a party; contra only between cash and bank; admins only', () => {
    expect(CONTRA).toMatchObject({
      party: null,
      lines: 'ledger',
      posting: { kind: 'ledger_lines', minLines: 2, ledgerGroups: ['cash_in_hand', 'bank_accounts'] },
    });
    expect(JOURNAL).toMatchObject({ party: null, lines: 'ledger', posting: { kind: 'ledger_lines', minLines: 2 } });
    expect(JOURNAL.posting).not.toHaveProperty('ledgerGroups');
    for (const def of [CONTRA, JOURNAL]) expect(def.roles.create).toEqual(['org_admin', 'admin']);
  });

  it('refuses definitions whose parts do not fit together, naming the part', () => {
    const problems = (def: unknown) =>
      (voucherTypeDefinitionSchema.safeParse(def).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(problems({ ...JOURNAL, posting: RECEIPT.posting })).toEqual(
      expect.arrayContaining(['posting: ledger lines post as themselves']),
    );
    expect(problems({ ...RECEIPT, headerFields: RECEIPT.headerFields.filter((f) => f.name !== 'amount') })).toEqual(
      expect.arrayContaining([
        'headerFields: a voucher without lines needs an `amount` field',
        'posting.entries.0.amount: amount is not a figure this voucher has',
      ]),
    );
    expect(problems({ ...CONTRA, stockDirection: 'in' })).toContain('stockDirection: only item lines move stock');
    expect(problems({ ...BUILT_IN_VOUCHER_TYPES.sales, party: null })).toEqual(
      expect.arrayContaining(['supplyRule: the place of supply needs a party', 'posting.entries.0.account: the voucher has no party']),
    );
    expect(
      problems({ ...BUILT_IN_VOUCHER_TYPES.sales, roles: { read: ['org_admin'], create: ['standard_user'], cancel: ['org_admin'] } }),
    ).toEqual(['roles.create: whoever may do this must be able to read']);
    expect(problems({ ...BUILT_IN_VOUCHER_TYPES.sales, type: 'Sales Return' })[0]).toMatch(/^type: /);
    const { defaultPrice: _price, ...noPrice } = BUILT_IN_VOUCHER_TYPES.sales;
    expect(problems(noPrice)).toEqual(['defaultPrice: item lines start at a product price: name it (sale or purchase)']);
    expect(problems({ ...CONTRA, defaultPrice: 'sale' })).toEqual(['defaultPrice: only item lines have a product price']);
    const invoice = BUILT_IN_VOUCHER_TYPES.sales.document!;
    expect(problems({ ...JOURNAL, document: { ...invoice, upiQr: false } })).toEqual([
      'document.layout: a tax invoice prints a party and item lines',
    ]);
    expect(problems({ ...BUILT_IN_VOUCHER_TYPES.purchase, document: invoice })).toEqual(['document.upiQr: only a customer pays by UPI']);
  });

  it('has a PDF when its definition names a document layout: sales and purchase today, notes by their definition alone', () => {
    expect(BUILT_IN_VOUCHER_TYPES.sales.document).toEqual({
      layout: 'tax_invoice',
      title: 'Tax Invoice',
      numberLabel: 'Invoice no.',
      upiQr: true,
    });
    expect(BUILT_IN_VOUCHER_TYPES.purchase.document).toMatchObject({ layout: 'tax_invoice', upiQr: false });
    expect(CREDIT_NOTE.document).toMatchObject({ layout: 'tax_invoice', title: 'Credit Note' });
    expect(DEBIT_NOTE.document).toMatchObject({ layout: 'tax_invoice', title: 'Debit Note' });
    expect(voucherTypeDefinitionSchema.safeParse(CREDIT_NOTE).success).toBe(true);
  });

  it('travels as snake_case JSON and back unchanged (what the API publishes and the web app reads)', () => {
    for (const def of voucherTypes()) {
      const wire = JSON.parse(JSON.stringify(snakeizeKeys(def))) as unknown;
      expect(voucherTypeWireSchema.safeParse(wire).success, def.type).toBe(true);
      expect(camelizeKeys(voucherTypeWireSchema.parse(wire))).toEqual(def);
    }
  });

  it('the registry refuses a second type of a name or default prefix, and one made against a type it does not know', () => {
    expect(
      voucherTypes()
        .map((d) => d.type)
        .slice(0, 8),
    ).toEqual(['sales', 'purchase', 'receipt', 'payment', 'contra', 'journal', 'credit-note', 'debit-note']);
    expect(findVoucherType('sales')).toBe(BUILT_IN_VOUCHER_TYPES.sales);
    expect(Object.isFrozen(findVoucherType('sales')!.roles)).toBe(true);
    expect(() => registerVoucherType({ ...BUILT_IN_VOUCHER_TYPES.sales })).toThrow('"sales" is already registered');
    expect(() => registerVoucherType({ ...CREDIT_NOTE, type: 'sales-copy', defaultPrefix: 'SV' })).toThrow(
      'prefix SV is already the sales prefix',
    );
    expect(() =>
      registerVoucherType({
        ...CREDIT_NOTE,
        type: 'credit-note-copy',
        defaultPrefix: 'CNX',
        against: { ...CREDIT_NOTE.against!, types: ['no-such-type'] },
      }),
    ).toThrow('made against "no-such-type", which is not registered');
    expect(() => registerVoucherType({ ...CREDIT_NOTE })).toThrow('"credit-note" is already registered');
    expect(findVoucherType('credit-note')).toBe(CREDIT_NOTE);
    expect(findVoucherType('credit-note-copy')).toBeUndefined();
  });

  it('a type added for a while is removed again, leaving the list as it was; built-in types and types others are made against stay', () => {
    const before = voucherTypes();
    const order = registerVoucherType({ ...BUILT_IN_VOUCHER_TYPES.sales, type: 'order-for-a-while', defaultPrefix: 'OFW', against: null });
    const back = registerVoucherType({
      ...CREDIT_NOTE,
      type: 'order-return-for-a-while',
      defaultPrefix: 'ORW',
      against: { ...CREDIT_NOTE.against!, types: ['order-for-a-while'] },
    });
    expect(voucherTypes()).toEqual([...before, order, back]);
    expect(() => unregisterVoucherType('order-for-a-while')).toThrow(
      'Voucher type "order-for-a-while" cannot be removed: "order-return-for-a-while" is made against it',
    );
    unregisterVoucherType('order-return-for-a-while');
    unregisterVoucherType('order-for-a-while');
    expect(voucherTypes()).toEqual(before);
    expect(findVoucherType('order-for-a-while')).toBeUndefined();
    expect(() => unregisterVoucherType('order-for-a-while')).toThrow('Voucher type "order-for-a-while" is not registered');
    for (const def of [BUILT_IN_VOUCHER_TYPES.sales, BUILT_IN_VOUCHER_TYPES.journal, CREDIT_NOTE, DEBIT_NOTE])
      expect(() => unregisterVoucherType(def.type)).toThrow(`Voucher type "${def.type}" is built in and cannot be removed`);
    expect(voucherTypes()).toEqual(before);
    // Its name and prefix are free again.
    const again = registerVoucherType({ ...BUILT_IN_VOUCHER_TYPES.sales, type: 'order-for-a-while', defaultPrefix: 'OFW', against: null });
    expect(findVoucherType('order-for-a-while')).toBe(again);
    unregisterVoucherType('order-for-a-while');
  });
});
