import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { plainIssueMessage, usePlainZodMessages } from './messages';

const host = globalThis as { __zod_globalConfig?: Record<string, unknown> };

describe('plain Zod messages', () => {
  afterEach(() => {
    delete host.__zod_globalConfig?.customError;
  });

  it('words missing fields and wrong types for people, and keeps what a schema says itself', () => {
    usePlainZodMessages();
    const schema = z.object({
      name: z.string(),
      qty: z.number(),
      lines: z.array(z.string()),
      code: z.string({ error: 'choose a code' }),
      rate: z.number().min(0, { message: 'must not be negative' }),
    });
    const result = schema.safeParse({ qty: '5', lines: {}, rate: -1 });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(byField).toEqual({
      name: 'is required',
      qty: 'must be a number',
      lines: 'must be a list',
      code: 'choose a code',
      rate: 'must not be negative',
    });
    expect(z.string().safeParse(null).error!.issues[0]!.message).toBe('is required');
  });

  it('leaves every other issue to Zod', () => {
    expect(plainIssueMessage({ code: 'too_small', input: '' })).toBeUndefined();
    expect(plainIssueMessage({ code: 'invalid_type', input: 1, expected: 'custom-thing' })).toBeUndefined();
    expect(plainIssueMessage({ code: 'invalid_type', input: 1, expected: 'string' })).toBe('must be text');
  });
});
