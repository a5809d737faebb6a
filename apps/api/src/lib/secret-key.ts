import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';

/**
 * SECRET_KEY from the environment, or (outside production) one generated once and kept in the
 * data directory, so tokens survive restarts without any hard-coded default.
 */
export function resolveSecretKey(config: Config): { key: string; source: 'env' | 'file' | 'generated' } {
  if (config.secretKey) return { key: config.secretKey, source: 'env' };
  if (config.env === 'production') throw new Error('SECRET_KEY is required when NODE_ENV=production');
  const file = path.join(config.dataDir, 'secret.key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key.length >= 32) return { key, source: 'file' };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const key = randomBytes(48).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return { key, source: 'generated' };
}
