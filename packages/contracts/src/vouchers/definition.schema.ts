import { z } from 'zod';
import { PARTY_KINDS } from '../masters';
import { ROLES } from '../roles';
import {
  VOUCHER_TYPE_RE,
  STOCK_DIRECTIONS,
  LINE_KINDS,
  PRODUCT_PRICES,
  SUPPLY_RULES,
  SYSTEM_LEDGERS,
  SYSTEM_GROUPS,
  HEADER_FIELD_KINDS,
  AGAINST_TAKES,
  POSTING_AMOUNTS,
  DOCUMENT_LAYOUTS,
} from './definition';

// The Zod schemas of a voucher type definition. definition.ts holds its types, constants and helpers
// without Zod, so that a browser page reading definitions does not load the validator; the API checks
// every definition it registers with `voucherTypeDefinitionSchema` (registry.ts) and serves them with
// `voucherTypeListSchema`.

const roleList = z.array(z.enum(ROLES)).min(1);
const systemGroups = z.array(z.enum(SYSTEM_GROUPS)).min(1);

const headerFieldSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  kind: z.enum(HEADER_FIELD_KINDS),
  required: z.boolean().optional(),
  maxLength: z.number().int().min(1).max(2000).optional(),
  options: z
    .array(z.object({ value: z.string().min(1), label: z.string().min(1) }))
    .min(1)
    .optional(),
  ledgerGroups: systemGroups.optional(),
  when: z.object({ field: z.string(), in: z.array(z.string()).min(1) }).optional(),
  description: z.string().optional(),
});

const accountSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('party') }),
  z.object({ from: z.literal('system'), ledger: z.enum(SYSTEM_LEDGERS) }),
  z.object({ from: z.literal('header'), field: z.string() }),
  z.object({ from: z.literal('party_or_header'), field: z.string() }),
]);

const postingSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('entries'),
    entries: z
      .array(
        z.object({
          side: z.enum(['debit', 'credit']),
          account: accountSchema,
          amount: z.enum(POSTING_AMOUNTS),
          negativeToOtherSide: z.boolean().optional(),
        }),
      )
      .min(2),
  }),
  z.object({ kind: z.literal('ledger_lines'), minLines: z.number().int().min(2), ledgerGroups: systemGroups.optional() }),
]);

/**
 * The shape of a definition, with the rules that tie its parts together (a posting that names a
 * header ledger needs that field, item totals need item lines, and so on). Registering a type
 * checks it; the published list is validated against it too.
 */
export const voucherTypeDefinitionSchema = z
  .object({
    type: z.string().regex(VOUCHER_TYPE_RE, { message: 'must be 2-31 lower-case letters, digits or dashes, starting with a letter' }),
    label: z.string().min(1),
    pluralLabel: z.string().min(1),
    navLabel: z.string().min(1),
    defaultPrefix: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,4}$/),
    party: z.object({ kind: z.enum(PARTY_KINDS), required: z.boolean() }).nullable(),
    stockDirection: z.enum(STOCK_DIRECTIONS),
    supplyRule: z.enum(SUPPLY_RULES).nullable(),
    headerFields: z.array(headerFieldSchema),
    lines: z.enum(LINE_KINDS),
    defaultPrice: z.enum(PRODUCT_PRICES).optional(),
    against: z
      .object({
        types: z.array(z.string().regex(VOUCHER_TYPE_RE)).min(1),
        purpose: z.enum(['return', 'settlement']),
        cardinality: z.enum(['one', 'many']),
        required: z.boolean(),
        sameParty: z.boolean(),
        onOrAfterOriginal: z.boolean(),
        takes: z.array(z.enum(AGAINST_TAKES)),
        limit: z.enum(['remaining_quantity_and_value', 'outstanding']),
      })
      .nullable(),
    posting: postingSchema.nullable(),
    document: z
      .object({ layout: z.enum(DOCUMENT_LAYOUTS), title: z.string().min(1), numberLabel: z.string().min(1), upiQr: z.boolean() })
      .optional(),
    roles: z.object({ read: roleList, create: roleList, cancel: roleList }),
  })
  .superRefine((def, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const fields = new Map(def.headerFields.map((f) => [f.name, f]));
    if (fields.size !== def.headerFields.length) problem(['headerFields'], 'names a field twice');
    def.headerFields.forEach((f, i) => {
      if (f.kind === 'choice' && !f.options) problem(['headerFields', i, 'options'], 'a choice needs options');
      if (f.kind !== 'choice' && f.options) problem(['headerFields', i, 'options'], 'only a choice has options');
      if (f.kind !== 'ledger' && f.ledgerGroups) problem(['headerFields', i, 'ledgerGroups'], 'only a ledger field has groups');
      if (f.when && !fields.has(f.when.field)) problem(['headerFields', i, 'when'], `names no field "${f.when.field}"`);
    });
    if (def.stockDirection !== 'none' && def.lines !== 'items') problem(['stockDirection'], 'only item lines move stock');
    if (def.supplyRule && def.lines !== 'items') problem(['supplyRule'], 'GST is computed on item lines only');
    if (def.lines === 'items' && !def.supplyRule) problem(['supplyRule'], 'item lines carry GST: name a supply rule');
    if (def.lines === 'items' && !def.defaultPrice)
      problem(['defaultPrice'], 'item lines start at a product price: name it (sale or purchase)');
    if (def.lines !== 'items' && def.defaultPrice) problem(['defaultPrice'], 'only item lines have a product price');
    if (def.supplyRule && !def.party) problem(['supplyRule'], 'the place of supply needs a party');
    if (def.lines === 'none' && !fields.has('amount')) problem(['headerFields'], 'a voucher without lines needs an `amount` field');
    if (def.against?.takes.some((t) => t === 'line_items' || t === 'line_rates') && def.lines !== 'items') {
      problem(['against', 'takes'], 'only item lines can be taken from the original');
    }
    if (def.against?.sameParty && !def.party) problem(['against', 'sameParty'], 'the same party needs a party');
    const posting = def.posting;
    if (posting?.kind === 'ledger_lines' && def.lines !== 'ledger') problem(['posting'], 'ledger-line posting needs ledger lines');
    if (def.lines === 'ledger' && posting?.kind !== 'ledger_lines') problem(['posting'], 'ledger lines post as themselves');
    if (posting?.kind === 'entries') {
      const sides = new Set(posting.entries.map((e) => e.side));
      if (sides.size < 2) problem(['posting', 'entries'], 'needs a debit and a credit');
      posting.entries.forEach((e, i) => {
        const at = ['posting', 'entries', i];
        if (e.amount === 'amount' ? !fields.has('amount') : def.lines !== 'items') {
          problem([...at, 'amount'], `${e.amount} is not a figure this voucher has`);
        }
        if ((e.account.from === 'party' || (e.account.from === 'party_or_header' && def.party?.required)) && !def.party) {
          problem([...at, 'account'], 'the voucher has no party');
        }
        if (e.account.from === 'header' || e.account.from === 'party_or_header') {
          const field = fields.get(e.account.field);
          if (field?.kind !== 'ledger') problem([...at, 'account'], `"${e.account.field}" is not a ledger field`);
        }
      });
    }
    if (def.document?.layout === 'tax_invoice' && (def.lines !== 'items' || !def.party)) {
      problem(['document', 'layout'], 'a tax invoice prints a party and item lines');
    }
    if (def.document?.layout === 'payment_receipt' && def.lines !== 'none') {
      problem(['document', 'layout'], 'a payment receipt prints an amount, not lines');
    }
    if (def.document?.upiQr && def.party?.kind !== 'customer') problem(['document', 'upiQr'], 'only a customer pays by UPI');
    for (const key of ['create', 'cancel'] as const) {
      if (def.roles[key].some((r) => !def.roles.read.includes(r))) problem(['roles', key], 'whoever may do this must be able to read');
    }
  });

