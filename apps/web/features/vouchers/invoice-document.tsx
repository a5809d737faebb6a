import { stateNameFor, type partySchema, type voucherSchema } from '@tritiq/contracts';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import type { OrganizationProfile } from '@/lib/organization';
import { formatDate, type DateFormat } from '@/lib/dates';
import { amount, quantity } from '@/lib/format';
import { rateOption } from '@/lib/gst';
import styles from './invoice.module.css';

export type Voucher = z.output<typeof voucherSchema>;
export type Party = z.output<typeof partySchema>;

interface Address {
  name: string;
  lines: string[];
  gstin: string | null;
  stateCode: string | null;
  contact: string[];
}

function fromProfile(p: OrganizationProfile | null, fallbackName: string): Address {
  return {
    name: p?.legal_name ?? p?.name ?? fallbackName,
    lines: [p?.address_line1, p?.address_line2, [p?.city, p?.pin_code].filter(Boolean).join(' - ')].filter((l): l is string => !!l),
    gstin: p?.gstin ?? null,
    stateCode: p?.state_code ?? null,
    contact: [p?.phone, p?.email].filter((l): l is string => !!l),
  };
}

function fromParty(p: Party | null, v: Voucher): Address {
  return {
    name: p?.name ?? v.party?.name ?? '',
    lines: [p?.address_line1, p?.address_line2, [p?.city, p?.pin_code].filter(Boolean).join(' - ')].filter((l): l is string => !!l),
    gstin: p?.gstin ?? v.party?.gstin ?? null,
    stateCode: p?.state_code ?? v.party?.state_code ?? null,
    contact: [p?.contact_number, p?.email].filter((l): l is string => !!l),
  };
}

function state(code: string | null): string {
  return code ? `${stateNameFor(code) ?? ''} (${code})` : '';
}

function Block({ title, a, testId }: { title: string; a: Address; testId: string }) {
  return (
    <div className={styles.block} data-testid={testId}>
      <div className={styles.blockTitle}>{title}</div>
      <div className={styles.partyName}>{a.name}</div>
      {a.lines.map((l) => (
        <div key={l}>{l}</div>
      ))}
      {a.stateCode && <div>State: {state(a.stateCode)}</div>}
      <div>
        GSTIN: <strong>{a.gstin ?? 'Unregistered'}</strong>
      </div>
      {a.contact.length > 0 && <div>{a.contact.join(' · ')}</div>}
    </div>
  );
}

