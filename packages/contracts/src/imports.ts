import { z } from 'zod';

/**
 * Importing masters from a spreadsheet (README "Import"). Each kind names its columns: the field
 * the API takes, the heading a template carries, the other headings people use for it (Tally's
 * and Excel habits), whether it is required, a note, and an example. The web app shows the same
 * list to map columns by hand.
 */
export const IMPORT_KINDS = ['customers', 'vendors', 'products', 'opening_stock', 'ledger_openings', 'opening_bills'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportField {
  key: string;
  label: string;
  aliases: readonly string[];
  required: boolean;
  note: string;
  example: string;
}

const partyFields: ImportField[] = [
  {
    key: 'name',
    label: 'Name',
    aliases: ['party name', 'ledger name', 'customer name', 'vendor name', 'supplier name', 'party'],
    required: true,
    note: 'Unique among this kind; matched by name when "update existing" is on',
    example: 'Rao Traders',
  },
  {
    key: 'gstin',
    label: 'GSTIN',
    aliases: ['gstin/uin', 'gst no', 'gst number', 'gstin no', 'uin'],
    required: false,
    note: '15 characters with a valid check digit; gives the state code and PAN when they are left out',
    example: '27AAPFU0939F1ZV',
  },
  {
    key: 'state_code',
    label: 'State code',
    aliases: ['state code', 'gst state code', 'place of supply'],
    required: false,
    note: 'Two digits, e.g. 27 for Maharashtra',
    example: '27',
  },
  {
    key: 'state',
    label: 'State',
    aliases: ['state name'],
    required: false,
    note: "The state's name (filled in from the code when left out)",
    example: 'Maharashtra',
  },
  {
    key: 'pan',
    label: 'PAN',
    aliases: ['pan no', 'income tax no', 'pan/it no'],
    required: false,
    note: '10 characters',
    example: 'AAPFU0939F',
  },
  {
    key: 'contact_number',
    label: 'Contact number',
    aliases: ['phone', 'mobile', 'mobile no', 'phone no', 'contact'],
    required: false,
    note: 'Digits, spaces and -, optionally starting with +',
    example: '+91 98200 12345',
  },
  {
    key: 'email',
    label: 'Email',
    aliases: ['e-mail', 'email id', 'email address'],
    required: false,
    note: 'An email address',
    example: 'accounts@rao.example',
  },
  {
    key: 'address_line1',
    label: 'Address line 1',
    aliases: ['address', 'address 1', 'address1'],
    required: false,
    note: '',
    example: '12 MG Road',
  },
  {
    key: 'address_line2',
    label: 'Address line 2',
    aliases: ['address 2', 'address2'],
    required: false,
    note: '',
    example: 'Shivaji Nagar',
  },
  { key: 'city', label: 'City', aliases: ['town'], required: false, note: '', example: 'Pune' },
  {
    key: 'pin_code',
    label: 'PIN code',
    aliases: ['pin', 'pincode', 'postal code', 'zip'],
    required: false,
    note: 'Six digits',
    example: '411005',
  },
  {
    key: 'credit_days',
    label: 'Credit days',
    aliases: ['credit period', 'payment terms days', 'due days'],
    required: false,
    note: 'Whole days an invoice is due after its date (default 0)',
    example: '30',
  },
];

const productFields: ImportField[] = [
  {
    key: 'name',
    label: 'Name',
    aliases: ['product name', 'item name', 'stock item', 'item', 'product'],
    required: true,
    note: 'Unique; matched by name (or part number) when "update existing" is on',
    example: 'Steel bolt M8',
  },
  {
    key: 'part_number',
    label: 'Part number',
    aliases: ['sku', 'part no', 'item code', 'product code', 'code'],
    required: false,
    note: 'Unique when given',
    example: 'SB-M8',
  },
  {
    key: 'hsn_code',
    label: 'HSN/SAC',
    aliases: ['hsn', 'sac', 'hsn code', 'hsn/sac code'],
    required: false,
    note: '4, 6 or 8 digits',
    example: '7318',
  },
  {
    key: 'unit',
    label: 'Unit',
    aliases: ['uom', 'units', 'unit of measure', 'uqc'],
    required: true,
    note: 'A unit code, e.g. PCS, NOS, KG, L, BOX',
    example: 'PCS',
  },
  {
    key: 'sale_price',
    label: 'Sale price',
    aliases: ['rate', 'selling price', 'sales price', 'mrp', 'price', 'sale rate'],
    required: true,
    note: 'Rupees, up to 2 decimals',
    example: '12.50',
  },
  {
    key: 'purchase_price',
    label: 'Purchase price',
    aliases: ['cost', 'cost price', 'purchase rate', 'buying price'],
    required: false,
    note: 'Rupees (defaults to the sale price)',
    example: '9.00',
  },
  {
    key: 'gst_rate',
    label: 'GST rate',
    aliases: ['gst', 'gst %', 'tax rate', 'igst rate', 'gst rate %'],
    required: false,
    note: 'One of 0, 0.25, 3, 5, 12, 18, 28 (and the other GST rates); default 0',
    example: '18',
  },
  {
    key: 'is_gst_inclusive',
    label: 'Price includes GST',
    aliases: ['inclusive', 'tax inclusive', 'gst inclusive'],
    required: false,
    note: 'yes or no (default no)',
    example: 'no',
  },
  {
    key: 'reorder_level',
    label: 'Reorder level',
    aliases: ['reorder qty', 'minimum stock', 'min qty'],
    required: false,
    note: 'Quantity, up to 3 decimals',
    example: '100',
  },
  { key: 'description', label: 'Description', aliases: ['details', 'remarks'], required: false, note: '', example: 'Zinc plated' },
];

/** Opening stock: a product (by name or part number), its quantity and rate, dated the day before the books start. */
const openingStockFields: ImportField[] = [
  {
    key: 'product',
    label: 'Product',
    aliases: ['name', 'product name', 'item name', 'stock item', 'item', 'part number', 'sku', 'item code'],
    required: true,
    note: 'An existing product, by its name or part number',
    example: 'Steel bolt M8',
  },
  {
    key: 'quantity',
    label: 'Quantity',
    aliases: ['opening qty', 'opening quantity', 'qty', 'opening stock', 'quantity on hand'],
    required: true,
    note: 'Up to 3 decimals; 0 removes the opening stock',
    example: '250',
  },
  {
    key: 'rate',
    label: 'Rate',
    aliases: ['opening rate', 'cost', 'cost price', 'unit cost', 'rate per unit', 'purchase rate'],
    required: true,
    note: 'Cost per unit in rupees, up to 4 decimals',
    example: '9.50',
  },
];

/** Ledger opening balances (not parties': their opening balance is their bills). */
const ledgerOpeningFields: ImportField[] = [
  {
    key: 'ledger',
    label: 'Ledger',
    aliases: ['ledger name', 'account', 'account name', 'name', 'particulars'],
    required: true,
    note: "An existing ledger by name, not a customer's or vendor's (give their opening bills)",
    example: 'Capital',
  },
  {
    key: 'amount',
    label: 'Amount',
    aliases: ['opening balance', 'opening amount', 'opening', 'balance'],
    required: true,
    note: 'Rupees, up to 2 decimals; "1,50,000.00 Cr" also gives the side; 0 removes the opening balance',
    example: '150000.00',
  },
  {
    key: 'side',
    label: 'Dr/Cr',
    aliases: ['side', 'dr cr', 'debit/credit', 'type', 'balance type'],
    required: false,
    note: 'Dr or Cr (debit or credit); required unless the amount ends with Dr or Cr',
    example: 'Cr',
  },
];

/** A party's opening balance, bill by bill (BOOKS.md): each bill is a real bill for outstanding and ageing. */
const openingBillFields: ImportField[] = [
  {
    key: 'party',
    label: 'Party',
    aliases: ['party name', 'ledger name', 'customer', 'vendor', 'supplier', 'customer name', 'vendor name', 'name'],
    required: true,
    note: 'An existing customer or vendor by name',
    example: 'Rao Traders',
  },
  {
    key: 'party_kind',
    label: 'Party type',
    aliases: ['kind', 'customer/vendor', 'party kind'],
    required: false,
    note: 'customer or vendor; needed only when a customer and a vendor share the name',
    example: 'customer',
  },
  {
    key: 'ref',
    label: 'Reference',
    aliases: ['bill no', 'bill number', 'invoice no', 'invoice number', 'ref no', 'ref', 'bill ref'],
    required: true,
    note: 'The bill\'s number; matched with the party when "update existing" is on',
    example: 'INV-0412',
  },
  {
    key: 'date',
    label: 'Date',
    aliases: ['bill date', 'invoice date'],
    required: true,
    note: 'On or before the books start date: yyyy-mm-dd or dd-mm-yyyy',
    example: '2025-03-15',
  },
  {
    key: 'amount',
    label: 'Amount',
    aliases: ['pending amount', 'outstanding', 'bill amount', 'balance', 'opening amount'],
    required: true,
    note: 'Rupees still due on the bill, up to 2 decimals',
    example: '11800.00',
  },
  {
    key: 'due_date',
    label: 'Due date',
    aliases: ['due on', 'due'],
    required: false,
    note: "yyyy-mm-dd or dd-mm-yyyy; defaults to the date plus the party's credit days",
    example: '2025-04-14',
  },
];

export const IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  customers: partyFields,
  vendors: partyFields,
  products: productFields,
  opening_stock: openingStockFields,
  ledger_openings: ledgerOpeningFields,
  opening_bills: openingBillFields,
};

