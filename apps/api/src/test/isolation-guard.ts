/**
 * Setup file of the `pg` and `pglite` projects. They run without Vitest's isolation (`isolate:
 * false`, README "CI time"): a worker imports the API once and runs file after file in the same
 * process, so a file must leave the process as it found it. This checks, after each file's own
 * teardown, what a file could leave behind for the next one, and fails that file naming it:
 * a voucher type left in the contracts' registry, a changed environment variable, a process
 * listener, fake timers, Zod's global configuration. (Mocks and Vitest's own configuration are reset
 * by Vitest between files.)
 */
import { unregisterVoucherType, usePlainZodMessages, voucherTypes } from '@tritiq/contracts';
import { afterAll, beforeAll, vi } from 'vitest';

const PROCESS_EVENTS = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'uncaughtException', 'unhandledRejection', 'warning'] as const;
// pino's stdout stream (a logger without a destination) flushes at exit through on-exit-leak-free,
// which holds one `exit` listener (`onExit`, `onBeforeExit`) while any such stream is alive and
// removes it once garbage collection has freed them all: it comes and goes with the collector, and
// keeps nothing alive, so it is not counted.
const FLUSH_AT_EXIT = new Set(['onExit', 'onBeforeExit']);
/** The process as a plain emitter: one `listeners` for every event name. */
const emitter: NodeJS.EventEmitter = process;

interface ProcessState {
  voucherTypes: string;
  env: string;
  listeners: string;
  zodConfig: string;
}

function processState(): ProcessState {
  const zod = (globalThis as { __zod_globalConfig?: Record<string, unknown> }).__zod_globalConfig ?? {};
  return {
    voucherTypes: voucherTypes()
      .map((d) => d.type)
      .join(', '),
    env: JSON.stringify(Object.entries(process.env).sort(([a], [b]) => a.localeCompare(b))),
    listeners: PROCESS_EVENTS.map(
      (event) => `${event} ${emitter.listeners(event).filter((fn) => !FLUSH_AT_EXIT.has(fn.name)).length}`,
    ).join(', '),
    zodConfig: JSON.stringify(Object.entries(zod).map(([key, value]) => [key, typeof value === 'function' ? value.name : value])),
  };
}

// The API's process words Zod's type errors plainly (`buildApp` sets it, the same each time): set
// here first, so every file sees it whether or not a file before it built an app.
usePlainZodMessages();

let before: ProcessState;
beforeAll(() => {
  before = processState();
});

afterAll(() => {
  const after = processState();
  const problems: string[] = [];
  // What can be put back is put back, so that only the file at fault fails.
  if (after.voucherTypes !== before.voucherTypes) {
    problems.push(`voucher types were [${before.voucherTypes}], are [${after.voucherTypes}] (unregisterVoucherType in its teardown)`);
    const kept = new Set(before.voucherTypes.split(', '));
    for (const def of [...voucherTypes()].reverse()) if (!kept.has(def.type)) unregisterVoucherType(def.type);
  }
  if (after.env !== before.env) {
    const was = new Map(JSON.parse(before.env) as [string, string][]);
    const now = new Map(JSON.parse(after.env) as [string, string][]);
    const changed = [...new Set([...was.keys(), ...now.keys()])].filter((key) => was.get(key) !== now.get(key));
    problems.push(`environment variables changed: ${changed.join(', ')}`);
    for (const key of changed) {
      const value = was.get(key);
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  if (after.listeners !== before.listeners) problems.push(`process listeners were {${before.listeners}}, are {${after.listeners}}`);
  if (after.zodConfig !== before.zodConfig) problems.push(`Zod's global configuration changed: ${before.zodConfig} → ${after.zodConfig}`);
  if (vi.isFakeTimers()) {
    vi.useRealTimers();
    problems.push('fake timers were left on');
  }
  if (problems.length > 0)
    throw new Error(`This test file leaves the worker changed for the files after it (no isolation between files): ${problems.join('; ')}`);
});
