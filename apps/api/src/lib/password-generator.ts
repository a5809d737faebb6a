import { randomInt } from 'node:crypto';

// Look-alikes (I l 1, O 0) are left out: these passwords are read off a screen or an email and typed.
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SPECIAL = '!@#$%^&*-_=+?';
const ALL = UPPER + LOWER + DIGITS + SPECIAL;

function pick(alphabet: string): string {
  return alphabet.charAt(randomInt(alphabet.length));
}

/**
 * A password for someone who did not choose it (licence, new user, admin reset): from the
 * operating system's cryptographic source, at least 12 characters, always with an upper-case and
 * a lower-case letter, a digit and a special character, so it passes the policy it will be
 * checked against. About 6.2 bits per character: 16 characters are ~99 bits.
 */
export function generatePassword(length = 16): string {
  if (length < 12) throw new RangeError('Generated passwords are at least 12 characters');
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SPECIAL)];
  while (chars.length < length) chars.push(pick(ALL));
  // Fisher-Yates, so the guaranteed characters are not always in front.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/** A six-digit one-time code, uniformly from 000000-999999. */
export function generateNumericCode(): string {
  return String(randomInt(1_000_000)).padStart(6, '0');
}
