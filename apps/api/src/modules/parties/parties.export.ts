import type { PartyKind } from '@tritiq/contracts';
import type { ExportRow, ExportTable } from '../../lib/export';
import type { listParties } from './list-parties';

type PartyPage = Awaited<ReturnType<typeof listParties>>;

/** The customers or vendors list as a table for download (lib/export.ts), its pages read as it is written. */
export function partiesTable(kind: PartyKind, pages: AsyncIterable<readonly ExportRow[]>): ExportTable {
  const label = kind === 'customer' ? 'Customers' : 'Vendors';
  return {
    filename: label.toLowerCase(),
    title: label,
    columns: [
      { header: 'Name', kind: 'text' },
      { header: 'GSTIN', kind: 'text' },
      { header: 'State code', kind: 'text' },
      { header: 'State', kind: 'text' },
      { header: 'PAN', kind: 'text' },
      { header: 'Contact number', kind: 'text' },
      { header: 'Email', kind: 'text' },
      { header: 'Address line 1', kind: 'text' },
      { header: 'Address line 2', kind: 'text' },
      { header: 'City', kind: 'text' },
      { header: 'PIN code', kind: 'text' },
      { header: 'Credit days', kind: 'number' },
      { header: 'Active', kind: 'text' },
    ],
    rows: pages,
  };
}

export const partyRow = (p: PartyPage['items'][number]): ExportRow => [
  p.name,
  p.gstin,
  p.stateCode,
  p.state,
  p.pan,
  p.contactNumber,
  p.email,
  p.addressLine1,
  p.addressLine2,
  p.city,
  p.pinCode,
  String(p.creditDays),
  p.isActive ? 'yes' : 'no',
];
