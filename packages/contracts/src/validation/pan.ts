/** Permanent Account Number: 5 letters, 4 digits, 1 letter (the 4th letter is the holder type). */
export const PAN_PATTERN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;

export function panProblem(pan: string): string | null {
  if (pan.length !== 10) return 'must be 10 characters';
  return PAN_PATTERN.test(pan) ? null : 'must be 5 letters, 4 digits and 1 letter (e.g. AAPFU0939F)';
}