/**
 * A definition as `GET /api/v1/voucher-types` sends it (snake_case, as every answer): the web
 * app turns it back with `camelizeKeys` and checks it with `voucherTypeDefinitionSchema`.
 */
const wireAccount = z.discriminatedUnion('from', [
  z.object({ from: z.literal('party') }),
  z.object({ from: z.literal('system'), ledger: z.enum(SYSTEM_LEDGERS) }),
  z.object({ from: z.literal('header'), field: z.string() }),
  z.object({ from: z.literal('party_or_header'), field: z.string() }),
]);

export const voucherTypeWireSchema = z
  .object({
    type: z.string(),
    label: z.string(),
    plural_label: z.string(),
    nav_label: z.string(),
    default_prefix: z.string(),
    party: z.object({ kind: z.enum(PARTY_KINDS), required: z.boolean() }).nullable(),
    stock_direction: z.enum(STOCK_DIRECTIONS),
    supply_rule: z.enum(SUPPLY_RULES).nullable(),
    header_fields: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        kind: z.enum(HEADER_FIELD_KINDS),
        required: z.boolean().optional(),
        max_length: z.number().int().optional(),
        options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
        ledger_groups: z.array(z.enum(SYSTEM_GROUPS)).optional(),
        when: z.object({ field: z.string(), in: z.array(z.string()) }).optional(),
        description: z.string().optional(),
      }),
    ),
    lines: z.enum(LINE_KINDS),
    default_price: z.enum(PRODUCT_PRICES).optional().meta({ description: "Item lines: the product's price a line defaults to" }),
    against: z
      .object({
        types: z.array(z.string()),
        purpose: z.enum(['return', 'settlement']),
        cardinality: z.enum(['one', 'many']),
        required: z.boolean(),
        same_party: z.boolean(),
        on_or_after_original: z.boolean(),
        takes: z.array(z.enum(AGAINST_TAKES)),
        limit: z.enum(['remaining_quantity_and_value', 'outstanding']),
      })
      .nullable(),
    posting: z
      .discriminatedUnion('kind', [
        z.object({
          kind: z.literal('entries'),
          entries: z.array(
            z.object({
              side: z.enum(['debit', 'credit']),
              account: wireAccount,
              amount: z.enum(POSTING_AMOUNTS),
              negative_to_other_side: z.boolean().optional(),
            }),
          ),
        }),
        z.object({
          kind: z.literal('ledger_lines'),
          min_lines: z.number().int(),
          ledger_groups: z.array(z.enum(SYSTEM_GROUPS)).optional(),
        }),
      ])
      .nullable(),
    document: z
      .object({ layout: z.enum(DOCUMENT_LAYOUTS), title: z.string(), number_label: z.string(), upi_qr: z.boolean() })
      .optional()
      .meta({ description: 'Its PDF layout (`GET /api/v1/vouchers/{type}/{id}/pdf`); absent: the type has no PDF' }),
    roles: z.object({ read: z.array(z.enum(ROLES)), create: z.array(z.enum(ROLES)), cancel: z.array(z.enum(ROLES)) }),
  })
  .meta({ id: 'VoucherTypeDefinition' });

export const voucherTypeListSchema = z.object({ items: z.array(voucherTypeWireSchema) }).meta({ id: 'VoucherTypeList' });
