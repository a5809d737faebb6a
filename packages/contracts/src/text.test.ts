import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { textField } from './common';
import { optionalText, requiredText } from './fields';
import { partyCreateSchema } from './masters';
import { createUserRequestSchema, updateUserRequestSchema } from './users';
import { BIDI_TEXT_MESSAGE, CONTROL_TEXT_MESSAGE, LINE_BREAK_TEXT_MESSAGE, textProblem } from './text';

const DECOMPOSED = 'Cafe\u0301 Rao'; // "e" + combining acute
const COMPOSED = 'Caf\u00e9 Rao';

const issuesOf = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.message);
};

describe('textProblem', () => {
  it.each([
    ['\u202A', 'LRE'],
    ['\u202B', 'RLE'],
    ['\u202C', 'PDF'],
    ['\u202D', 'LRO'],
    ['\u202E', 'RLO'],
    ['\u2066', 'LRI'],
    ['\u2067', 'RLI'],
    ['\u2068', 'FSI'],
    ['\u2069', 'PDI'],
    ['\u200E', 'LRM'],
    ['\u200F', 'RLM'],
    ['\u061C', 'ALM'],
  ])('refuses %j (%s) anywhere in the text, even in multi-line text', (ch) => {
    expect(textProblem(`Invoice${ch}fdp.exe`)).toBe(BIDI_TEXT_MESSAGE);
    expect(textProblem(`notes\n${ch}`, { multiline: true })).toBe(BIDI_TEXT_MESSAGE);
  });

  it.each(['\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u009F', '\u000B', '\u000C'])('refuses the control character %j', (ch) => {
    expect(textProblem(`a${ch}b`)).toBe(CONTROL_TEXT_MESSAGE);
    expect(textProblem(`a${ch}b`, { multiline: true })).toBe(CONTROL_TEXT_MESSAGE);
  });

  it('allows line breaks and tabs in multi-line text only', () => {
    for (const br of ['\n', '\r\n', '\t', '\u2028', '\u2029']) {
      expect(textProblem(`line one${br}line two`)).toBe(LINE_BREAK_TEXT_MESSAGE);
    }
    expect(textProblem('line one\r\nline two\tend', { multiline: true })).toBeNull();
  });

  it('accepts the scripts Indian businesses write in, and joiners they need', () => {
    for (const ok of ['राम ट्रेडर्स', 'ஸ்ரீ முருகன் ஸ்டோர்ஸ்', 'ক্ষ', 'شركة الهند', 'Shree Ganesh & Co. (Pune) – 50%', 'क्‍ष']) {
      expect(textProblem(ok)).toBeNull();
    }
  });
});

describe('the text schemas of the request bodies', () => {
  const builders: [string, z.ZodType][] = [
    ['textField', textField(50)],
    ['requiredText', requiredText(50)],
    ['optionalText', optionalText(50)],
  ];

  it.each(builders)('%s stores NFC: a decomposed name becomes the composed one', (_name, schema) => {
    const out = schema.parse(`  ${DECOMPOSED}  `);
    expect(out).toBe(COMPOSED);
    expect(out).toHaveLength(8);
  });

  it.each(builders)('%s refuses direction overrides and control characters with a message', (_name, schema) => {
    expect(issuesOf(schema, 'Rao\u202ETraders')).toEqual([BIDI_TEXT_MESSAGE]);
    expect(issuesOf(schema, 'Rao\u0000Traders')).toEqual([CONTROL_TEXT_MESSAGE]);
    expect(issuesOf(schema, 'Rao\nTraders')).toEqual([LINE_BREAK_TEXT_MESSAGE]);
  });

  it('counts the length after NFC (a composed character is one)', () => {
    expect(requiredText(4).safeParse('Cafe\u0301').success).toBe(true);
    expect(issuesOf(requiredText(3), 'Cafe\u0301')).toEqual(['must be at most 3 characters']);
  });

  it('multi-line fields keep their lines but still refuse overrides', () => {
    const notes = optionalText(100, { multiline: true });
    expect(notes.parse('Deliver to gate 2\nCall before')).toBe('Deliver to gate 2\nCall before');
    expect(issuesOf(notes, 'ok\n\u2067hidden\u2069')).toEqual([BIDI_TEXT_MESSAGE]);
    expect(optionalText(100).parse(null)).toBeNull();
    expect(optionalText(100).parse('   ')).toBeNull();
    expect(optionalText(100).parse(undefined)).toBeUndefined();
  });

  it('names the field in the users, masters bodies', () => {
    const user = createUserRequestSchema.safeParse({ email: 'a@example.in', full_name: 'Asha\u202E Rao' });
    expect(user.success).toBe(false);
    expect(user.error!.issues).toEqual([expect.objectContaining({ path: ['full_name'], message: BIDI_TEXT_MESSAGE })]);
    const update = updateUserRequestSchema.safeParse({ department: 'Acc\u0007ounts' });
    expect(update.error!.issues).toEqual([expect.objectContaining({ path: ['department'], message: CONTROL_TEXT_MESSAGE })]);
    const party = partyCreateSchema.safeParse({ kind: 'customer', name: 'Rao', city: 'Pu\u2066ne' });
    expect(party.error!.issues).toEqual([expect.objectContaining({ path: ['city'], message: BIDI_TEXT_MESSAGE })]);
  });
});
