/** HSN (goods) or SAC (services) code: 4, 6 or 8 digits, kept as text so leading zeros survive. */
export const HSN_CODE_PATTERN = /^(?:[0-9]{4}|[0-9]{6}|[0-9]{8})$/;

export function hsnCodeProblem(hsn: string): string | null {
  return HSN_CODE_PATTERN.test(hsn) ? null : 'must be 4, 6 or 8 digits';
}
