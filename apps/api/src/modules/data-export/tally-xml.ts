import { dec, toMoney, ZERO } from '@tritiq/contracts';
import { XMLParser } from 'fast-xml-parser';

/**
 * TallyPrime's XML import format (Tally's developer reference, "Integration using XML" and
 * "Understanding Integration - Transactions"): an ENVELOPE whose HEADER asks `Import Data` and
 * whose BODY holds IMPORTDATA: a REQUESTDESC (REPORTNAME `All Masters` or `Vouchers`, the
 * company in STATICVARIABLES/SVCURRENTCOMPANY) and REQUESTDATA, a run of TALLYMESSAGE elements
 * each holding one GROUP, LEDGER, UNIT, STOCKITEM or VOUCHER. Dates are yyyymmdd. In a voucher's
 * ALLLEDGERENTRIES.LIST a debit is a negative AMOUNT with ISDEEMEDPOSITIVE Yes and a credit a
 * positive AMOUNT with ISDEEMEDPOSITIVE No; a ledger's OPENINGBALANCE is signed the same way
 * (debit negative). README "Tally export" maps our fields to these tags.
 */

export interface TallyGroup {
  name: string;
  parent: string | null;
}
export interface TallyLedger {
  name: string;
  group: string;
  /** Debit positive, as our ledgers keep it. */
  openingBalance: string;
}
export interface TallyStockItem {
  name: string;
  unit: string;
  hsn: string | null;
  gstRate: string;
}
export interface TallyInventoryLine {
  item: string;
  quantity: string;
  unit: string;
  rate: string;
  discount: string;
  amount: string;
}
export interface TallyVoucher {
  type: string;
  number: string;
  date: string;
  party: string | null;
  narration: string | null;
  /** Debit positive, credit negative, as our ledger entries; they sum to zero. */
  entries: { ledger: string; amount: string }[];
  inventory: TallyInventoryLine[];
}

/** Our voucher types as Tally's predefined voucher type names. */
export const TALLY_VOUCHER_TYPES: Readonly<Record<string, string>> = {
  sales: 'Sales',
  purchase: 'Purchase',
  receipt: 'Receipt',
  payment: 'Payment',
  contra: 'Contra',
  journal: 'Journal',
  'credit-note': 'Credit Note',
  'debit-note': 'Debit Note',
};

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const tag = (name: string, value: string | null | undefined) =>
  value === null || value === undefined || value === '' ? '' : `<${name}>${escape(value)}</${name}>`;
const tallyDate = (iso: string) => iso.replaceAll('-', '');
/** Tally's sign: a debit is negative. */
const tallySigned = (debitPositive: string) => toMoney(dec(debitPositive).neg());

export function envelopeStart(report: 'All Masters', company: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<ENVELOPE><HEADER><TALLYREQUEST>Import Data</TALLYREQUEST></HEADER><BODY><IMPORTDATA>' +
    `<REQUESTDESC><REPORTNAME>${report}</REPORTNAME><STATICVARIABLES>${tag('SVCURRENTCOMPANY', company)}</STATICVARIABLES></REQUESTDESC>` +
    '<REQUESTDATA>\n'
  );
}

export const ENVELOPE_END = '</REQUESTDATA></IMPORTDATA></BODY></ENVELOPE>\n';

const message = (body: string) => `<TALLYMESSAGE xmlns:UDF="TallyUDF">${body}</TALLYMESSAGE>\n`;

/** A sub-group under its parent (primary groups are not written: they are Tally's own 28, under the same names). */
export function groupXml(g: TallyGroup & { parent: string }): string {
  return message(`<GROUP NAME="${escape(g.name)}" ACTION="Create">${tag('NAME', g.name)}${tag('PARENT', g.parent)}</GROUP>`);
}

export function ledgerXml(l: TallyLedger): string {
  return message(
    `<LEDGER NAME="${escape(l.name)}" ACTION="Create">${tag('NAME', l.name)}${tag('PARENT', l.group)}` +
      `${tag('OPENINGBALANCE', tallySigned(l.openingBalance))}</LEDGER>`,
  );
}

export function unitXml(unit: string): string {
  return message(`<UNIT NAME="${escape(unit)}" ACTION="Create">${tag('NAME', unit)}<ISSIMPLEUNIT>Yes</ISSIMPLEUNIT></UNIT>`);
}

export function stockItemXml(s: TallyStockItem): string {
  const gst =
    '<GSTAPPLICABLE>Applicable</GSTAPPLICABLE><GSTDETAILS.LIST>' +
    `${tag('HSNCODE', s.hsn)}<TAXABILITY>${dec(s.gstRate).eq(ZERO) ? 'Nil Rated' : 'Taxable'}</TAXABILITY>` +
    '<STATEWISEDETAILS.LIST><STATENAME>Any</STATENAME>' +
    `<RATEDETAILS.LIST><GSTRATEDUTYHEAD>IGST</GSTRATEDUTYHEAD>${tag('GSTRATE', s.gstRate)}</RATEDETAILS.LIST>` +
    '</STATEWISEDETAILS.LIST></GSTDETAILS.LIST>';
  return message(`<STOCKITEM NAME="${escape(s.name)}" ACTION="Create">${tag('NAME', s.name)}${tag('BASEUNITS', s.unit)}${gst}</STOCKITEM>`);
}

