import type { Camelized, productCreateSchema, productSchema, productUpdateSchema } from '@tritiq/contracts';
import { z } from 'zod';
import { dbErrorInfo, isUniqueViolation } from '../../db/errors';
import type { SessionManager } from '../../db/session';
import type { Clock } from '../../deps';
import { auditFields, isOrgAdmin, type Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/app-error';
import { changedFields, sentFields } from '../../lib/changes';
import { decodeCursor, pageOf, toIso } from '../../lib/cursor';
import type { AuditWriter } from '../audit/audit.writer';
import * as repo from './products.repo';

type ProductCreate = Camelized<z.output<typeof productCreateSchema>>;
type ProductUpdate = Camelized<z.output<typeof productUpdateSchema>>;
export type ProductView = Camelized<z.output<typeof productSchema>>;

export function presentProduct(row: repo.ProductWithStock): ProductView {
  return {
    id: row.id,
    name: row.name,
    partNumber: row.partNumber,
    hsnCode: row.hsnCode,
    unit: row.unit,
    unitPrice: row.unitPrice,
    gstRate: row.gstRate,
    isGstInclusive: row.isGstInclusive,
    reorderLevel: row.reorderLevel,
    description: row.description,
    isActive: row.isActive,
    quantityOnHand: row.quantity,
    createdAt: toIso(row.createdAt)!,
    updatedAt: toIso(row.updatedAt)!,
  };
}

function duplicate(err: unknown, input: { name?: string; partNumber?: string | null }): AppError | undefined {
  if (!isUniqueViolation(err)) return undefined;
  const byPartNumber = dbErrorInfo(err).constraint === 'products_org_part_number_uq';
  const field = byPartNumber ? 'part_number' : 'name';
  const message = byPartNumber
    ? `A product with part number "${input.partNumber}" already exists`
    : `A product named "${input.name}" already exists`;
  return new AppError('DUPLICATE', message, { errors: [{ field, message }] });
}

export interface ProductServiceDeps {
  sessions: SessionManager;
  audit: AuditWriter;
  clock: Clock;
}

export function createProductService(deps: ProductServiceDeps) {
  const { sessions, audit, clock } = deps;
  const tenant = (actor: Actor, label: string, readOnly = false) => ({ organizationId: actor.organizationId, label, readOnly });

  return {
    async createProduct(actor: Actor, input: ProductCreate): Promise<ProductView> {
      try {
        return await sessions.transaction(
          async (tx) => {
            const row = await repo.insertProduct(tx, actor.organizationId, { ...input, createdBy: actor.userId });
            await audit.record(tx, {
              ...auditFields(actor),
              action: 'product.created',
              targetType: 'product',
              targetId: row.id,
              details: { name: row.name, unit_price: row.unitPrice, gst_rate: row.gstRate, hsn_code: row.hsnCode },
            });
            return presentProduct(row);
          },
          tenant(actor, 'product.create'),
        );
      } catch (err) {
        throw duplicate(err, input) ?? err;
      }
    },

    async getProduct(actor: Actor, id: string): Promise<ProductView> {
      const row = await sessions.transaction((tx) => repo.findProduct(tx, actor.organizationId, id), tenant(actor, 'product.get', true));
      if (!row) throw notFound('Product');
      return presentProduct(row);
    },

    async listProducts(actor: Actor, query: { search?: string; activeOnly: boolean; limit: number; cursor?: string }) {
      const after = decodeCursor(query.cursor, z.tuple([z.string()]));
      const rows = await sessions.transaction(
        (tx) =>
          repo.findProducts(tx, actor.organizationId, {
            search: query.search || undefined,
            activeOnly: query.activeOnly,
            limit: query.limit + 1,
            after: after?.[0],
          }),
        tenant(actor, 'product.list', true),
      );
      return pageOf(rows, query.limit, presentProduct, (r) => [r.name.toLowerCase()]);
    },

    async updateProduct(actor: Actor, id: string, input: ProductUpdate): Promise<ProductView> {
      try {
        return await sessions.transaction(
          async (tx) => {
            const current = await repo.lockProduct(tx, actor.organizationId, id);
            if (!current) throw notFound('Product');
            if (input.isActive !== undefined && input.isActive !== current.isActive && !isOrgAdmin(actor)) {
              throw new AppError('FORBIDDEN', `Only an admin can ${input.isActive ? 'activate' : 'deactivate'} a product`);
            }
            const patch = sentFields(input);
            const changes = changedFields(current, patch);
            if (Object.keys(changes).length > 0) {
              await repo.updateProduct(tx, actor.organizationId, id, { ...patch, updatedAt: clock.now() });
              await audit.record(tx, {
                ...auditFields(actor),
                action: input.isActive === false && current.isActive ? 'product.deactivated' : 'product.updated',
                targetType: 'product',
                targetId: id,
                details: { name: patch.name ?? current.name, changes },
              });
            }
            return presentProduct((await repo.findProduct(tx, actor.organizationId, id))!);
          },
          tenant(actor, 'product.update'),
        );
      } catch (err) {
        throw duplicate(err, input) ?? err;
      }
    },

    async deleteProduct(actor: Actor, id: string): Promise<{ id: string; deleted: true }> {
      return sessions.transaction(
        async (tx) => {
          const current = await repo.lockProduct(tx, actor.organizationId, id);
          if (!current) throw notFound('Product');
          if (await repo.isProductUsed(tx, actor.organizationId, id)) {
            throw new AppError(
              'IN_USE',
              `Product "${current.name}" has vouchers or stock movements and cannot be deleted; deactivate it instead`,
            );
          }
          await repo.deleteProduct(tx, actor.organizationId, id);
          await audit.record(tx, {
            ...auditFields(actor),
            action: 'product.deleted',
            targetType: 'product',
            targetId: id,
            details: { name: current.name },
          });
          return { id, deleted: true as const };
        },
        tenant(actor, 'product.delete'),
      );
    },
  };
}

export type ProductService = ReturnType<typeof createProductService>;
