import { describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger';
import { CommitOutcomeUnknownError, withRetry, type RetryPolicy } from './session';

const policy: RetryPolicy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000, budgetMs: 60_000 };
const logger = createLogger({ level: 'silent', pretty: false });

function pgError(code: string): Error {
  return Object.assign(new Error(`pg error ${code}`), { code });
}

function run(failures: unknown[], p = policy) {
  const delays: number[] = [];
  let calls = 0;
  const promise = withRetry(
    async (attempt) => {
      calls++;
      const failure = failures[attempt - 1];
      if (failure) throw failure;
      return `ok on ${attempt}`;
    },
    p,
    { logger, random: () => 1, sleep: async (ms) => void delays.push(ms) },
  );
  return { promise, delays, calls: () => calls };
}

describe('withRetry', () => {
  it('retries serialization failures and deadlocks with exponential backoff', async () => {
    const r = run([pgError('40001'), pgError('40P01'), pgError('55P03')]);
    await expect(r.promise).resolves.toBe('ok on 4');
    expect(r.delays).toEqual([100, 200, 400]);
  });

  it('retries lost and refused connections, wrapped the way Drizzle wraps them', async () => {
    const wrapped = new Error('Failed query', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const r = run([wrapped, new Error('Connection terminated unexpectedly'), pgError('57P01')]);
    await expect(r.promise).resolves.toBe('ok on 4');
  });

  it('never retries a unique violation or any other error', async () => {
    const r = run([pgError('23505')]);
    await expect(r.promise).rejects.toMatchObject({ code: '23505' });
    expect(r.calls()).toBe(1);
    const v = run([new TypeError('bad input')]);
    await expect(v.promise).rejects.toBeInstanceOf(TypeError);
    expect(v.calls()).toBe(1);
  });

  it('never retries a commit whose outcome is unknown', async () => {
    const r = run([new CommitOutcomeUnknownError(pgError('57P01'))]);
    await expect(r.promise).rejects.toBeInstanceOf(CommitOutcomeUnknownError);
    expect(r.calls()).toBe(1);
  });

  it('gives up after maxRetries and throws the last failure', async () => {
    const r = run([pgError('40001'), pgError('40001'), pgError('40001'), pgError('40P01')]);
    await expect(r.promise).rejects.toMatchObject({ code: '40P01' });
    expect(r.calls()).toBe(4);
  });

  it('jitters each delay between half and all of its ceiling', async () => {
    const delays: number[] = [];
    await withRetry(
      async (attempt) => {
        if (attempt < 3) throw pgError('40001');
        return attempt;
      },
      policy,
      { logger, random: () => 0, sleep: async (ms) => void delays.push(ms) },
    );
    expect(delays).toEqual([50, 100]);
  });
});
