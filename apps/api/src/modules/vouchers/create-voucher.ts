import { createHash } from 'node:crypto';
import {
  checkInvoiceNumber,
  indianDate,
  isEmailedType,
  isReturnType,
  lockedByGstFiling,
  stockSign,
  type PartyKind,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import type { Executor } from '../../db/client';
import { auditFields, tenantTx, type Actor } from '../../lib/actor';
import { AppError, validationError } from '../../lib/app-error';
import { canonicalJson } from '../../lib/canonical-json';
import { newId } from '../../lib/ids';
import {
  allocateToBills,
  assertAllocationsApplied,
  voucherBillWrite,
  voucherLedgerWrite,
  type AllocationPlan,
  type VoucherForBooks,
} from '../books';
import { takeVoucherNumber } from '../numbering';
import {
  assertBooksOpen,
  assertDateInWindow,
  assertGstPeriodOpen,
  findGstFiledPeriodForPosting,
  getBusinessSettings,
} from '../organizations';
import { PostingNotAppliedError, writePosting, type PostingResult } from '../posting';
import { assertStockApplied, lockProductStock, planStock, stockTakenMeanwhile, stockWriteOf, type LockedProductStock } from '../stock';
import { loadVoucher } from './get-voucher';
import { emailQueuedEvent } from './queue-voucher-email';
import { VOUCHER_RELATED_TYPE, voucherEmailTemplate, voucherEmailVariables } from './voucher-email';
import { activeParty, recipientFor, resolveParty } from './voucher-party';
import { prepareNote, type PreparedNote } from './voucher-note';
import { settledSide } from './voucher-types';
import { draftBooksVoucher, ledgerLineRows, type BooksDraft } from './vouchers.books-draft';
import { draftVoucher, type VoucherDraft, type VoucherCreateInput } from './vouchers.draft';
import type { VoucherDeps } from './vouchers.deps';
import { presentVoucher, type VoucherView } from './vouchers.present';
import { claimIdempotencyKey, findIdempotencyKey, findSettingsWithParty, storedVoucher } from './vouchers.repo';

function requestHash(def: VoucherTypeDefinition, body: VoucherCreateInput): string {
  return createHash('sha256')
    .update(canonicalJson({ type: def.type, body }))
    .digest('hex');
}

/** Reads the lines' products, locking their stock rows (sorted by product) when the type moves stock. */
function lockLineProducts(tx: Executor, def: VoucherTypeDefinition, actor: Actor, productIds: readonly string[]) {
  if (def.lines !== 'items') return Promise.resolve([]);
  const ids = [...new Set(productIds)].sort();
  return lockProductStock(tx, actor.organizationId, ids, { stock: stockSign(def) !== 0 });
}

/** The lines' products by id, each found and active; 422 naming the line otherwise. A note's lines are the original's products, active or not. */
function lineProducts(
  items: VoucherCreateInput['items'],
  rows: readonly LockedProductStock[],
  note: PreparedNote | undefined,
): Map<string, LockedProductStock> {
  const locked = new Map(rows.map((p) => [p.productId, p]));
  if (note) return locked;
  items.forEach((item, i) => {
    const product = locked.get(item.productId);
    if (!product) throw validationError(`items.${i}.product_id`, 'No product with this id in your organisation');
    if (!product.isActive) throw validationError(`items.${i}.product_id`, `Product "${product.name}" is deactivated`);
  });
  return locked;
}

/**
 * Posts a voucher: number, header, lines, stock, audit event and queued email in one
 * transaction (all but the email's job and its audit event in one statement), so it exists completely or not at all, and a failure consumes no number. Locks are
 * taken in one order everywhere (stock rows by product id, then the number series, then the audit
 * chain) so concurrent vouchers queue instead of deadlocking.
 */
export async function createVoucher(
  deps: VoucherDeps,
  def: VoucherTypeDefinition,
  actor: Actor,
  body: VoucherCreateInput,
  options: { idempotencyKey?: string } = {},
): Promise<{ voucher: VoucherView; replayed: boolean }> {
  const key = options.idempotencyKey;
  const scope = `voucher:${def.type}`;
  const hash = key ? requestHash(def, body) : '';
  if (body.dueDate && body.dueDate < body.date) throw validationError('due_date', 'must not be before the voucher date');
  if (body.sendEmail && !isEmailedType(def))
    throw validationError('send_email', `a ${def.label.toLowerCase()} is not emailed: only invoices, notes and receipts are`);
  return deps.sessions.transaction(
    async (tx) => {
      const org = actor.organizationId;
      if (key && !(await claimIdempotencyKey(tx, org, { scope, key, requestHash: hash, userId: actor.userId }))) {
        const earlier = await findIdempotencyKey(tx, org, scope, key);
        if (!earlier?.voucherId || earlier.requestHash !== hash) {
          throw validationError('header.idempotency-key', 'was already used with a different request: use a new key for a new voucher');
        }
        return { voucher: await loadVoucher(tx, def, actor, earlier.voucherId), replayed: true };
      }
      // A note: its original locked first (before any stock row, as cancelling the original does),
      // and its lines worked out against what earlier notes left.
      const note = isReturnType(def) ? await prepareNote(tx, def, org, body, null) : undefined;
      const partyId = note ? note.original.partyId : body.partyId;
      // A receipt, payment, journal or contra may name no party.
      const partyKind: PartyKind | null = partyId && def.party ? def.party.kind : null;
      const productIds = note ? note.productIds : body.items.map((i) => i.productId);
      // Settings with the party, the lines' stock rows locked, and the next number: none needs
      // another's answer, so the three are sent together (one round trip on the PostgreSQL server,
      // whose connections pipeline). The locks are still taken in the one order below. If anything
      // after fails, the rollback gives the number back.
      const gstLocked = lockedByGstFiling(def);
      const [both, stockRows, number, filed] = await Promise.all([
        partyId && partyKind ? findSettingsWithParty(tx, org, partyKind, partyId) : undefined,
        lockLineProducts(tx, def, actor, productIds),
        takeVoucherNumber(tx, org, def, body.date),
        gstLocked ? findGstFiledPeriodForPosting(tx, org, body.date) : undefined,
      ]);
      // When the party is missing, settings and party one by one for the right error.
      const settings = both?.settings ?? (await getBusinessSettings(tx, org));
      const now = deps.clock.now();
      assertDateInWindow(settings, body.date, indianDate(now));
      assertBooksOpen(settings, body.date);
      if (gstLocked) assertGstPeriodOpen(def, filed, 'post');
      if (def.supplyRule && !settings.stateCode) {
        throw new AppError(
          'COMPANY_PROFILE_INCOMPLETE',
          "Set your organisation's GST state code in the company profile before creating vouchers: it decides CGST/SGST or IGST",
        );
      }
      const party = both ? activeParty(def, both.party) : partyId ? await resolveParty(tx, def, org, partyId) : null;
      const emailTo = body.sendEmail && party ? recipientFor(def, party.name, [party.email]) : undefined;
      const products = lineProducts(body.items, stockRows, note);

      // Item lines (an invoice, a note), or a receipt's amount or a journal's ledger lines.
      let items: VoucherDraft | undefined;
      let books: BooksDraft | undefined;
      if (note) items = { lines: note.lines, supply: note.supply, amounts: note.amounts, movements: note.movements };
      else if (def.lines === 'items') {
        items = draftVoucher(def, body, {
          organizationStateCode: settings.stateCode!,
          partyStateCode: party?.stateCode ?? null,
          products,
        });
      } else books = await draftBooksVoucher(tx, org, def, body);
      const lines = items?.lines ?? [];
      const movements = items?.movements ?? [];
      const totals = items ? items.amounts.totals : books!.totals;
      const plan = movements.length > 0 ? planStock([...products.values()], movements, settings.allowNegativeStock) : undefined;

      const { voucherNumber, fiscalYear, seq } = number;
      if (checkInvoiceNumber(voucherNumber)) {
        throw new AppError(
          'NUMBERING_EXHAUSTED',
          `The next number, ${voucherNumber}, would break GST's 16-character rule: shorten the voucher prefix`,
        );
      }
      const voucherId = newId();
      const header = {
        id: voucherId,
        organizationId: org,
        voucherType: def.type,
        voucherNumber,
        fiscalYear,
        seq,
        voucherDate: body.date,
        partyId: party?.id ?? null,
        partyKind: party?.kind ?? null,
        partyName: party?.name ?? null,
        partyGstin: party?.gstin ?? null,
        partyStateCode: party?.stateCode ?? null,
        partyEmail: party?.email ?? null,
        partyAddress: party
          ? [party.addressLine1, party.addressLine2, party.city, party.state, party.pinCode].filter(Boolean).join(', ') || null
          : null,
        supplierStateCode: items?.supply.supplierStateCode ?? null,
        placeOfSupply: items?.supply.placeOfSupply ?? null,
        isInterState: items?.supply.isInterState ?? false,
        dueDate: body.dueDate,
        reference: body.reference,
        supplierInvoiceNumber: body.supplierInvoiceNumber,
        supplierInvoiceDate: body.supplierInvoiceDate,
        cashBankLedgerId: body.cashBankLedgerId,
        otherLedgerId: body.otherLedgerId,
        mode: body.mode,
        instrumentNumber: body.instrumentNumber,
        instrumentDate: body.instrumentDate,
        transferReference: body.transferReference,
        notes: body.notes,
        reason: body.reason,
        againstVoucherId: note?.original.id ?? null,
        againstVoucherNumber: note?.original.voucherNumber ?? null,
        againstVoucherDate: note?.original.voucherDate ?? null,
        lineCount: lines.length + (books?.ledgerLines.length ?? 0),
        ...totals,
        createdBy: actor.userId,
        createdAt: now,
      };
      const lineRows = lines.map((l, i) => {
        // A note's line prints as the original's did (name, HSN, unit), whatever the master says now.
        const againstLineId = note?.lines[i]!.againstLineId ?? null;
        const product = againstLineId ? note!.originalLines.get(againstLineId)! : products.get(l.productId)!;
        return {
          id: newId(),
          organizationId: org,
          voucherId,
          lineNo: i + 1,
          productId: l.productId,
          againstLineId,
          productName: 'productName' in product ? product.productName : product.name,
          hsnCode: product.hsnCode,
          unit: product.unit,
          quantity: l.quantity,
          unitPrice: l.unitPrice,
          isGstInclusive: l.priceIncludesGst,
          discountPercentage: l.discountPercentage,
          discountFlat: l.discountFlat ?? null,
          gstRate: l.gstRate,
          ...items!.amounts.lines[i]!,
        };
      });
      const ledgerLines = books ? ledgerLineRows(org, voucherId, books) : [];
      // A receipt or payment of a party settles its open bills, a note the bill of the invoice it is
      // against, as far as its outstanding goes (the bills locked here, after the number series, in
      // id order); the rest on account, to be allocated later.
      const side = settledSide(def);
      let allocation: AllocationPlan | undefined;
      if (side && party) {
        allocation = await allocateToBills(tx, org, {
          voucherId,
          partyId: party.id,
          side,
          source: { kind: 'amount', amount: totals.grandTotal },
          targets: note
            ? [{ billOfVoucherId: note.original.id, field: 'against_voucher_id' }]
            : body.allocations.map((a, i) => ({ billId: a.billId, amount: a.amount, field: `allocations.${i}` })),
          date: { value: body.date, label: `the ${def.label.toLowerCase()}'s date` },
          now,
        });
      }
      const auditEvent = {
        ...auditFields(actor),
        action: 'voucher.created',
        targetType: 'voucher',
        targetId: voucherId,
        details: {
          voucher_type: def.type,
          voucher_number: voucherNumber,
          date: body.date,
          party_id: party?.id ?? null,
          party_name: party?.name ?? null,
          ...(note
            ? { against_voucher_id: note.original.id, against_voucher_number: note.original.voucherNumber, reason: body.reason }
            : {}),
          line_count: header.lineCount,
          grand_total: totals.grandTotal,
          ...(items
            ? {
                is_inter_state: header.isInterState,
                negative_stock_allowed: settings.allowNegativeStock,
                ...(allocation ? { allocated: allocation.allocated, on_account: allocation.onAccount } : {}),
              }
            : {
                ledgers: Object.fromEntries([...books!.ledgers.values()].map((l) => [l.id, l.name])),
                ...(allocation ? { allocated: allocation.allocated, on_account: allocation.onAccount } : {}),
              }),
        },
      };
      // The email, when asked for, goes in the same posting: its outbox row written with the voucher,
      // which records it as queued; its delivery job and audit event follow in this transaction.
      const printed = emailTo ? storedVoucher(header, lineRows) : undefined;
      const email = emailTo
        ? deps.mail.prepareQueued({
            template: voucherEmailTemplate(def),
            to: emailTo,
            toName: party!.name,
            variables: voucherEmailVariables(def, settings, printed!.voucher, printed!.lines),
            organizationId: org,
            relatedType: VOUCHER_RELATED_TYPE,
            relatedId: voucherId,
          })
        : undefined;
      const written = email
        ? { ...header, emailStatus: 'queued' as const, emailTo, emailMessageId: email.id, emailUpdatedAt: now }
        : header;
      const stock = plan
        ? stockWriteOf(org, plan, {
            allowNegative: settings.allowNegativeStock,
            now,
            cause: { source: 'voucher', entryDate: body.date, userId: actor.userId, voucherId, voucherType: def.type, voucherNumber },
          }).write
        : undefined;
      // What the books read of the voucher (not a copy of the whole header).
      const forBooks: VoucherForBooks = {
        id: voucherId,
        organizationId: org,
        date: body.date,
        voucherNumber,
        partyId: header.partyId,
        dueDate: body.dueDate ?? null,
        creditDays: party?.creditDays ?? 0,
        supplierInvoiceNumber: header.supplierInvoiceNumber ?? null,
        grandTotal: totals.grandTotal,
        taxableAmount: totals.taxableAmount,
        cgstAmount: totals.cgstAmount,
        sgstAmount: totals.sgstAmount,
        igstAmount: totals.igstAmount,
        roundOff: totals.roundOff,
        createdAt: now,
        headerLedgers: books?.headerLedgers,
        ledgerLines: books?.ledgerLines,
      };
      const ledger = voucherLedgerWrite(def, forBooks);
      const bill = voucherBillWrite(def, forBooks, newId());
      // Header, lines, stock balances and ledger, ledger entries and day totals, the bill, the audit
      // event, the outbox row and the idempotency key: one statement. An invoice with no email to
      // queue is presented from what was written, so nothing follows the statement: it commits
      // the transaction itself (COMMIT sent behind it), checking the stock and the audit event there.
      const presentedAsWritten = items !== undefined && !allocation;
      let posted: PostingResult;
      try {
        posted = await writePosting(
          tx,
          {
            voucher: { header: written, lines: lineRows, ledgerLines },
            outbox: email?.row,
            stock: stock && { organizationId: org, write: stock },
            ledger: ledger && { organizationId: org, write: ledger },
            bill: bill && { organizationId: org, write: bill },
            allocations: allocation && { organizationId: org, write: allocation.write },
            idempotency: key ? { organizationId: org, scope, key, voucherId } : undefined,
            audit: deps.audit.prepare(auditEvent),
          },
          { commit: presentedAsWritten && !email },
        );
      } catch (err) {
        if (err instanceof PostingNotAppliedError && err.part === 'stock') throw stockTakenMeanwhile();
        throw err;
      }
      // Committed with the statement, which checked the stock and the audit event itself: nothing
      // may follow but presenting what was written.
      if (posted.committed) return { voucher: presentWritten(), replayed: false };
      if (plan) assertStockApplied(plan, posted.stockUpdated);
      if (allocation) assertAllocationsApplied(allocation, posted);
      // The audit chain had no head yet (its first event): appended on its own.
      if (!posted.audited) await deps.audit.record(tx, auditEvent);
      if (email) {
        await deps.mail.dispatchQueued(tx, email);
        await deps.audit.record(tx, emailQueuedEvent(def, actor, { id: voucherId, voucherNumber }, email.row.toEmail, email.id));
      }
      // Read back with names and allocations (ledger vouchers, notes); an invoice is presented from what was written.
      if (!presentedAsWritten) return { voucher: await loadVoucher(tx, def, actor, voucherId), replayed: false };
      return { voucher: presentWritten(), replayed: false };

      function presentWritten(): VoucherView {
        const stored = storedVoucher(written, lineRows);
        return presentVoucher(def, stored.voucher, stored.lines, actor.email);
      }
    },
    tenantTx(actor, `voucher.${def.type}.create`),
  );
}
