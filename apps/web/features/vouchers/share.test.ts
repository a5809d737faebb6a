import { describe, expect, it } from 'vitest';
import { invoiceShareText, whatsappLink, whatsappNumber } from './share';

describe('WhatsApp share link', () => {
  it('writes Indian numbers with the country code and digits only', () => {
    expect(whatsappNumber('98450 12345')).toBe('919845012345');
    expect(whatsappNumber('+91-98450-12345')).toBe('919845012345');
    expect(whatsappNumber('098450 12345')).toBe('919845012345');
    expect(whatsappNumber(null)).toBe('');
  });

  it('carries the invoice number, amount and PDF link in the message', () => {
    const text = invoiceShareText({
      label: 'Sales voucher',
      number: 'SV/2526/00001',
      amount: '7,962.00',
      organization: 'Rao & Sons',
      pdfUrl: 'https://erp.example.in/api/v1/vouchers/sales/1/pdf',
    });
    const link = whatsappLink('98450 12345', text);
    expect(link.startsWith('https://wa.me/919845012345?text=')).toBe(true);
    expect(decodeURIComponent(link.split('?text=')[1]!)).toBe(
      'Sales voucher SV/2526/00001 from Rao & Sons for ₹7,962.00. PDF (for signed-in users of Rao & Sons): https://erp.example.in/api/v1/vouchers/sales/1/pdf',
    );
  });
});
