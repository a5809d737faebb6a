import { describe, expect, it } from 'vitest';
import { generateNumericCode, generatePassword } from '../../lib/password-generator';
import { AppError } from '../../lib/app-error';
import { assertAcceptablePassword, commonPasswordCount, isCommonPassword, newPasswordProblems } from './password-policy';

describe('generated passwords', () => {
  it('1,000 in a row all pass the full policy and are distinct', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const password = generatePassword();
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(newPasswordProblems(password, 'someone@example.in')).toEqual([]);
      seen.add(password);
    }
    expect(seen.size).toBe(1000);
  });

  it('always holds all four classes, even at the minimum length', () => {
    for (let i = 0; i < 500; i++) {
      const p = generatePassword(12);
      expect(p).toHaveLength(12);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/[^A-Za-z0-9]/);
    }
    expect(() => generatePassword(11)).toThrow(RangeError);
  });

  it('numeric codes are six digits', () => {
    for (let i = 0; i < 200; i++) expect(generateNumericCode()).toMatch(/^[0-9]{6}$/);
  });
});

describe('common passwords', () => {
  it('ships a real list', () => {
    expect(commonPasswordCount()).toBeGreaterThan(9000);
  });

  it('refuses listed passwords and their decorated forms', () => {
    for (const weak of ['Password1!', 'P@ssw0rd', 'P@ssw0rd123!', 'Welcome@123', '@dmin123', 'Qwerty@2024', 'India@2025', 'Tritiq#1']) {
      expect(isCommonPassword(weak), weak).toBe(true);
    }
  });

  it('accepts passwords that merely contain a common word', () => {
    for (const fine of ['Mumbai#Rains42', 'Correct-Horse-9-Battery', 'k7#Rq2!vLm']) expect(isCommonPassword(fine), fine).toBe(false);
  });

  it('names every problem in one 422', () => {
    try {
      assertAcceptablePassword('welcome', 'x@example.in');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.status).toBe(422);
      expect(e.message).toBe(
        'Password must be at least 8 characters long, contain an upper-case letter, contain a digit, contain a special character (e.g. ! @ # $ % & * -) and not be a commonly used password (or one with only digits or symbols added)',
      );
      expect(e.options.errors?.every((f) => f.field === 'new_password')).toBe(true);
    }
  });
});
