import type { ExportRow, ExportTable } from '../../lib/export';
import type { listProducts } from './list-products';

type ProductPage = Awaited<ReturnType<typeof listProducts>>;

/** The products list as a table for download (lib/export.ts): the import's columns, plus the stock on hand. */
export function productsTable(pages: AsyncIterable<readonly ExportRow[]>): ExportTable {
  return {
    filename: 'products',
    title: 'Products',
    columns: [
      { header: 'Name', kind: 'text' },
      { header: 'Part number', kind: 'text' },
      { header: 'HSN/SAC', kind: 'text' },
      { header: 'Unit', kind: 'text' },
      { header: 'Sale price', kind: 'money' },
      { header: 'Purchase price', kind: 'money' },
      { header: 'GST rate', kind: 'number' },
      { header: 'Price includes GST', kind: 'text' },
      { header: 'Reorder level', kind: 'number' },
      { header: 'Quantity on hand', kind: 'number' },
      { header: 'Description', kind: 'text' },
      { header: 'Active', kind: 'text' },
    ],
    rows: pages,
  };
}

export const productRow = (p: ProductPage['items'][number]): ExportRow => [
  p.name,
  p.partNumber,
  p.hsnCode,
  p.unit,
  p.salePrice,
  p.purchasePrice,
  p.gstRate,
  p.isGstInclusive ? 'yes' : 'no',
  p.reorderLevel,
  p.quantityOnHand,
  p.description,
  p.isActive ? 'yes' : 'no',
];
