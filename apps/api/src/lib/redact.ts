/**
 * Secrets must never reach a log line, an audit row or a response body other than the one that
 * deliberately shows a generated password. Key names are matched case-insensitively, at any depth.
 */
const SECRET_KEY_PATTERN = /(pass(word)?|passwd|secret|token|authorization|cookie|api[_-]?key|otp|code_hash|password_hash|credential)/i;

/** Keys that look secret by name but carry nothing sensitive. */
const SAFE_KEYS = new Set(['token_type', 'tokenType', 'must_change_password', 'mustChangePassword', 'expires_in']);

export const REDACTED = '[REDACTED]';

// Keys are mostly the code's own field names: each is matched once (every log line is redacted).
const secretKeys = new Map<string, boolean>();

export function isSecretKey(key: string): boolean {
  let secret = secretKeys.get(key);
  if (secret === undefined) {
    secret = !SAFE_KEYS.has(key) && SECRET_KEY_PATTERN.test(key);
    if (secretKeys.size < 10_000) secretKeys.set(key, secret);
  }
  return secret;
}

export function redactSecrets<T>(value: T, depth = 0): T {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1)) as T;
  if (value instanceof Error || value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    out[key] =
      isSecretKey(key) && inner !== undefined && inner !== null && typeof inner !== 'boolean' ? REDACTED : redactSecrets(inner, depth + 1);
  }
  return out as T;
}

/**
 * `object` itself when `redactSecrets` would change nothing in it (no key looks secret and no value
 * is an object, the `http` log line's case), else its redacted copy: no copy for every log line.
 */
export function redactSecretsOrSame(object: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(object);
  for (let i = 0; i < keys.length; i++) {
    const value = object[keys[i]!];
    if ((value !== null && typeof value === 'object') || isSecretKey(keys[i]!)) return redactSecrets(object);
  }
  return object;
}
