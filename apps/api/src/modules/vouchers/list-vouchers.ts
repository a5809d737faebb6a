import type { VoucherTypeDefinition } from '@tritiq/contracts';
import { z } from 'zod';
import { tenantTx, type Actor } from '../../lib/actor';
import { decodeCursor, pageOf } from '../../lib/cursor';
import type { VoucherDeps } from './vouchers.deps';
import { presentVoucherSummary } from './vouchers.present';
import { findVouchers, summarizeVouchers } from './vouchers.repo';

const listCursor = z.tuple([z.iso.date(), z.number().int().min(1)]);

export interface VoucherListQuery {
  fromDate?: string;
  toDate?: string;
  partyId?: string;
  status?: 'active' | 'cancelled';
  search?: string;
  limit: number;
  cursor?: string;
}

/** A type's register, newest first, keyset-paged on (date, sequence). */
export async function listVouchers(deps: Pick<VoucherDeps, 'sessions'>, def: VoucherTypeDefinition, actor: Actor, query: VoucherListQuery) {
  const before = decodeCursor(query.cursor, listCursor);
  const filter = {
    voucherType: def.type,
    partyKind: def.party?.kind ?? '',
    fromDate: query.fromDate,
    toDate: query.toDate,
    partyId: query.partyId,
    status: query.status,
    search: query.search,
  };
  const { rows, summary } = await deps.sessions.transaction(
    async (tx) => ({
      rows: await findVouchers(tx, actor.organizationId, {
        ...filter,
        before: before ? { date: before[0], seq: before[1] } : undefined,
        limit: query.limit + 1,
      }),
      // Once per filter: the first page carries the count and totals, later pages do not repeat them.
      summary: before ? null : await summarizeVouchers(tx, actor.organizationId, filter),
    }),
    tenantTx(actor, `voucher.${def.type}.list`, true),
  );
  const page = pageOf(
    rows,
    query.limit,
    (r) => presentVoucherSummary(def, r.voucher, r.createdByEmail, r),
    (r) => [r.voucher.voucherDate, r.voucher.seq],
  );
  return { ...page, summary };
}
