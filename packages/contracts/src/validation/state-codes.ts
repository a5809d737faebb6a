/**
 * GST state codes (the first two digits of a GSTIN) and the state or union territory each names.
 * 25 (Daman and Diu) and 26 (Dadra and Nagar Haveli) merged in 2020 under 26, and 28 is Andhra
 * Pradesh before Telangana was carved out (37 after); the old codes stay valid because GSTINs
 * issued under them remain in use. 97 is "Other Territory" (offshore areas).
 */
export const GST_STATE_CODES = {
  '01': 'Jammu and Kashmir',
  '02': 'Himachal Pradesh',
  '03': 'Punjab',
  '04': 'Chandigarh',
  '05': 'Uttarakhand',
  '06': 'Haryana',
  '07': 'Delhi',
  '08': 'Rajasthan',
  '09': 'Uttar Pradesh',
  '10': 'Bihar',
  '11': 'Sikkim',
  '12': 'Arunachal Pradesh',
  '13': 'Nagaland',
  '14': 'Manipur',
  '15': 'Mizoram',
  '16': 'Tripura',
  '17': 'Meghalaya',
  '18': 'Assam',
  '19': 'West Bengal',
  '20': 'Jharkhand',
  '21': 'Odisha',
  '22': 'Chhattisgarh',
  '23': 'Madhya Pradesh',
  '24': 'Gujarat',
  '25': 'Daman and Diu',
  '26': 'Dadra and Nagar Haveli and Daman and Diu',
  '27': 'Maharashtra',
  '28': 'Andhra Pradesh (before division)',
  '29': 'Karnataka',
  '30': 'Goa',
  '31': 'Lakshadweep',
  '32': 'Kerala',
  '33': 'Tamil Nadu',
  '34': 'Puducherry',
  '35': 'Andaman and Nicobar Islands',
  '36': 'Telangana',
  '37': 'Andhra Pradesh',
  '38': 'Ladakh',
  '97': 'Other Territory',
} as const satisfies Record<string, string>;

export type GstStateCode = keyof typeof GST_STATE_CODES;

export function isGstStateCode(value: string): value is GstStateCode {
  return Object.prototype.hasOwnProperty.call(GST_STATE_CODES, value);
}

export function stateNameFor(code: string): string | undefined {
  return isGstStateCode(code) ? GST_STATE_CODES[code] : undefined;
}

export function stateCodeProblem(code: string): string | null {
  return isGstStateCode(code) ? null : 'must be a 2-digit GST state code (01-38 or 97)';
}
