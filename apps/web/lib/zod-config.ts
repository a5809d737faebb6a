/**
 * Zod compiles object parsers with `new Function` when it may; its probe for that is refused by
 * the content security policy (no 'unsafe-eval' in production, lib/security-headers.mjs) and
 * reported as a violation. `jitless` turns the compiler off. Zod keeps its configuration on
 * `globalThis.__zod_globalConfig` (so that every copy of Zod shares it) and uses an object it
 * finds there, so setting it there before Zod loads configures it without loading Zod: most
 * pages' first scripts parse nothing, and the pages that do load Zod with them.
 * (zod-config.test.ts checks that Zod still reads it there.)
 */
export function configureZod(): void {
  const host = globalThis as { __zod_globalConfig?: Record<string, unknown> };
  host.__zod_globalConfig = Object.assign(host.__zod_globalConfig ?? {}, { jitless: true });
}
