/**
 * The UPI deep link a payment QR carries (NPCI's UPI linking specification): payee address,
 * payee name, amount in rupees with two decimals, currency, and the note the payer's app shows
 * and the payee's statement carries (the invoice number). Values are percent-encoded, so a name
 * with `&` or spaces cannot break the link.
 */
export function upiPaymentUri(p: { upiId: string; payeeName: string; amount: string; note: string }): string {
  const params = [
    ['pa', p.upiId],
    ['pn', p.payeeName],
    ['am', p.amount],
    ['cu', 'INR'],
    ['tn', p.note],
  ] as const;
  return `upi://pay?${params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}
