import { findVoucherType, type DocumentSpec, type InvoiceCopyName, type VoucherTypeDefinition } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { tenantTx, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/app-error';
import { isUuid } from '../../lib/ids';
import type { FileAnswer } from '../../lib/route';
import { renderReceiptPdf, renderTaxInvoicePdf } from '../documents';
import { AttachmentUnavailableError, type AttachmentRequest, type EmailAttachment } from '../email';
import { findOrganization, type OrganizationRow } from '../organizations';
import { findParty, type PartyRow } from '../parties';
import { loadVoucher } from './get-voucher';
import { upiAmountDue } from './upi-amount-due';
import { invoiceDocumentModel, receiptDocumentModel, voucherPdfFilename } from './voucher-document';
import type { VoucherDeps } from './vouchers.deps';
import type { VoucherView } from './vouchers.present';
import { findVoucherTypeOf } from './vouchers.repo';

export type PrintableType = VoucherTypeDefinition & { document: DocumentSpec };

/** The voucher with what its document prints beside it: the organisation's profile and the party's address, read in one transaction. */
export async function loadPrintable(
  tx: Executor,
  def: PrintableType,
  actor: Pick<Actor, 'organizationId'>,
  id: string,
): Promise<{ voucher: VoucherView; org: OrganizationRow; party: PartyRow | undefined; amountDue: string | null }> {
  const voucher = await loadVoucher(tx, def, actor, id);
  const org = await findOrganization(tx, actor.organizationId);
  if (!org) throw notFound('Organisation');
  const party = def.party && voucher.party ? await findParty(tx, actor.organizationId, def.party.kind, voucher.party.id) : undefined;
  const amountDue = def.document.upiQr ? await upiAmountDue(tx, actor, voucher) : null;
  return { voucher, org, party, amountDue };
}

/**
 * The voucher's PDF (its type's document layout), read as reading the voucher is (same roles,
 * 404 for another organisation's), drawn after the read transaction has ended.
 */
export async function getVoucherPdf(
  deps: Pick<VoucherDeps, 'sessions'>,
  def: PrintableType,
  actor: Actor,
  id: string,
  copies: readonly InvoiceCopyName[],
): Promise<FileAnswer> {
  const sources = await deps.sessions.transaction(
    (tx) => loadPrintable(tx, def, actor, id),
    tenantTx(actor, `voucher.${def.type}.pdf`, true),
  );
  return drawVoucherPdf(def, sources, copies);
}

/** A PDF drawn in memory (an email attaches it whole). */
export type PdfFile = FileAnswer & { body: Buffer };

function drawVoucherPdf(
  def: PrintableType,
  sources: Awaited<ReturnType<typeof loadPrintable>>,
  copies: readonly InvoiceCopyName[],
): Promise<PdfFile> {
  // A receipt is printed once: copies are a tax invoice's (rule 48).
  const drawn =
    def.document.layout === 'payment_receipt'
      ? renderReceiptPdf(receiptDocumentModel({ def, ...sources }))
      : renderTaxInvoicePdf(invoiceDocumentModel({ def, ...sources, copies }));
  return drawn.then((body) => ({ body, filename: voucherPdfFilename(sources.voucher.voucherNumber) }));
}

/**
 * A voucher's PDF (original copy) by its id alone, its type read from the voucher: for the email
 * worker and shared links, which name only the voucher. `null` when the organisation has no such
 * voucher, `'no_document'` when its type prints none.
 */
export async function loadVoucherPdf(
  deps: Pick<VoucherDeps, 'sessions'>,
  organizationId: string,
  id: string,
  label: string,
): Promise<PdfFile | 'no_document' | null> {
  const found = await deps.sessions.transaction(
    async (tx) => {
      const type = await findVoucherTypeOf(tx, organizationId, id);
      if (!type) return null;
      const def = findVoucherType(type);
      if (!def?.document) return 'no_document' as const;
      const printable = { ...def, document: def.document };
      return { def: printable, sources: await loadPrintable(tx, printable, { organizationId }, id) };
    },
    { organizationId, readOnly: true, label },
  );
  if (!found || found === 'no_document') return found;
  return drawVoucherPdf(found.def, found.sources, ['original']);
}

/**
 * The PDF a queued voucher email carries, made by the email worker when it sends (the outbox keeps
 * the voucher's id, not the file), as the voucher stands then. A type without a document sends
 * its email without one; a voucher that is gone cannot be attached, ever.
 */
export async function voucherEmailAttachments(deps: Pick<VoucherDeps, 'sessions'>, request: AttachmentRequest): Promise<EmailAttachment[]> {
  const organizationId = request.organizationId;
  const id = request.relatedId;
  if (!organizationId || !id || !isUuid(id)) throw new AttachmentUnavailableError('the email names no voucher');
  const file = await loadVoucherPdf(deps, organizationId, id, 'voucher.email_pdf');
  if (!file) throw new AttachmentUnavailableError(`voucher ${id} does not exist`);
  if (file === 'no_document') return [];
  return [{ filename: file.filename, content: file.body, contentType: 'application/pdf' }];
}
