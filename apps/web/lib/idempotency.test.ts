import { describe, expect, it } from 'vitest';
import { idempotencyKeys, newIdempotencyKey } from './idempotency';

describe('idempotency keys', () => {
  it('are version 4 UUIDs, different each time', () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });

  it('repeat the key while the body is unchanged and change it with the body', () => {
    const keys = idempotencyKeys();
    const first = keys.keyFor({ customer_id: 'c1', items: [{ quantity: '2' }] });
    expect(keys.keyFor({ customer_id: 'c1', items: [{ quantity: '2' }] })).toBe(first);
    const changed = keys.keyFor({ customer_id: 'c1', items: [{ quantity: '3' }] });
    expect(changed).not.toBe(first);
    expect(keys.keyFor({ customer_id: 'c1', items: [{ quantity: '3' }] })).toBe(changed);
  });
});
