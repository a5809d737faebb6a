import type { InvoiceDocumentModel, InvoiceLine } from '../../apps/api/src/modules/documents';

/** The invoice the pdf and email-outbox benchmarks draw: a Hindi-named recipient, `lines` lines (every seventh in Devanagari), a UPI QR. */
export function model(lines: number): InvoiceDocumentModel {
  const line = (i: number): InvoiceLine => ({
    no: String(i),
    description: i % 7 === 0 ? `चाय पत्ती (Assam tea) lot ${i}` : `Stainless steel fastener M${i % 12} x ${20 + (i % 5) * 5} mm`,
    hsn: '7318',
    quantity: '12.5 KG',
    rate: '1,250.00',
    discount: '1,562.50',
    taxable: '14,062.50',
    gstRate: '18%',
    cgst: '1,265.63',
    sgst: '1,265.63',
    igst: '0.00',
    amount: '16,593.76',
  });
  return {
    title: 'Tax Invoice',
    number: 'SV/2526/00042',
    meta: [
      ['Invoice no.', 'SV/2526/00042'],
      ['Date', '30/06/2025'],
      ['Place of supply', 'Maharashtra (27)'],
      ['Reference', 'PO-7788'],
    ],
    supplier: {
      title: 'Supplier',
      name: 'Acme Traders Private Limited',
      lines: ['12 MG Road', 'Pune - 411001'],
      state: 'Maharashtra (27)',
      gstin: '27AAPFU0939F1ZV',
      contact: '020 1234 5678 · accounts@acme.example',
    },
    recipient: {
      title: 'Bill to (recipient)',
      name: 'राम कुमार गुप्ता',
      lines: ['गांधी चौक', 'Nagpur - 440001'],
      state: 'Maharashtra (27)',
      gstin: '27ABCDE1234F1Z5',
      contact: null,
    },
    interState: false,
    lines: Array.from({ length: lines }, (_, i) => line(i + 1)),
    lineNote: null,
    totals: [
      ['Taxable value', '1,40,625.00'],
      ['CGST', '12,656.30'],
      ['SGST', '12,656.30'],
      ['Round off', '0.40'],
      ['Grand total', '₹1,65,938.00'],
    ],
    amountInWords: 'Rupees One Lakh Sixty Five Thousand Nine Hundred Thirty Eight Only',
    notes: null,
    bank: [
      ['Bank', 'HDFC Bank'],
      ['Account no.', '50100012345678'],
      ['IFSC', 'HDFC0001234'],
    ],
    terms: 'Goods once sold will not be taken back.',
    cancelled: false,
    upi: {
      uri: 'upi://pay?pa=acme%40okhdfcbank&pn=Acme%20Traders&am=165938.00&cu=INR&tn=SV%2F2526%2F00042',
      amount: '1,65,938.00',
    },
    copies: ['original'],
  };
}
