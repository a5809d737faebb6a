import { createHash, randomBytes } from 'node:crypto';
import { SHARE_LINK_DEFAULT_DAYS, type VoucherTypeDefinition } from '@tritiq/contracts';
import type { SessionManager } from '../../db/session';
import { auditFields, isOrgAdmin, tenantTx, type Actor } from '../../lib/actor';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import type { Clock } from '../../lib/clock';
import type { FileAnswer } from '../../lib/route';
import type { AuditWriter } from '../audit';
import { loadVoucherPdf } from '../vouchers';
import {
  findShareLink,
  findShareLinkByHash,
  findVoucherTypeById,
  insertShareLink,
  listShareLinks,
  revokeShareLinkRow,
  shareLinksEnabled,
  type ShareLinkRow,
} from './share-links.repo';

export interface ShareLinksDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  clock: Clock;
}

/** The public path a token opens. */
export const SHARED_PATH = '/api/v1/shared';

/** 32 random bytes, base64url: 43 characters, unguessable. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function statusOf(link: Pick<ShareLinkRow, 'revokedAt' | 'expiresAt'>, now: Date) {
  if (link.revokedAt) return 'revoked' as const;
  return link.expiresAt.getTime() <= now.getTime() ? ('expired' as const) : ('active' as const);
}

/** Who may revoke a link: whoever made it, and the organisation's admins and org admins. */
function mayRevoke(link: Pick<ShareLinkRow, 'createdBy'>, actor: Actor): boolean {
  return link.createdBy === actor.userId || isOrgAdmin(actor);
}

function present(link: ShareLinkRow, createdByEmail: string | null, now: Date, actor: Actor) {
  return {
    id: link.id,
    voucherId: link.voucherId,
    status: statusOf(link, now),
    expiresAt: link.expiresAt.toISOString(),
    createdAt: link.createdAt.toISOString(),
    createdByEmail,
    revokedAt: link.revokedAt?.toISOString() ?? null,
    canRevoke: mayRevoke(link, actor),
  };
}

async function assertVoucher(
  deps: ShareLinksDeps,
  tx: Parameters<Parameters<SessionManager['transaction']>[0]>[0],
  def: VoucherTypeDefinition,
  actor: Actor,
  id: string,
) {
  const type = await findVoucherTypeById(tx, actor.organizationId, id);
  if (type !== def.type) throw notFound(def.label);
}

/**
 * A new expiring link to the voucher's PDF, for whoever may read the voucher, where the org admin
 * turned share links on (403 saying so otherwise). The token is answered this once and only its
 * hash is stored. Audited (`share_link.created`).
 */
export async function createShareLink(
  deps: ShareLinksDeps,
  def: VoucherTypeDefinition,
  actor: Actor,
  voucherId: string,
  input: { expiresInDays?: number },
) {
  const now = deps.clock.now();
  const token = newToken();
  const days = input.expiresInDays ?? SHARE_LINK_DEFAULT_DAYS;
  return deps.sessions.transaction(
    async (tx) => {
      await assertVoucher(deps, tx, def, actor, voucherId);
      if (!(await shareLinksEnabled(tx, actor.organizationId))) {
        throw forbidden('Share links are off for your organisation: an org admin can turn them on in Settings');
      }
      const link = await insertShareLink(tx, {
        organizationId: actor.organizationId,
        voucherId,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + days * 86_400_000),
        createdBy: actor.userId,
        createdAt: now,
      });
      await deps.audit.record(tx, {
        ...auditFields(actor),
        action: 'share_link.created',
        targetType: 'voucher',
        targetId: voucherId,
        details: { share_link_id: link.id, voucher_type: def.type, expires_at: link.expiresAt.toISOString() },
      });
      return { ...present(link, actor.email, now, actor), token, path: `${SHARED_PATH}/${token}` };
    },
    tenantTx(actor, 'share_link.create'),
  );
}

export async function getShareLinks(deps: ShareLinksDeps, def: VoucherTypeDefinition, actor: Actor, voucherId: string) {
  const now = deps.clock.now();
  return deps.sessions.transaction(
    async (tx) => {
      await assertVoucher(deps, tx, def, actor, voucherId);
      const rows = await listShareLinks(tx, actor.organizationId, voucherId);
      return { items: rows.map((r) => present(r.link, r.createdByEmail, now, actor)) };
    },
    tenantTx(actor, 'share_link.list', true),
  );
}

/**
 * Revokes a link at once (a revoked link answers 410). Only whoever made it, or an admin or org
 * admin, may (403 for other readers of the voucher). Revoking it again changes nothing. Audited
 * (`share_link.revoked`).
 */
export async function revokeShareLink(deps: ShareLinksDeps, def: VoucherTypeDefinition, actor: Actor, voucherId: string, linkId: string) {
  const now = deps.clock.now();
  return deps.sessions.transaction(
    async (tx) => {
      await assertVoucher(deps, tx, def, actor, voucherId);
      const link = await findShareLink(tx, actor.organizationId, voucherId, linkId, true);
      if (!link) throw notFound('Share link');
      if (!mayRevoke(link, actor)) throw forbidden('Only whoever made this share link, or an admin, can revoke it');
      if (link.revokedAt) return present(link, null, now, actor);
      const row = await revokeShareLinkRow(tx, actor.organizationId, linkId, actor.userId, now);
      await deps.audit.record(tx, {
        ...auditFields(actor),
        action: 'share_link.revoked',
        targetType: 'voucher',
        targetId: voucherId,
        details: { share_link_id: linkId, voucher_type: def.type },
      });
      return present(row, null, now, actor);
    },
    tenantTx(actor, 'share_link.revoke'),
  );
}

/**
 * The public side: the PDF a valid token opens, and nothing else. An unknown token is 404; an
 * expired or revoked one, or one of an organisation that turned share links off (or is
 * suspended), is 410. The voucher is read as its organisation.
 */
export async function openSharedPdf(deps: ShareLinksDeps, token: string): Promise<FileAnswer> {
  const now = deps.clock.now();
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw notFound('Share link');
  const link = await deps.sessions.transaction((db) => findShareLinkByHash(db, hashToken(token)), {
    platform: true,
    readOnly: true,
    label: 'share_link.open',
  });
  if (!link) throw notFound('Share link');
  if (statusOf(link, now) !== 'active')
    throw new AppError('LINK_GONE', 'This link has expired or was withdrawn: ask the sender for a new one');
  const enabled = await deps.sessions.transaction((db) => shareLinksEnabled(db, link.organizationId), {
    organizationId: link.organizationId,
    readOnly: true,
    label: 'share_link.open_org',
  });
  if (!enabled) throw new AppError('LINK_GONE', 'This link has expired or was withdrawn: ask the sender for a new one');
  const file = await loadVoucherPdf(deps, link.organizationId, link.voucherId, 'share_link.pdf');
  if (!file || file === 'no_document')
    throw new AppError('LINK_GONE', 'This link has expired or was withdrawn: ask the sender for a new one');
  return file;
}
