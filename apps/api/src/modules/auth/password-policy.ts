import { readFileSync } from 'node:fs';
import { describePasswordProblems, PASSWORD_IS_COMMON, passwordPolicyProblems } from '@tritiq/contracts';
import { AppError } from '../../lib/app-error';

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(new URL('./data/common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#')),
);

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't' };
const unleet = (s: string, one: string) => s.replace(/[@4310!$57]/g, (ch) => (ch === '1' ? one : (LEET[ch] ?? ch)));
const NOT_LETTERS = '[^\\p{L}]+';
const stripEnd = (s: string) => s.replace(new RegExp(`${NOT_LETTERS}$`, 'u'), '');
const stripBoth = (s: string) => stripEnd(s).replace(new RegExp(`^${NOT_LETTERS}`, 'u'), '');

/**
 * A password is common when it is on the list, or becomes a listed word once digits or symbols
 * tacked on at the ends are dropped (Welcome@123) and look-alike characters are read as letters
 * (P@ssw0rd): composition rules alone let exactly those through.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const cores = [lower, stripEnd(lower), stripBoth(lower)];
  const candidates = cores.flatMap((c) => [c, unleet(c, 'i'), unleet(c, 'l')]);
  return candidates.some((c) => COMMON_PASSWORDS.has(c));
}

/** Everything the policy refuses in a new password, as phrases completing "Password must …". */
export function newPasswordProblems(password: string, email: string | null): string[] {
  const problems = passwordPolicyProblems(password, { email });
  if (isCommonPassword(password)) problems.push(PASSWORD_IS_COMMON);
  return problems;
}

/** Throws a 422 naming what the new password lacks. */
export function assertAcceptablePassword(password: string, email: string | null, field = 'new_password'): void {
  const problems = newPasswordProblems(password, email);
  if (problems.length === 0) return;
  throw new AppError('VALIDATION_ERROR', describePasswordProblems(problems), {
    errors: problems.map((p) => ({ field, message: `must ${p}` })),
  });
}

export const commonPasswordCount = (): number => COMMON_PASSWORDS.size;
