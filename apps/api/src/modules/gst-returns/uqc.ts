/**
 * The portal's Unit Quantity Codes (UQC) for the product's units (DOMAIN.md's list). A unit the
 * list has no code for is reported as OTH (others), as the portal asks. Services (SAC codes start
 * with 99) are reported with UQC "NA" and no quantity.
 */
const UQC: Record<string, string> = {
  PCS: 'PCS',
  NOS: 'NOS',
  KG: 'KGS',
  G: 'GMS',
  L: 'LTR',
  ML: 'MLT',
  M: 'MTR',
  CM: 'CMS',
  BOX: 'BOX',
  SET: 'SET',
  PAIR: 'PRS',
  DOZ: 'DOZ',
  MT: 'MTS',
  SQM: 'SQM',
  SQFT: 'SQF',
};

export function isService(hsn: string): boolean {
  return hsn.startsWith('99');
}

export function uqcOf(unit: string, hsn: string): string {
  if (isService(hsn)) return 'NA';
  return UQC[unit.toUpperCase()] ?? 'OTH';
}