/** The tax invoice as printed (browser print; @media print hides everything else). */
export function InvoiceDocument({
  voucher: v,
  profile,
  party,
  dateFormat,
  payment,
}: {
  voucher: Voucher;
  profile: OrganizationProfile | null;
  party: Party | null;
  dateFormat: DateFormat;
  /** The UPI QR to pay it by, beside the amount in words (as the PDF prints it). */
  payment?: ReactNode;
}) {
  const us = fromProfile(profile, 'Our company');
  const them = fromParty(party, v);
  const sales = v.voucher_type === 'sales';
  const supplier = sales ? us : them;
  const recipient = sales ? them : us;
  const inter = v.is_inter_state;
  return (
    // Focusable: on a phone the invoice scrolls sideways inside its box, and a keyboard must reach it.
    <article className={`${styles.invoice} tritiq-print-area`} aria-label="Tax invoice" data-testid="invoice" tabIndex={0}>
      {v.status === 'cancelled' && <div className={styles.cancelled}>CANCELLED</div>}
      <header className={styles.head}>
        <div>
          <div className={styles.docTitle}>{sales ? 'Tax Invoice' : 'Purchase Voucher'}</div>
          <div className={styles.supplierName}>{supplier.name}</div>
        </div>
        <table className={styles.meta}>
          <tbody>
            <tr>
              <th>{sales ? 'Invoice no.' : 'Voucher no.'}</th>
              <td data-testid="invoice-number">{v.voucher_number}</td>
            </tr>
            <tr>
              <th>Date</th>
              <td>{formatDate(v.date, dateFormat)}</td>
            </tr>
            <tr>
              <th>Place of supply</th>
              <td>{state(v.place_of_supply)}</td>
            </tr>
            {v.supplier_invoice_number && (
              <tr>
                <th>Supplier invoice</th>
                <td>
                  {v.supplier_invoice_number}
                  {v.supplier_invoice_date ? `, ${formatDate(v.supplier_invoice_date, dateFormat)}` : ''}
                </td>
              </tr>
            )}
            {v.reference && (
              <tr>
                <th>Reference</th>
                <td>{v.reference}</td>
              </tr>
            )}
            {v.due_date && (
              <tr>
                <th>Due date</th>
                <td>{formatDate(v.due_date, dateFormat)}</td>
              </tr>
            )}
          </tbody>
        </table>
      </header>
      <section className={styles.parties}>
        <Block title={sales ? 'Supplier' : 'Supplier (vendor)'} a={supplier} testId="invoice-supplier" />
        <Block title={sales ? 'Bill to (recipient)' : 'Recipient (us)'} a={recipient} testId="invoice-recipient" />
      </section>
      <table className={styles.lines}>
        <thead>
          <tr>
            <th>#</th>
            <th className={styles.left}>Description</th>
            <th>HSN/SAC</th>
            <th>Qty</th>
            <th>Rate</th>
            <th>Disc.</th>
            <th>Taxable value</th>
            <th>GST %</th>
            {inter ? (
              <th>IGST</th>
            ) : (
              <>
                <th>CGST</th>
                <th>SGST</th>
              </>
            )}
            <th>Amount</th>
          </tr>
        </thead>
        <tbody>
          {v.items.map((l) => (
            <tr key={l.id}>
              <td>{l.line_no}</td>
              <td className={styles.left}>{l.product_name}</td>
              <td>{l.hsn_code ?? ''}</td>
              <td>
                {quantity(l.quantity)} {l.unit}
              </td>
              <td>
                {amount(l.unit_price)}
                {l.is_gst_inclusive ? '*' : ''}
              </td>
              <td>{l.discount_amount !== '0.00' ? amount(l.discount_amount) : ''}</td>
              <td>{amount(l.taxable_amount)}</td>
              <td>{rateOption(l.gst_rate)}</td>
              {inter ? (
                <td>{amount(l.igst_amount)}</td>
              ) : (
                <>
                  <td>{amount(l.cgst_amount)}</td>
                  <td>{amount(l.sgst_amount)}</td>
                </>
              )}
              <td>{amount(l.total_amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {v.items.some((l) => l.is_gst_inclusive) && <div className={styles.note}>* rate includes GST; the tax is taken out of it.</div>}
      <section className={styles.bottom}>
        <div className={styles.words}>
          <div className={styles.blockTitle}>Amount in words</div>
          <div data-testid="invoice-words">{v.amount_in_words}</div>
          {v.notes && (
            <>
              <div className={styles.blockTitle}>Notes</div>
              <div>{v.notes}</div>
            </>
          )}
          {payment}
        </div>
        <table className={styles.totals} data-testid="invoice-totals">
          <tbody>
            {v.discount_amount !== '0.00' && (
              <tr>
                <th>Discount</th>
                <td>{amount(v.discount_amount)}</td>
              </tr>
            )}
            <tr>
              <th>Taxable value</th>
              <td data-testid="view-taxable">{amount(v.taxable_amount)}</td>
            </tr>
            {inter ? (
              <tr>
                <th>IGST</th>
                <td data-testid="view-igst">{amount(v.igst_amount)}</td>
              </tr>
            ) : (
              <>
                <tr>
                  <th>CGST</th>
                  <td data-testid="view-cgst">{amount(v.cgst_amount)}</td>
                </tr>
                <tr>
                  <th>SGST</th>
                  <td data-testid="view-sgst">{amount(v.sgst_amount)}</td>
                </tr>
              </>
            )}
            <tr>
              <th>Round off</th>
              <td>{amount(v.round_off)}</td>
            </tr>
            <tr className={styles.grand}>
              <th>Grand total</th>
              <td data-testid="view-grand">₹{amount(v.grand_total)}</td>
            </tr>
          </tbody>
        </table>
      </section>
      <footer className={styles.sign}>
        <div>
          For <strong>{supplier.name}</strong>
        </div>
        <div className={styles.signLine}>Authorised signatory</div>
      </footer>
    </article>
  );
}
