import type { Camelized, productCreateSchema, productSchema, productUpdateSchema } from '@tritiq/contracts';
import type { z } from 'zod';
import { dbErrorInfo, isUniqueViolation } from '../../db/errors';
import { AppError } from '../../lib/app-error';
import { toIso } from '../../lib/cursor';
import type * as repo from './products.repo';

export type ProductCreate = Camelized<z.output<typeof productCreateSchema>>;
export type ProductUpdate = Camelized<z.output<typeof productUpdateSchema>>;
export type ProductView = Camelized<z.output<typeof productSchema>>;

export function presentProduct(row: repo.ProductWithStock): ProductView {
  return {
    id: row.id,
    name: row.name,
    partNumber: row.partNumber,
    hsnCode: row.hsnCode,
    unit: row.unit,
    purchasePrice: row.purchasePrice,
    salePrice: row.salePrice,
    unitPrice: row.salePrice,
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

/**
 * The two prices a request sets. `unit_price` is what clients written before products had two
 * prices send: it is the sale price, and on creation also the purchase price when none is given.
 */
export function pricesOf(input: { salePrice?: string | undefined; purchasePrice?: string | undefined; unitPrice?: string | undefined }): {
  salePrice?: string;
  purchasePrice?: string;
} {
  const salePrice = input.salePrice ?? input.unitPrice;
  return {
    ...(salePrice === undefined ? {} : { salePrice }),
    ...(input.purchasePrice === undefined ? {} : { purchasePrice: input.purchasePrice }),
  };
}

export function duplicate(err: unknown, input: { name?: string; partNumber?: string | null }): AppError | undefined {
  if (!isUniqueViolation(err)) return undefined;
  const byPartNumber = dbErrorInfo(err).constraint === 'products_org_part_number_uq';
  const field = byPartNumber ? 'part_number' : 'name';
  const message = byPartNumber
    ? `A product with part number "${input.partNumber}" already exists`
    : `A product named "${input.name}" already exists`;
  return new AppError('DUPLICATE', message, { errors: [{ field, message }] });
}
