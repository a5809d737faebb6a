import { asOnText, type ExportRow, type ExportTable } from '../../lib/export';
import type { listStock } from './list-stock';

type StockPage = Awaited<ReturnType<typeof listStock>>;

/** Stock on hand as a table for download (lib/export.ts), as on the day it is made. */
export function stockTable(today: string, lowStockOnly: boolean, pages: AsyncIterable<readonly ExportRow[]>): ExportTable {
  return {
    filename: `stock-${today}`,
    title: lowStockOnly ? 'Stock at or below reorder level' : 'Stock on hand',
    period: asOnText(today),
    columns: [
      { header: 'Product', kind: 'text' },
      { header: 'Part number', kind: 'text' },
      { header: 'HSN/SAC', kind: 'text' },
      { header: 'Unit', kind: 'text' },
      { header: 'Quantity', kind: 'number' },
      { header: 'Reorder level', kind: 'number' },
      { header: 'Low stock', kind: 'text' },
      { header: 'Purchase price', kind: 'money' },
      { header: 'Sale price', kind: 'money' },
    ],
    rows: pages,
  };
}

export const stockRow = (s: StockPage['items'][number]): ExportRow => [
  s.productName,
  s.partNumber,
  s.hsnCode,
  s.unit,
  s.quantity,
  s.reorderLevel,
  s.isLowStock ? 'yes' : 'no',
  s.purchasePrice,
  s.salePrice,
];
