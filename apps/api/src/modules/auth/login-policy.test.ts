import { describe, expect, it } from 'vitest';
import { accountKeyOf, LOGIN_POLICY, NO_FAILURES, nextAccountCount, nextSourceCount, type FailureCount } from './login-policy';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

function failTimes(next: (row: FailureCount, now: Date) => FailureCount, times: number, everyMs = 1000) {
  let row = NO_FAILURES;
  const rows: FailureCount[] = [];
  for (let i = 0; i < times; i++) rows.push((row = next(row, at(i * everyMs))));
  return rows;
}

describe('login policy', () => {
  it('locks a source at the fifth failure in a row, for 30 minutes, and starts counting again', () => {
    const rows = failTimes(nextSourceCount, 6);
    expect(rows.slice(0, 4).map((r) => [r.failures, r.blockedUntil])).toEqual([
      [1, null],
      [2, null],
      [3, null],
      [4, null],
    ]);
    expect(rows[4]).toEqual({
      failures: 0,
      lastFailedAt: at(4000),
      blockedUntil: new Date(at(4000).getTime() + LOGIN_POLICY.sourceLockMs),
    });
    expect(rows[5]!.failures).toBe(1);
  });

  it("forgets a source's failures further apart than its window", () => {
    const rows = failTimes(nextSourceCount, 6, LOGIN_POLICY.sourceWindowMs + 1);
    expect(rows.every((r) => r.failures === 1 && r.blockedUntil === null)).toBe(true);
  });

  it('slows an account past its free failures: 1 s, 2 s, 4 s, … capped, and never locks it', () => {
    const free = LOGIN_POLICY.accountFreeFailures;
    const rows = failTimes(nextAccountCount, free + 8, 1);
    expect(rows.slice(0, free).every((r) => r.blockedUntil === null)).toBe(true);
    const waits = rows.slice(free).map((r) => r.blockedUntil!.getTime() - r.lastFailedAt!.getTime());
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    const later = nextAccountCount(rows.at(-1)!, at(LOGIN_POLICY.accountWindowMs + 1000));
    expect(later).toMatchObject({ failures: 1, blockedUntil: null });
  });

  it('keys an email case-insensitively, as a hash', () => {
    expect(accountKeyOf('Someone@Example.test')).toBe(accountKeyOf('someone@example.test'));
    expect(accountKeyOf('someone@example.test')).toMatch(/^[0-9a-f]{64}$/);
  });
});
