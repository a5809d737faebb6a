import { createHash } from 'node:crypto';
import {
  checkInvoiceNumber,
  dec,
  financialYearOf,
  formatVoucherNumber,
  indianDate,
  type Camelized,
  type VoucherCreateBody,
  type VoucherTypeDefinition,
} from '@tritiq/contracts';
import { z } from 'zod';
import type { Executor } from '../../db/client';
import type { SessionManager } from '../../db/session';
import type { Clock } from '../../deps';
import { auditFields, type Actor } from '../../lib/actor';
import { AppError, notFound, validationError } from '../../lib/app-error';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { newId } from '../../lib/ids';
import { canonicalJson } from '../audit/audit.chain';
import type { AuditWriter } from '../audit/audit.writer';
import { findParty, type PartyRow } from '../parties/parties.repo';
import { getBusinessSettings, type BusinessSettings } from '../stock/business-settings.repo';
import { applyStockPlan, assertStockApplied, planStock, stockPlanWrite } from '../stock/stock.moves';
import { lockProductStock, stockMovementCtes, type LockedProductStock } from '../stock/stock.repo';
import type { EmailService } from '../email';
import { VOUCHER_EMAIL_TEMPLATE, VOUCHER_RELATED_TYPE, voucherEmailVariables } from './voucher-email';
import { draftVoucher } from './vouchers.draft';
import * as repo from './vouchers.repo';
import { presentVoucher, presentVoucherSummary, type VoucherView } from './vouchers.present';

export type VoucherCreateInput = Camelized<VoucherCreateBody>;

export interface VoucherServiceDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  clock: Clock;
  /** The email module's durable outbox: the voucher email is queued in the voucher's transaction. */
  mail: Pick<EmailService, 'enqueue'>;
}

const listCursor = z.tuple([z.iso.date(), z.number().int().min(1)]);

function requestHash(def: VoucherTypeDefinition, body: VoucherCreateInput): string {
  return createHash('sha256')
    .update(canonicalJson({ type: def.type, body }))
    .digest('hex');
}

function partyLabel(def: VoucherTypeDefinition): string {
  return def.partyKind === 'customer' ? 'Customer' : 'Vendor';
}