/** The kinds that set opening balances through the opening-balances use cases (README "Import"). */
export const OPENING_IMPORT_KINDS = ['opening_stock', 'ledger_openings', 'opening_bills'] as const;
export type OpeningImportKind = (typeof OPENING_IMPORT_KINDS)[number];
export const isOpeningImportKind = (kind: ImportKind): kind is OpeningImportKind =>
  (OPENING_IMPORT_KINDS as readonly string[]).includes(kind);

/** The documented limits: larger files are refused before anything is read. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;

/** How headings are compared: case, spaces and punctuation do not matter ("GSTIN/UIN" = "gstin uin"). */
export function normalizeHeading(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9%]+/g, '');
}

/** Each heading's field by name, label or alias (null: none), each field used once (the first heading wins). */
export function matchHeadings(kind: ImportKind, headings: readonly string[]): (string | null)[] {
  const byName = new Map<string, string>();
  for (const f of IMPORT_FIELDS[kind]) for (const name of [f.key, f.label, ...f.aliases]) byName.set(normalizeHeading(name), f.key);
  const used = new Set<string>();
  return headings.map((h) => {
    const key = byName.get(normalizeHeading(h));
    if (!key || used.has(key)) return null;
    used.add(key);
    return key;
  });
}

export const importKindParamsSchema = z.object({
  kind: z.enum(IMPORT_KINDS, { message: `must be one of ${IMPORT_KINDS.join(', ')}` }),
});

