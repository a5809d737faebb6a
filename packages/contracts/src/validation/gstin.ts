import { isGstStateCode } from './state-codes';
import { PAN_PATTERN } from './pan';

const GSTIN_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * 2-digit state code, the holder's 10-character PAN, an entity number (1-9 or A-Z: the holder's
 * n-th registration in that state), the letter Z, and a check character.
 */
export const GSTIN_PATTERN = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;

/**
 * The GSTIN check character: the standard Luhn mod-36 scheme over the first 14 characters.
 * Each character's value (0-9, A=10 ... Z=35) is multiplied by 1 and 2 alternately from the left;
 * each product contributes its base-36 digits' sum; the check character makes the total a
 * multiple of 36.
 */
export function gstinCheckCharacter(first14: string): string {
  if (first14.length !== 14) throw new RangeError('gstinCheckCharacter needs the first 14 characters of a GSTIN');
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    const value = GSTIN_ALPHABET.indexOf(first14.charAt(i));
    if (value < 0) throw new RangeError(`Not a GSTIN character: ${first14.charAt(i)}`);
    const product = value * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return GSTIN_ALPHABET.charAt((36 - (sum % 36)) % 36);
}

/** Why a GSTIN is not valid on its own (format, state code, embedded PAN, check character), or null. */
export function gstinProblem(gstin: string): string | null {
  if (gstin.length !== 15) return 'must be 15 characters';
  if (!GSTIN_PATTERN.test(gstin)) {
    return 'must be a 2-digit state code, a 10-character PAN, an entity character, Z and a check character';
  }
  if (!isGstStateCode(gstin.slice(0, 2))) return `starts with ${gstin.slice(0, 2)}, which is not a GST state code`;
  if (!PAN_PATTERN.test(gstin.slice(2, 12))) return 'characters 3-12 must be a PAN (5 letters, 4 digits, 1 letter)';
  if (gstinCheckCharacter(gstin.slice(0, 14)) !== gstin.charAt(14)) return 'check character does not match (mistyped?)';
  return null;
}

export function isValidGstin(gstin: string): boolean {
  return gstinProblem(gstin) === null;
}

export interface TaxIdentity {
  gstin?: string | null;
  pan?: string | null;
  stateCode?: string | null;
}

export interface TaxIdentityProblem {
  field: 'gstin' | 'pan' | 'state_code';
  message: string;
}

/**
 * Consistency between a GSTIN and the state code and PAN given beside it: its first two digits
 * must be the state code and characters 3-12 the PAN, when both are given. Each value is assumed
 * valid on its own (check that first).
 */
export function taxIdentityProblems(identity: TaxIdentity): TaxIdentityProblem[] {
  const problems: TaxIdentityProblem[] = [];
  const { gstin, pan, stateCode } = identity;
  if (!gstin) return problems;
  if (stateCode && gstin.slice(0, 2) !== stateCode) {
    problems.push({ field: 'gstin', message: `starts with state code ${gstin.slice(0, 2)} but the state code is ${stateCode}` });
  }
  if (pan && gstin.slice(2, 12) !== pan) {
    problems.push({ field: 'gstin', message: `contains PAN ${gstin.slice(2, 12)} but the PAN is ${pan}` });
  }
  return problems;
}