export function createVoucherService(deps: VoucherServiceDeps) {
  const { sessions, audit, clock } = deps;
  const tenant = (actor: Actor, label: string, readOnly = false) => ({ organizationId: actor.organizationId, label, readOnly });

  async function loadVoucher(tx: Executor, def: VoucherTypeDefinition, actor: Actor, id: string): Promise<VoucherView> {
    const found = await repo.findVoucher(tx, actor.organizationId, def.type, id);
    if (!found) throw notFound(def.label);
    const lines = await repo.findVoucherLines(tx, actor.organizationId, id);
    return presentVoucher(def, found.voucher, lines, found.createdByEmail);
  }

  /** The party the voucher names: of this organisation and kind, active; 422 on its field otherwise. */
  async function resolveParty(tx: Executor, def: VoucherTypeDefinition, actor: Actor, partyId: string): Promise<PartyRow> {
    // Key share: the party cannot be deleted until this voucher commits, but may be edited.
    const party = await findParty(tx, actor.organizationId, def.partyKind, partyId, 'key share');
    if (!party) throw validationError(def.partyField, `No ${def.partyKind} with this id in your organisation`);
    return activeParty(def, party);
  }

  function activeParty(def: VoucherTypeDefinition, party: PartyRow): PartyRow {
    if (!party.isActive) throw validationError(def.partyField, `${partyLabel(def)} "${party.name}" is deactivated`);
    return party;
  }

  /** Locks the lines' stock (sorted by product) and reads their products. */
  function lockLineStock(tx: Executor, actor: Actor, items: VoucherCreateInput['items']): Promise<LockedProductStock[]> {
    return lockProductStock(tx, actor.organizationId, [...new Set(items.map((i) => i.productId))].sort());
  }

  /** The lines' products by id, each found and active; 422 naming the line otherwise. */
  function lineProducts(items: VoucherCreateInput['items'], rows: readonly LockedProductStock[]): Map<string, LockedProductStock> {
    const locked = new Map(rows.map((p) => [p.productId, p]));
    items.forEach((item, i) => {
      const product = locked.get(item.productId);
      if (!product) throw validationError(`items.${i}.product_id`, 'No product with this id in your organisation');
      if (!product.isActive) throw validationError(`items.${i}.product_id`, `Product "${product.name}" is deactivated`);
    });
    return locked;
  }

  function recipientFor(def: VoucherTypeDefinition, partyName: string, candidates: (string | null | undefined)[]): string {
    const to = candidates.find((c): c is string => Boolean(c));
    if (!to) {
      const message = `${partyLabel(def)} "${partyName}" has no email address: add one to the ${def.partyKind}, or say where to send it`;
      throw new AppError('VALIDATION_ERROR', message, { errors: [{ field: 'to', message }] });
    }
    return to;
  }

  async function queueEmail(
    tx: Executor,
    def: VoucherTypeDefinition,
    actor: Actor,
    settings: BusinessSettings,
    voucher: repo.VoucherRow,
    lines: repo.VoucherLineRow[],
    to: string,
  ): Promise<repo.VoucherRow> {
    const { id } = await deps.mail.enqueue(tx, {
      template: VOUCHER_EMAIL_TEMPLATE,
      to,
      toName: voucher.partyName,
      variables: voucherEmailVariables(def, settings, voucher, lines),
      organizationId: actor.organizationId,
      relatedType: VOUCHER_RELATED_TYPE,
      relatedId: voucher.id,
    });
    const row = await repo.markVoucherEmailQueued(tx, actor.organizationId, voucher.id, { to, messageId: id, at: clock.now() });
    await audit.record(tx, {
      ...auditFields(actor),
      action: 'voucher.email_queued',
      targetType: 'voucher',
      targetId: voucher.id,
      details: { voucher_type: def.type, voucher_number: voucher.voucherNumber, to, email_id: id },
    });
    return row;
  }

  return {
    /**
     * Posts a voucher: number, header, lines, stock and ledger, audit event and queued email in
     * one transaction, so it exists completely or not at all, and a failure consumes no number.
     * Locks are taken in one order everywhere (stock rows by product id, then the number
     * counter, then the audit chain) so concurrent vouchers queue instead of deadlocking.
     */
    async createVoucher(
      def: VoucherTypeDefinition,
      actor: Actor,
      body: VoucherCreateInput,
      options: { idempotencyKey?: string } = {},
    ): Promise<{ voucher: VoucherView; replayed: boolean }> {
      const key = options.idempotencyKey;
      const scope = `voucher:${def.type}`;
      const hash = key ? requestHash(def, body) : '';
      if (body.dueDate && body.dueDate < body.date) throw validationError('due_date', 'must not be before the voucher date');
      return sessions.transaction(
        async (tx) => {
          const org = actor.organizationId;
          if (key && !(await repo.claimIdempotencyKey(tx, org, { scope, key, requestHash: hash, userId: actor.userId }))) {
            const earlier = await repo.findIdempotencyKey(tx, org, scope, key);
            if (!earlier?.voucherId || earlier.requestHash !== hash) {
              throw validationError('header.idempotency-key', 'was already used with a different request: use a new key for a new voucher');
            }
            return { voucher: await loadVoucher(tx, def, actor, earlier.voucherId), replayed: true };
          }
          // Settings with the party, the lines' stock rows locked, and the next number: none needs
          // another's answer, so the three are sent together (one round trip on the PostgreSQL
          // server, whose connections pipeline). The locks are still taken in the one order below.
          // If anything after fails, the rollback gives the number back.
          const fy = financialYearOf(body.date);
          const [both, stockRows, seq] = await Promise.all([
            repo.findSettingsWithParty(tx, org, def.partyKind, body.partyId),
            lockLineStock(tx, actor, body.items),
            repo.takeVoucherSeq(tx, org, def.type, fy.code),
          ]);
          // When the party is missing, settings and party one by one for the right error.
          const settings = both?.settings ?? (await getBusinessSettings(tx, org));
          if (!settings.stateCode) {
            throw new AppError(
              'COMPANY_PROFILE_INCOMPLETE',
              "Set your organisation's GST state code in the company profile before creating vouchers: it decides CGST/SGST or IGST",
            );
          }
          const party = both ? activeParty(def, both.party) : await resolveParty(tx, def, actor, body.partyId);
          const emailTo = body.sendEmail ? recipientFor(def, party.name, [party.email]) : undefined;
          const products = lineProducts(body.items, stockRows);

          const { lines, supply, amounts, movements } = draftVoucher(def, body, {
            organizationStateCode: settings.stateCode,
            partyStateCode: party.stateCode,
            products,
          });
          const plan = planStock([...products.values()], movements, settings.allowNegativeStock);

          const voucherNumber = formatVoucherNumber(settings[def.prefixSetting], fy.code, seq);
          if (checkInvoiceNumber(voucherNumber)) {
            throw new AppError(
              'NUMBERING_EXHAUSTED',
              `The next number, ${voucherNumber}, would break GST's 16-character rule: shorten the voucher prefix`,
            );
          }
          const now = clock.now();
          const voucherId = newId();
          const stock = stockPlanWrite(org, plan, {
            allowNegative: settings.allowNegativeStock,
            now,
            cause: { source: 'voucher', entryDate: body.date, userId: actor.userId, voucherId, voucherType: def.type, voucherNumber },
          });
          const auditEvent = {
            ...auditFields(actor),
            action: 'voucher.created',
            targetType: 'voucher',
            targetId: voucherId,
            details: {
              voucher_type: def.type,
              voucher_number: voucherNumber,
              date: body.date,
              party_id: party.id,
              party_name: party.name,
              line_count: lines.length,
              grand_total: amounts.totals.grandTotal,
              is_inter_state: supply.isInterState,
              negative_stock_allowed: settings.allowNegativeStock,
            },
          };
          // Header, lines, stock balances and ledger, and the audit event: one statement.
          const posted = await repo.insertVoucherPosting(
            tx,
            {
              id: voucherId,
              organizationId: org,
              voucherType: def.type,
              voucherNumber,
              fiscalYear: fy.code,
              seq,
              voucherDate: body.date,
              partyId: party.id,
              partyKind: party.kind,
              partyName: party.name,
              partyGstin: party.gstin,
              partyStateCode: party.stateCode,
              partyEmail: party.email,
              partyAddress:
                [party.addressLine1, party.addressLine2, party.city, party.state, party.pinCode].filter(Boolean).join(', ') || null,
              supplierStateCode: supply.supplierStateCode,
              placeOfSupply: supply.placeOfSupply,
              isInterState: supply.isInterState,
              dueDate: body.dueDate,
              reference: body.reference,
              supplierInvoiceNumber: body.supplierInvoiceNumber,
              supplierInvoiceDate: body.supplierInvoiceDate,
              notes: body.notes,
              lineCount: lines.length,
              ...amounts.totals,
              createdBy: actor.userId,
              createdAt: now,
            },
            lines.map((l, i) => {
              const product = products.get(l.productId)!;
              return {
                id: newId(),
                organizationId: org,
                voucherId,
                lineNo: i + 1,
                productId: l.productId,
                productName: product.name,
                hsnCode: product.hsnCode,
                unit: product.unit,
                quantity: l.quantity,
                unitPrice: l.unitPrice,
                isGstInclusive: l.priceIncludesGst,
                discountPercentage: l.discountPercentage,
                gstRate: l.gstRate,
                ...amounts.lines[i]!,
              };
            }),
            {
              stock: plan.balances.length > 0 ? (params) => stockMovementCtes(params, org, stock.movement) : undefined,
              audit: audit.prepare(auditEvent).ctes,
            },
          );
          assertStockApplied(plan, posted.stockUpdated);
          // The audit chain had no head yet (its first event): appended on its own.
          if (!posted.audited) await audit.record(tx, auditEvent);
          if (key) await repo.attachIdempotencyKey(tx, org, scope, key, voucherId);
          const { voucher, lines: lineRows } = posted;
          const stored = emailTo ? await queueEmail(tx, def, actor, settings, voucher, lineRows, emailTo) : voucher;
          return { voucher: presentVoucher(def, stored, lineRows, actor.email), replayed: false };
        },
        tenant(actor, `voucher.${def.type}.create`),
      );
    },

    async getVoucher(def: VoucherTypeDefinition, actor: Actor, id: string): Promise<VoucherView> {
      return sessions.transaction((tx) => loadVoucher(tx, def, actor, id), tenant(actor, `voucher.${def.type}.get`, true));
    },

    async listVouchers(
      def: VoucherTypeDefinition,
      actor: Actor,
      query: {
        fromDate?: string;
        toDate?: string;
        partyId?: string;
        status?: 'active' | 'cancelled';
        search?: string;
        limit: number;
        cursor?: string;
      },
    ) {
      const before = decodeCursor(query.cursor, listCursor);
      const rows = await sessions.transaction(
        (tx) =>
          repo.findVouchers(tx, actor.organizationId, {
            voucherType: def.type,
            partyKind: def.partyKind,
            fromDate: query.fromDate,
            toDate: query.toDate,
            partyId: query.partyId,
            status: query.status,
            search: query.search,
            before: before ? { date: before[0], seq: before[1] } : undefined,
            limit: query.limit + 1,
          }),
        tenant(actor, `voucher.${def.type}.list`, true),
      );
      return pageOf(
        rows,
        query.limit,
        (r) => presentVoucherSummary(def, r.voucher, r.createdByEmail),
        (r) => [r.voucher.voucherDate, r.voucher.seq],
      );
    },

    async previewNextNumber(def: VoucherTypeDefinition, actor: Actor, date: string | undefined) {
      const day = date ?? indianDate(clock.now());
      const fy = financialYearOf(day);
      return sessions.transaction(
        async (tx) => {
          const settings = await getBusinessSettings(tx, actor.organizationId);
          const seq = await repo.peekVoucherSeq(tx, actor.organizationId, def.type, fy.code);
          return {
            voucherType: def.type,
            date: day,
            fiscalYear: fy.code,
            voucherNumber: formatVoucherNumber(settings[def.prefixSetting], fy.code, seq),
            note: 'A preview: the number is given when the voucher is saved and may differ if someone saves one first.',
          };
        },
        tenant(actor, `voucher.${def.type}.next-number`, true),
      );
    },

    /** Cancels a posted voucher: its stock movements are reversed exactly, its number is kept. */
    async cancelVoucher(def: VoucherTypeDefinition, actor: Actor, id: string, reason: string): Promise<VoucherView> {
      return sessions.transaction(
        async (tx) => {
          const org = actor.organizationId;
          const found = await repo.findVoucher(tx, org, def.type, id, true);
          if (!found) throw notFound(def.label);
          const voucher = found.voucher;
          if (voucher.status === 'cancelled') {
            throw new AppError('ALREADY_CANCELLED', `${def.label} ${voucher.voucherNumber} is already cancelled`);
          }
          const settings = await getBusinessSettings(tx, org);
          const lines = await repo.findVoucherLines(tx, org, id);
          const locked = await lockProductStock(tx, org, [...new Set(lines.map((l) => l.productId))].sort());
          const reverse = dec(String(-def.stockDirection));
          const plan = planStock(
            locked,
            lines.map((l) => ({ productId: l.productId, change: dec(l.quantity).times(reverse), field: 'id' })),
            settings.allowNegativeStock,
          );
          const now = clock.now();
          await applyStockPlan(tx, org, plan, {
            allowNegative: settings.allowNegativeStock,
            now,
            cause: {
              source: 'voucher_cancel',
              entryDate: indianDate(now),
              userId: actor.userId,
              voucherId: id,
              voucherType: def.type,
              voucherNumber: voucher.voucherNumber,
              reason,
            },
          });
          const cancelled = await repo.markVoucherCancelled(tx, org, id, { by: actor.userId, at: now, reason });
          await audit.record(tx, {
            ...auditFields(actor),
            action: 'voucher.cancelled',
            targetType: 'voucher',
            targetId: id,
            details: { voucher_type: def.type, voucher_number: voucher.voucherNumber, reason, grand_total: voucher.grandTotal },
          });
          const creator = await repo.findVoucher(tx, org, def.type, id);
          return presentVoucher(def, cancelled, lines, creator?.createdByEmail ?? null);
        },
        tenant(actor, `voucher.${def.type}.cancel`),
      );
    },

    /** Queues the voucher email to the party (or `to`); its status then follows delivery. */
    async emailVoucher(def: VoucherTypeDefinition, actor: Actor, id: string, to: string | null) {
      return sessions.transaction(
        async (tx) => {
          const org = actor.organizationId;
          const found = await repo.findVoucher(tx, org, def.type, id, true);
          if (!found) throw notFound(def.label);
          const voucher = found.voucher;
          if (voucher.status === 'cancelled')
            throw new AppError('CONFLICT', `${def.label} ${voucher.voucherNumber} is cancelled and is not emailed`);
          const party = await findParty(tx, org, def.partyKind, voucher.partyId);
          const recipient = recipientFor(def, voucher.partyName, [to, party?.email, voucher.partyEmail]);
          const settings = await getBusinessSettings(tx, org);
          const lines = await repo.findVoucherLines(tx, org, id);
          const queued = await queueEmail(tx, def, actor, settings, voucher, lines, recipient);
          return {
            voucherId: id,
            voucherNumber: queued.voucherNumber,
            emailStatus: queued.emailStatus,
            emailTo: recipient,
            message: `Email queued to ${recipient}`,
          };
        },
        tenant(actor, `voucher.${def.type}.email`),
      );
    },

    /** Called by the email module when a queued voucher email is delivered or finally fails. */
    async recordEmailOutcome(tx: Executor, voucherId: string, messageId: string, outcome: { sent: boolean; error: string | null }) {
      return repo.recordVoucherEmailOutcome(tx, voucherId, messageId, {
        status: outcome.sent ? 'sent' : 'failed',
        error: outcome.sent ? null : outcome.error,
        at: clock.now(),
      });
    },
  };
}

export type VoucherService = ReturnType<typeof createVoucherService>;
