import { describe, expect, it } from 'vitest';
import { hsnCodeProblem } from './hsn';
import { stateCodeProblem } from './state-codes';

describe('HSN/SAC codes', () => {
  it('are 4, 6 or 8 digits, leading zeros kept', () => {
    expect(hsnCodeProblem('0401')).toBeNull();
    expect(hsnCodeProblem('998314')).toBeNull();
    expect(hsnCodeProblem('84713010')).toBeNull();
    expect(hsnCodeProblem('12345')).toBe('must be 4, 6 or 8 digits');
    expect(hsnCodeProblem('84A1')).toBe('must be 4, 6 or 8 digits');
  });
});

describe('state code problems', () => {
  it('name what is wrong', () => {
    expect(stateCodeProblem('38')).toBeNull();
    expect(stateCodeProblem('97')).toBeNull();
    expect(stateCodeProblem('39')).toMatch(/01-38 or 97/);
  });
});
