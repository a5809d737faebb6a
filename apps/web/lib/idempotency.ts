/**
 * One `Idempotency-Key` per intended creation: a retry of the same body (after a lost answer or a
 * network error) sends the same key, so the API replays the voucher it already posted instead of
 * posting a second one; any change to the body is a new creation with a new key.
 */
export function newIdempotencyKey(): string {
  // crypto.randomUUID exists only in secure contexts; getRandomValues works on plain-http LAN
  // addresses too. Version 4 UUID from 16 random bytes.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface IdempotencyKeys {
  /** The key for this body: the previous one when the body is unchanged, else a new one. */
  keyFor(body: unknown): string;
}

export function idempotencyKeys(generate: () => string = newIdempotencyKey): IdempotencyKeys {
  let last: { body: string; key: string } | null = null;
  return {
    keyFor(body) {
      const text = JSON.stringify(body);
      if (last?.body !== text) last = { body: text, key: generate() };
      return last.key;
    },
  };
}
