import { describe, expect, it } from 'vitest';
import { configureZod } from './zod-config';

describe('configureZod', () => {
  it('makes Zod run without compiling parsers, when set before or after Zod loads', async () => {
    const host = globalThis as { __zod_globalConfig?: Record<string, unknown> };
    const before = host.__zod_globalConfig ? { ...host.__zod_globalConfig } : undefined;
    try {
      configureZod();
      const { z } = await import('zod');
      expect(z.config().jitless).toBe(true);
      expect(z.object({ a: z.string() }).parse({ a: 'x' })).toEqual({ a: 'x' });
    } finally {
      if (host.__zod_globalConfig) {
        for (const key of Object.keys(host.__zod_globalConfig)) delete host.__zod_globalConfig[key];
        Object.assign(host.__zod_globalConfig, before ?? {});
      }
    }
  });
});
