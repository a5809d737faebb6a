/**
 * Sharing an invoice on WhatsApp: a `wa.me` link (WhatsApp's click-to-chat) that opens a chat with
 * the party's number and the message filled in. Indian numbers are written many ways (98450 12345,
 * +91-98450-12345, 098450 12345): wa.me wants the country code and digits only.
 */
export function whatsappNumber(phone: string | null | undefined): string {
  const digits = (phone ?? '').replace(/\D/g, '');
  if (digits.length === 10) return `91${digits}`;
  if (digits.length === 11 && digits.startsWith('0')) return `91${digits.slice(1)}`;
  return digits;
}

/** Without a number, wa.me lets the user pick the chat. */
export function whatsappLink(phone: string | null | undefined, text: string): string {
  return `https://wa.me/${whatsappNumber(phone)}?text=${encodeURIComponent(text)}`;
}

/**
 * The message: which invoice, how much, and where its PDF opens: an expiring share link anyone
 * may open (`validUntil` set), else the page for a signed-in user of the organisation.
 */
export function invoiceShareText(p: {
  label: string;
  number: string;
  amount: string;
  organization: string;
  pdfUrl: string;
  validUntil?: string;
}): string {
  const where = p.validUntil ? `PDF (link valid until ${p.validUntil})` : `PDF (for signed-in users of ${p.organization})`;
  return `${p.label} ${p.number} from ${p.organization} for ₹${p.amount}. ${where}: ${p.pdfUrl}`;
}