export const IMPORT_TEMPLATE_FORMATS = ['xlsx', 'csv'] as const;

export const importTemplateQuery = z.object({
  format: z
    .enum(IMPORT_TEMPLATE_FORMATS, { message: `must be one of ${IMPORT_TEMPLATE_FORMATS.join(', ')}` })
    .default('xlsx')
    .meta({
      description:
        '`xlsx` (default): the columns, an example row, a note on each heading and a Notes sheet; `csv`: the columns and an example row',
    }),
});

export const importRequestSchema = z
  .object({
    file_name: z.string().trim().min(1, { message: 'is required' }).max(255, { message: 'must be at most 255 characters' }),
    content_base64: z
      .string()
      .min(1, { message: 'is empty: choose a file with a header row and at least one row' })
      .max(Math.ceil(IMPORT_MAX_BYTES / 3) * 4 + 4, { message: `is larger than the limit of ${IMPORT_MAX_BYTES / 1024 / 1024} MB` })
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be the file in base64' }),
    mapping: z
      .array(z.object({ heading: z.string().max(200), field: z.string().max(64).nullable() }))
      .max(200)
      .optional()
      .meta({ description: 'Columns mapped by hand (field null: ignore the column); headings not named keep their automatic match' }),
    dry_run: z.boolean().default(true).meta({ description: 'true (default): validate every row and write nothing' }),
    update_existing: z.boolean().default(false).meta({
      description: 'A row naming an existing master (by name, or part number for products) updates it instead of being a duplicate',
    }),
  })
  .meta({ id: 'ImportRequest' });

export const importProblemSchema = z.object({
  row: z.number().int().meta({ description: 'The row in the file (1 is the header row)' }),
  column: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string(),
});

export const importReportSchema = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    file_name: z.string(),
    dry_run: z.boolean(),
    imported: z.boolean().meta({ description: 'Whether rows were written (never on a dry run or with problems)' }),
    rows: z.number().int(),
    columns: z.array(z.object({ heading: z.string(), field: z.string().nullable() })),
    missing_fields: z.array(z.string()).meta({ description: 'Required fields no column is mapped to' }),
    problems: z.array(importProblemSchema),
    problem_count: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
  })
  .meta({ id: 'ImportReport' });
export type ImportReport = z.infer<typeof importReportSchema>;