export function voucherXml(v: TallyVoucher): string {
  const entries = v.entries
    .map(
      (e) =>
        `<ALLLEDGERENTRIES.LIST>${tag('LEDGERNAME', e.ledger)}<ISDEEMEDPOSITIVE>${dec(e.amount).gt(ZERO) ? 'Yes' : 'No'}</ISDEEMEDPOSITIVE>` +
        `${tag('ISPARTYLEDGER', e.ledger === v.party ? 'Yes' : 'No')}${tag('AMOUNT', tallySigned(e.amount))}</ALLLEDGERENTRIES.LIST>`,
    )
    .join('');
  // Items as Tally's inventory allocations of the voucher (quantity with its unit, rate, discount); the ledger entries carry the books.
  const inventory = v.inventory
    .map(
      (i) =>
        `<INVENTORYENTRIES.LIST>${tag('STOCKITEMNAME', i.item)}${tag('RATE', `${i.rate}/${i.unit}`)}` +
        `${tag('ACTUALQTY', `${i.quantity} ${i.unit}`)}${tag('BILLEDQTY', `${i.quantity} ${i.unit}`)}` +
        `${tag('DISCOUNT', i.discount)}${tag('AMOUNT', i.amount)}</INVENTORYENTRIES.LIST>`,
    )
    .join('');
  return message(
    `<VOUCHER VCHTYPE="${escape(v.type)}" ACTION="Create">${tag('DATE', tallyDate(v.date))}${tag('VOUCHERTYPENAME', v.type)}` +
      `${tag('VOUCHERNUMBER', v.number)}${tag('PARTYLEDGERNAME', v.party)}${tag('NARRATION', v.narration)}` +
      `${entries}${inventory}</VOUCHER>`,
  );
}

export interface TallyDocument {
  company: string | null;
  report: string;
  groups: TallyGroup[];
  ledgers: TallyLedger[];
  units: string[];
  stockItems: TallyStockItem[];
  vouchers: TallyVoucher[];
}

const list = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const ourSigned = (tally: unknown) => toMoney(dec(text(tally)).neg());
const isoDate = (d: string) => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

/**
 * Reads a Tally import file back into masters and vouchers (ours, or one Tally wrote in the same
 * shape): the round-trip test checks that an export gives back the same vouchers, ledger amounts
 * and totals. Every value is read as text (amounts are never floats).
 */
export function parseTallyXml(xml: string): TallyDocument {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
  });
  const root = parser.parse(xml) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const importData = root.ENVELOPE?.BODY?.IMPORTDATA;
  if (!importData) throw new Error('not a Tally import file: no ENVELOPE/BODY/IMPORTDATA');
  const doc: TallyDocument = {
    company: text(importData.REQUESTDESC?.STATICVARIABLES?.SVCURRENTCOMPANY) || null,
    report: text(importData.REQUESTDESC?.REPORTNAME),
    groups: [],
    ledgers: [],
    units: [],
    stockItems: [],
    vouchers: [],
  };
  for (const m of list(importData.REQUESTDATA?.TALLYMESSAGE)) {
    for (const g of list(m.GROUP)) {
      doc.groups.push({ name: text(g.NAME), parent: text(g.PARENT) || null });
    }
    for (const l of list(m.LEDGER))
      doc.ledgers.push({ name: text(l.NAME), group: text(l.PARENT), openingBalance: ourSigned(l.OPENINGBALANCE ?? '0') });
    for (const u of list(m.UNIT)) doc.units.push(text(u.NAME));
    for (const s of list(m.STOCKITEM)) {
      const gst = s['GSTDETAILS.LIST'];
      doc.stockItems.push({
        name: text(s.NAME),
        unit: text(s.BASEUNITS),
        hsn: text(gst?.HSNCODE) || null,
        gstRate: text(gst?.['STATEWISEDETAILS.LIST']?.['RATEDETAILS.LIST']?.GSTRATE),
      });
    }
    for (const v of list(m.VOUCHER)) {
      doc.vouchers.push({
        type: text(v.VOUCHERTYPENAME),
        number: text(v.VOUCHERNUMBER),
        date: isoDate(text(v.DATE)),
        party: text(v.PARTYLEDGERNAME) || null,
        narration: text(v.NARRATION) || null,
        entries: list(v['ALLLEDGERENTRIES.LIST']).map((e: Record<string, unknown>) => ({
          ledger: text(e.LEDGERNAME),
          amount: ourSigned(e.AMOUNT),
        })),
        inventory: list(v['INVENTORYENTRIES.LIST']).map((i: Record<string, unknown>) => {
          const [quantity = '', unit = ''] = text(i.ACTUALQTY).split(' ');
          return {
            item: text(i.STOCKITEMNAME),
            quantity,
            unit,
            rate: text(i.RATE).split('/')[0]!,
            discount: text(i.DISCOUNT) || '0.00',
            amount: text(i.AMOUNT),
          };
        }),
      });
    }
  }
  return doc;
}
