export const PASSWORD_MIN_LENGTH = 8;
/** argon2 hashes any length; the cap keeps a hostile request from costing more than a login. */
export const PASSWORD_MAX_LENGTH = 128;

export const PASSWORD_IS_EMAIL = 'not be your email address';
export const PASSWORD_IS_COMMON = 'not be a commonly used password (or one with only digits or symbols added)';

/**
 * What a password breaks under the policy (DOMAIN.md), as phrases that complete
 * "Password must …"; empty when it passes. Letters and digits of any script count; anything that
 * is neither is a special character. The common-password check needs a word list and is added on
 * the server (PASSWORD_IS_COMMON).
 */
export function passwordPolicyProblems(password: string, options: { email?: string | null } = {}): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if ([...password].length > PASSWORD_MAX_LENGTH) problems.push(`be at most ${PASSWORD_MAX_LENGTH} characters long`);
  if (!/\p{Lu}/u.test(password)) problems.push('contain an upper-case letter');
  if (!/\p{Ll}/u.test(password)) problems.push('contain a lower-case letter');
  if (!/\p{Nd}/u.test(password)) problems.push('contain a digit');
  if (!/[^\p{L}\p{N}]/u.test(password)) problems.push('contain a special character (e.g. ! @ # $ % & * -)');
  if (passwordIsEmail(password, options.email)) problems.push(PASSWORD_IS_EMAIL);
  return problems;
}

/** True when the password is the email address, or its part before the @, in any case. */
export function passwordIsEmail(password: string, email: string | null | undefined): boolean {
  if (!email) return false;
  const p = password.trim().toLowerCase();
  const e = email.trim().toLowerCase();
  const local = e.split('@')[0] ?? '';
  return p === e || (local.length >= 3 && p === local);
}

/** ["contain a digit", "not be your email address"] -> "Password must contain a digit and not be your email address". */
export function describePasswordProblems(problems: readonly string[]): string {
  if (problems.length === 0) return '';
  const list = problems.length === 1 ? problems[0] : `${problems.slice(0, -1).join(', ')} and ${problems[problems.length - 1]}`;
  return `Password must ${list}`;
}
