import { dec, gstPeriodRange, toMoney, ZERO, type Decimal } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { tenantTx, type Actor } from '../../lib/actor';
import type { GstReturnsDeps } from './gst-returns.deps';
import { findInwardSums, findOutwardSums, findReturnOrganization, type Month, type TaxSums } from './gst-returns.repo';

interface Sums {
  txval: Decimal;
  iamt: Decimal;
  camt: Decimal;
  samt: Decimal;
}

const zero = (): Sums => ({ txval: ZERO, iamt: ZERO, camt: ZERO, samt: ZERO });
const add = (a: Sums, r: TaxSums): Sums => ({
  txval: a.txval.plus(dec(r.txval)),
  iamt: a.iamt.plus(dec(r.iamt)),
  camt: a.camt.plus(dec(r.camt)),
  samt: a.samt.plus(dec(r.samt)),
});
const heads = (s: Sums) => ({ igst: toMoney(s.iamt), cgst: toMoney(s.camt), sgst: toMoney(s.samt), cess: '0.00' });

/**
 * GSTR-3B's figures for a month, from the voucher lines (credit notes netted from outward
 * supplies, debit notes from inward): what the integrity check compares with the ledgers.
 */
export async function computeGstr3b(db: Executor, organizationId: string, m: Month) {
  const outward = await findOutwardSums(db, organizationId, m);
  const inward = await findInwardSums(db, organizationId, m);
  let taxable = zero();
  let nilOut = ZERO;
  const unregisteredInter = new Map<string, Sums>();
  for (const r of outward) {
    if (r.nil) {
      nilOut = nilOut.plus(dec(r.txval));
      continue;
    }
    taxable = add(taxable, r);
    if (!r.registered && r.inter) unregisteredInter.set(r.pos, add(unregisteredInter.get(r.pos) ?? zero(), r));
  }
  let itc = zero();
  let notClaimed = zero();
  let inwardTaxable = ZERO;
  const nilIn = { inter: ZERO, intra: ZERO };
  for (const r of inward) {
    inwardTaxable = inwardTaxable.plus(dec(r.txval));
    if (r.nil) {
      if (r.inter) nilIn.inter = nilIn.inter.plus(dec(r.txval));
      else nilIn.intra = nilIn.intra.plus(dec(r.txval));
    }
    // Input tax only from vendors with a GSTIN may be claimed (4(A)(5)); the rest is shown apart.
    if (r.registered) itc = add(itc, r);
    else notClaimed = add(notClaimed, r);
  }
  const headList = [
    ['igst', taxable.iamt, itc.iamt],
    ['cgst', taxable.camt, itc.camt],
    ['sgst', taxable.samt, itc.samt],
    ['cess', ZERO, ZERO],
  ] as const;
  return {
    outwardTaxable: { taxableValue: toMoney(taxable.txval), ...heads(taxable) },
    outwardNilRated: { taxableValue: toMoney(nilOut) },
    interStateUnregistered: [...unregisteredInter.entries()]
      .filter(([, s]) => !s.txval.eq(ZERO) || !s.iamt.eq(ZERO))
      .map(([pos, s]) => ({ placeOfSupply: pos, taxableValue: toMoney(s.txval), igst: toMoney(s.iamt) })),
    itcAvailable: heads(itc),
    itcNotClaimed: heads(notClaimed),
    inwardNilRated: { interState: toMoney(nilIn.inter), intraState: toMoney(nilIn.intra) },
    inwardTaxableValue: toMoney(inwardTaxable),
    taxHeads: headList.map(([head, out, credit]) => ({
      head,
      outputTax: toMoney(out),
      inputCredit: toMoney(credit),
      difference: toMoney(out.minus(credit)),
    })),
  };
}

export async function getGstr3b(deps: GstReturnsDeps, actor: Actor, query: { period: string }) {
  const month = gstPeriodRange(query.period);
  return deps.sessions.transaction(
    async (tx) => {
      const org = await findReturnOrganization(tx, actor.organizationId);
      return { period: query.period, retPeriod: month.fp, gstin: org.gstin, ...(await computeGstr3b(tx, actor.organizationId, month)) };
    },
    { ...tenantTx(actor, 'gst.gstr3b', true), isolation: 'repeatable read' },
  );
}
