import { isStateCode } from './states';

/**
 * Indian tax identifiers. Each check answers `null` when the value is valid, else a sentence
 * saying what is wrong, which the API returns as the field's message.
 */

const PAN_RE = /^[A-Z]{5}[0-9]{4}[A-Z]$/;
const GSTIN_RE = /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;
const PIN_RE = /^[1-9][0-9]{5}$/;
const HSN_RE = /^(?:[0-9]{4}|[0-9]{6}|[0-9]{8})$/;
const GSTIN_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function checkPan(pan: string): string | null {
  return PAN_RE.test(pan) ? null : 'must be 10 characters: 5 letters, 4 digits, 1 letter (e.g. ABCDE1234F)';
}

export function checkPinCode(pin: string): string | null {
  return PIN_RE.test(pin) ? null : 'must be a 6-digit PIN code not starting with 0';
}

export function checkStateCode(code: string): string | null {
  return isStateCode(code) ? null : 'must be a GST state code: 01 to 38, or 97';
}

export function checkHsnCode(hsn: string): string | null {
  return HSN_RE.test(hsn) ? null : 'must be 4, 6 or 8 digits';
}

/**
 * The GSTIN check character: the standard mod-36 scheme. Each of the first 14 characters is
 * worth its index in 0-9A-Z, multiplied by 1 and 2 alternately (starting with 1); each product
 * contributes its quotient and remainder by 36; the check is (36 - sum mod 36) mod 36.
 */
export function gstinCheckCharacter(first14: string): string {
  let total = 0;
  for (let i = 0; i < 14; i++) {
    const value = GSTIN_CHARS.indexOf(first14.charAt(i));
    if (value < 0) throw new Error(`Not a GSTIN character: ${first14.charAt(i)}`);
    const product = value * (i % 2 === 0 ? 1 : 2);
    total += Math.floor(product / 36) + (product % 36);
  }
  return GSTIN_CHARS.charAt((36 - (total % 36)) % 36);
}

export function checkGstin(gstin: string): string | null {
  if (gstin.length !== 15) return 'must be 15 characters';
  if (!GSTIN_RE.test(gstin)) {
    return 'must be 2-digit state code, 10-character PAN, entity number, Z and a check character (e.g. 27AAPFU0939F1ZV)';
  }
  if (!isStateCode(gstin.slice(0, 2))) return `starts with ${gstin.slice(0, 2)}, which is not a GST state code`;
  if (gstinCheckCharacter(gstin.slice(0, 14)) !== gstin.charAt(14)) return 'check character does not match: the GSTIN is mistyped';
  return null;
}

export interface TaxIdentity {
  gstin?: string | null;
  pan?: string | null;
  stateCode?: string | null;
}

/**
 * DOMAIN.md: a GSTIN's first two digits equal the state code and its characters 3-12 the PAN,
 * when those are given. Answers each inconsistency against the field that holds it.
 */
export function checkTaxIdentity(value: TaxIdentity): { field: 'gstin' | 'pan' | 'state_code'; message: string }[] {
  const problems: { field: 'gstin' | 'pan' | 'state_code'; message: string }[] = [];
  const { gstin, pan, stateCode } = value;
  if (pan) {
    const p = checkPan(pan);
    if (p) problems.push({ field: 'pan', message: p });
  }
  if (stateCode) {
    const s = checkStateCode(stateCode);
    if (s) problems.push({ field: 'state_code', message: s });
  }
  if (gstin) {
    const g = checkGstin(gstin);
    if (g) {
      problems.push({ field: 'gstin', message: g });
    } else {
      if (stateCode && gstin.slice(0, 2) !== stateCode) {
        problems.push({ field: 'gstin', message: `starts with state code ${gstin.slice(0, 2)} but the state code is ${stateCode}` });
      }
      if (pan && gstin.slice(2, 12) !== pan) {
        problems.push({ field: 'gstin', message: `contains PAN ${gstin.slice(2, 12)} but the PAN is ${pan}` });
      }
    }
  }
  return problems;
}
