import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  describePasswordProblems,
  gstinCheckCharacter,
  gstinProblem,
  gstinSchema,
  isGstStateCode,
  isValidGstin,
  panProblem,
  panSchema,
  PASSWORD_IS_EMAIL,
  passwordIsEmail,
  passwordPolicyProblems,
  pinCodeProblem,
  stateCodeSchema,
  taxIdentityProblems,
} from './index';

describe('GSTIN', () => {
  it('computes the mod-36 check character (worked by hand for 27AAPFU0939F1Z)', () => {
    // Values 2,7,10,10,25,15,30,0,9,3,9,15,1,35 weighted 1,2,1,2,...; products' base-36 digit sums
    // 2+14+10+20+25+30+30+0+9+6+9+30+1+(70 -> 1+34) = 221; (36 - 221 % 36) % 36 = 31 -> 'V'.
    expect(gstinCheckCharacter('27AAPFU0939F1Z')).toBe('V');
    expect(isValidGstin('27AAPFU0939F1ZV')).toBe(true);
  });

  it('rejects a mistyped character through the checksum', () => {
    expect(gstinProblem('27AAPFU0939F1ZW')).toMatch(/check character/);
    expect(gstinProblem('27AAPFU0938F1ZV')).toMatch(/check character/);
  });

  it('names format, length and state-code problems', () => {
    expect(gstinProblem('27AAPFU0939F1Z')).toBe('must be 15 characters');
    expect(gstinProblem('27AAPFU0939F1AV')).toMatch(/2-digit state code/);
    expect(gstinProblem('27AAPF10939F1ZV')).toMatch(/PAN|state code/);
    const first14 = '99AAPFU0939F1Z';
    expect(gstinProblem(first14 + gstinCheckCharacter(first14))).toMatch(/99, which is not a GST state code/);
  });

  it('accepts every valid state code with a correct check character', () => {
    for (const code of ['01', '27', '38', '97']) {
      const first14 = `${code}AAPFU0939F1Z`;
      expect(isValidGstin(first14 + gstinCheckCharacter(first14))).toBe(true);
    }
  });

  it('checks consistency with the state code and PAN given beside it', () => {
    expect(taxIdentityProblems({ gstin: '27AAPFU0939F1ZV', pan: 'AAPFU0939F', stateCode: '27' })).toEqual([]);
    expect(taxIdentityProblems({ gstin: '27AAPFU0939F1ZV', stateCode: '29' })).toEqual([
      { field: 'gstin', message: 'starts with state code 27 but the state code is 29' },
    ]);
    expect(taxIdentityProblems({ gstin: '27AAPFU0939F1ZV', pan: 'ABCDE1234F' })).toEqual([
      { field: 'gstin', message: 'contains PAN AAPFU0939F but the PAN is ABCDE1234F' },
    ]);
    expect(taxIdentityProblems({ pan: 'ABCDE1234F', stateCode: '29' })).toEqual([]);
  });

  it('the schema trims and upper-cases before checking', () => {
    expect(gstinSchema.parse(' 27aapfu0939f1zv ')).toBe('27AAPFU0939F1ZV');
    const result = gstinSchema.safeParse('27AAPFU0939F1ZA');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/check character/);
  });
});

describe('PAN, PIN code and state code', () => {
  it('PAN is 5 letters, 4 digits, 1 letter', () => {
    expect(panProblem('AAPFU0939F')).toBeNull();
    expect(panProblem('AAPFU0939')).toBe('must be 10 characters');
    expect(panProblem('AAPF10939F')).toMatch(/5 letters/);
    expect(panSchema.parse('aapfu0939f')).toBe('AAPFU0939F');
  });

  it('PIN code is 6 digits not starting with 0', () => {
    expect(pinCodeProblem('411001')).toBeNull();
    for (const bad of ['011001', '41100', '4110011', '41100A']) expect(pinCodeProblem(bad)).not.toBeNull();
  });

  it('state code is 01-38 or 97', () => {
    expect(isGstStateCode('01')).toBe(true);
    expect(isGstStateCode('38')).toBe(true);
    expect(isGstStateCode('97')).toBe(true);
    for (const bad of ['00', '39', '96', '98', '99', '1', '027', 'toString']) expect(isGstStateCode(bad)).toBe(false);
    expect(stateCodeSchema.safeParse('39').success).toBe(false);
  });

  it('works inside an object schema and names the field', () => {
    const schema = z.object({ gstin: gstinSchema, state_code: stateCodeSchema });
    const result = schema.safeParse({ gstin: 'nope', state_code: '40' });
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['gstin', 'state_code']);
  });
});

describe('password policy', () => {
  it('names each thing that is missing', () => {
    expect(passwordPolicyProblems('abc')).toEqual([
      'be at least 8 characters long',
      'contain an upper-case letter',
      'contain a digit',
      'contain a special character (e.g. ! @ # $ % & * -)',
    ]);
    expect(passwordPolicyProblems('Abcdefg1!')).toEqual([]);
    expect(passwordPolicyProblems('ABCDEFG1!')).toEqual(['contain a lower-case letter']);
    expect(passwordPolicyProblems(`Aa1!${'x'.repeat(125)}`)).toEqual(['be at most 128 characters long']);
  });

  it('reads as one sentence', () => {
    expect(describePasswordProblems(['contain a digit'])).toBe('Password must contain a digit');
    expect(describePasswordProblems(['contain an upper-case letter', 'contain a digit', PASSWORD_IS_EMAIL])).toBe(
      'Password must contain an upper-case letter, contain a digit and not be your email address',
    );
  });

  it('counts letters of any script and any non-alphanumeric as special', () => {
    expect(passwordPolicyProblems('Ärger-über 9')).toEqual([]);
  });

  it('refuses the email address and its local part, in any case', () => {
    expect(passwordPolicyProblems('Priya.Shah@Example.in1', { email: 'priya.shah@example.in1' })).toEqual([PASSWORD_IS_EMAIL]);
    expect(passwordIsEmail('Priya.Shah@Example.in', 'priya.shah@example.in')).toBe(true);
    expect(passwordIsEmail('PRIYA.SHAH', 'priya.shah@example.in')).toBe(true);
    expect(passwordIsEmail('Priya.Shah@2025', 'priya.shah@example.in')).toBe(false);
  });
});
