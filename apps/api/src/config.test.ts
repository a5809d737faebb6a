import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/app');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('defaults to the embedded database under ./data, on localhost', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.database).toMatchObject({ driver: 'pglite', dataDir: '/srv/app/data', poolSize: 1 });
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8000);
    expect(config.secretKey).toBeUndefined();
  });

  it('selects the PostgreSQL server for a postgres:// URL with the configured pool', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db.example:5432/erp', DB_POOL_SIZE: '20' }, '/srv/app');
    expect(config.database).toMatchObject({ driver: 'pg', url: 'postgres://u@db.example:5432/erp', poolSize: 20 });
  });

  it('refuses to start in production without SECRET_KEY, naming the variable', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SECRET_KEY is required when NODE_ENV=production/);
  });

  it('names a malformed DATABASE_URL', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://nope' });
    expect(problems).toEqual([expect.stringMatching(/^DATABASE_URL must be a postgres:\/\/ URL/)]);
  });

  it('gives one message per bad variable', () => {
    const problems = problemsOf({ PORT: 'eighty', DB_POOL_SIZE: '0', DEBUG: 'maybe', SECRET_KEY: 'short' });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT must be a number/);
    expect(problems.join('\n')).toMatch(/DB_POOL_SIZE must be at least 1/);
    expect(problems.join('\n')).toMatch(/DEBUG/);
    expect(problems.join('\n')).toMatch(/SECRET_KEY must be at least 32 characters/);
  });

  it('metrics: closed by default; a token, or a separate address that is not the API port', () => {
    expect(loadConfig({}, '/srv/app').metrics).toEqual({ token: undefined, host: '127.0.0.1', port: undefined });
    const token = 'a'.repeat(24);
    expect(loadConfig({ METRICS_TOKEN: token, METRICS_HOST: '10.0.0.5', METRICS_PORT: '9464' }, '/srv/app').metrics).toEqual({
      token,
      host: '10.0.0.5',
      port: 9464,
    });
    expect(problemsOf({ METRICS_TOKEN: 'short' })).toEqual([expect.stringMatching(/^METRICS_TOKEN must be at least 24 printable/)]);
    expect(problemsOf({ METRICS_TOKEN: `${token} ${token}` })).toEqual([expect.stringMatching(/^METRICS_TOKEN /)]);
    expect(problemsOf({ METRICS_PORT: '8000' })).toEqual(['METRICS_PORT must differ from PORT (8000): it is a separate address']);
    expect(problemsOf({ METRICS_PORT: 'ninety' })).toEqual([expect.stringMatching(/^METRICS_PORT must be a number/)]);
  });

  it('treats empty values as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', SMTP_HOST: '  ' }, '/srv/app');
    expect(config.database.driver).toBe('pglite');
    expect(config.smtp.host).toBeUndefined();
  });
});
