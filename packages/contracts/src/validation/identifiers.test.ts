import { describe, expect, it } from 'vitest';
import { checkGstin, checkHsnCode, checkPan, checkPinCode, checkStateCode, checkTaxIdentity, gstinCheckCharacter } from './identifiers';
import { stateName } from './states';

// Check characters worked by hand (values 0-9A-Z, weights 1,2,1,2,..., each product adds
// quotient + remainder by 36, check = (36 - sum mod 36) mod 36):
// 27AAPFU0939F1Z: 2+14+10+20+25+30+30+0+9+6+9+30+1+(1+34) = 221; 221 mod 36 = 5; 36-5 = 31 -> V
// 29AAGCB7383J1Z: 2+18+10+20+16+24+11+14+3+16+3+(1+2)+1+35 = 176; 176 mod 36 = 32; 36-32 = 4 -> 4
// 07AAPFU0939F1Z: as the first with 0 for 2 -> 219; 219 mod 36 = 3; 36-3 = 33 -> X

describe('GSTIN', () => {
  it('accepts valid GSTINs', () => {
    expect(gstinCheckCharacter('27AAPFU0939F1Z')).toBe('V');
    expect(checkGstin('27AAPFU0939F1ZV')).toBeNull();
    expect(checkGstin('29AAGCB7383J1Z4')).toBeNull();
    expect(checkGstin('07AAPFU0939F1ZX')).toBeNull();
  });

  it('refuses a wrong check character, state code or shape', () => {
    expect(checkGstin('27AAPFU0939F1ZW')).toMatch(/check character/);
    expect(checkGstin('99AAPFU0939F1ZV')).toMatch(/not a GST state code/);
    expect(checkGstin('27aapfu0939f1zv')).toMatch(/must be 2-digit state code/);
    expect(checkGstin('27AAPFU0939F1Z')).toMatch(/15 characters/);
    expect(checkGstin('27AAPFU0939F1XV')).toMatch(/must be 2-digit/);
  });

  it('must agree with the state code and the PAN', () => {
    expect(checkTaxIdentity({ gstin: '27AAPFU0939F1ZV', pan: 'AAPFU0939F', stateCode: '27' })).toEqual([]);
    expect(checkTaxIdentity({ gstin: '27AAPFU0939F1ZV', stateCode: '29' })).toEqual([
      { field: 'gstin', message: 'starts with state code 27 but the state code is 29' },
    ]);
    expect(checkTaxIdentity({ gstin: '27AAPFU0939F1ZV', pan: 'AAGCB7383J' })).toEqual([
      { field: 'gstin', message: 'contains PAN AAPFU0939F but the PAN is AAGCB7383J' },
    ]);
    expect(checkTaxIdentity({ pan: 'AAPF0939F', stateCode: '40' }).map((p) => p.field)).toEqual(['pan', 'state_code']);
  });
});

describe('other identifiers', () => {
  it('PAN is 5 letters, 4 digits, 1 letter', () => {
    expect(checkPan('AAPFU0939F')).toBeNull();
    expect(checkPan('AAPF00939F')).not.toBeNull();
    expect(checkPan('aapfu0939f')).not.toBeNull();
  });

  it('PIN is 6 digits not starting with 0', () => {
    expect(checkPinCode('400001')).toBeNull();
    expect(checkPinCode('040001')).not.toBeNull();
    expect(checkPinCode('40001')).not.toBeNull();
  });

  it('state codes are 01 to 38 and 97', () => {
    expect(checkStateCode('01')).toBeNull();
    expect(checkStateCode('38')).toBeNull();
    expect(checkStateCode('97')).toBeNull();
    expect(checkStateCode('39')).not.toBeNull();
    expect(checkStateCode('7')).not.toBeNull();
    expect(stateName('27')).toBe('Maharashtra');
  });

  it('HSN/SAC is 4, 6 or 8 digits, leading zeros kept', () => {
    expect(checkHsnCode('0401')).toBeNull();
    expect(checkHsnCode('998314')).toBeNull();
    expect(checkHsnCode('84713010')).toBeNull();
    expect(checkHsnCode('12345')).not.toBeNull();
    expect(checkHsnCode('84A1')).not.toBeNull();
  });
});
