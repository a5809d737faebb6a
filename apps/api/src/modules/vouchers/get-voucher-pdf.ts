import type { DocumentSpec, InvoiceCopyName, VoucherTypeDefinition } from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { tenantTx, type Actor } from '../../lib/actor';
import { notFound } from '../../lib/app-error';
import type { FileAnswer } from '../../lib/route';
import { renderTaxInvoicePdf } from '../documents';
import { findOrganization, type OrganizationRow } from '../organizations';
import { findParty, type PartyRow } from '../parties';
import { loadVoucher } from './get-voucher';
import { upiAmountDue } from './upi-amount-due';
import { invoiceDocumentModel } from './voucher-document';
import type { VoucherDeps } from './vouchers.deps';
import type { VoucherView } from './vouchers.present';

export type PrintableType = VoucherTypeDefinition & { document: DocumentSpec };

/** The voucher with what its document prints beside it: the organisation's profile and the party's address, read in one transaction. */
export async function loadPrintable(
  tx: Executor,
  def: PrintableType,
  actor: Actor,
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
  const model = invoiceDocumentModel({ def, ...sources, copies });
  const body = await renderTaxInvoicePdf(model);
  return { body, filename: `${sources.voucher.voucherNumber.replaceAll('/', '-')}.pdf` };
}
