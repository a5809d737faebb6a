/**
 * The web app's developer loop and bundle, on this machine (`npm run bench -- web-dev`):
 *   - the development server as `npm run dev` starts it (`apps/web/server.mjs --dev`: Next with
 *     Turbopack, the default, or `--webpack`), each from a cold cache:
 *     ready time (process start to listening), first compile of the voucher page (/vouchers/sales,
 *     loaded in Chromium until `load`), and hot-reload time after editing a component (a text in
 *     app/(auth)/layout.tsx changes while the login form holds typed text; the time from the file
 *     write to the new text in the page, and whether the typed text survived: state kept);
 *   - a floor for the first compile, measured the same way in the same run with plain `next dev`
 *     (`--webpack` for webpack): a minimal one-page Next 16 + Mantine app (MantineProvider and a few
 *     Mantine components on one page, the app's PostCSS setup) generated into a scratch directory
 *     under the repository's tmp/ so that it uses the installed node_modules; ours, the floor and
 *     their ratio are printed (absolute targets are judged against it);
 *   - `next build` time (production, Turbopack);
 *   - first-load JavaScript of /vouchers/sales under the production server (`apps/web/server.mjs`,
 *     as `npm start` runs it): every script the page loads, raw and gzip-compressed.
 * No API is needed (the pages render their "could not load" state). Options: --skip-webpack,
 * --scripts (also list each script of the first load with its raw and gzip size, largest first),
 * --skip-dev (only the build and the first load), --skip-build (only the dev loop and the floor),
 * --reuse-build (measure the first load of the production build already in apps/web/.next),
 * --rounds N (measure the floor and ours N times, alternating, floor first; default 1),
 * --modules (after each first compile, count the modules the development server compiled, per layer).
 * The component is restored afterwards; `.next` is rebuilt by the production step.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { freePort } from './support/server-entry';

const { values: args } = parseArgs({
  options: {
    'skip-webpack': { type: 'boolean', default: false },
    'skip-dev': { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    'reuse-build': { type: 'boolean', default: false },
    scripts: { type: 'boolean', default: false },
    modules: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '1' },
    'floor-server': { type: 'boolean', default: false },
  },
});
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.join(ROOT, 'apps/web');
const NEXT = path.join(ROOT, 'node_modules/next/dist/bin/next');
const SERVER = path.join(WEB, 'server.mjs');
/** What each server prints once it answers: `next dev`, and apps/web/server.mjs (WEB_ANNOUNCE unset or not 0). */
const NEXT_READY = /Ready in/;
const SERVER_READY = /web: listening on/;
const COMPONENT = path.join(WEB, 'app/(auth)/layout.tsx');
const ORIGINAL_TEXT = 'Accounts, stock and GST vouchers';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** `node <argv>` (the Next CLI or apps/web/server.mjs) as the leader of a process group of its own. */
function start(
  argv: string[],
  env: Record<string, string> = {},
  cwd = WEB,
): { child: ChildProcess; output: () => string; waitFor: (re: RegExp, ms: number) => Promise<void> } {
  const child = spawn(process.execPath, argv, {
    cwd,
    detached: true,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', API_URL: 'http://127.0.0.1:9', WEB_ANNOUNCE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const waitFor = async (re: RegExp, ms: number) => {
    const until = Date.now() + ms;
    while (!re.test(out)) {
      if (child.exitCode !== null) throw new Error(`${path.basename(argv[0]!)} exited (${child.exitCode}):\n${out}`);
      if (Date.now() > until) throw new Error(`timed out waiting for ${re}:\n${out}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { child, output: () => out, waitFor };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      resolve();
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    }, 5_000).unref();
  });
}

/**
 * CPU seconds (user + system, the reaped children's included) of every process in the group of
 * `pgid` (the server started detached as the group's leader: `next dev` and the server process it
 * forks, or apps/web/server.mjs; with the workers either starts), from /proc.
 * Other engineers' work on a shared machine stretches the wall time of a compile far more than the
 * CPU time it takes, so the CPU of the first compile says what the compile costs, not what else ran.
 */
function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // After "pid (comm) ": state ppid pgrp … utime(14) stime(15) cutime(16) cstime(17), counted from pid = 1.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  }
  return ticks / 100; // USER_HZ: 100 on Linux
}

/**
 * The modules a cold development server (Turbopack) has compiled so far, per layer (`app-client`, `app-ssr`,
 * `app-rsc`, `middleware`, …): the distinct `[project]/… [layer]` module ids in `.next/dev`'s chunks.
 */
function compiledModules(appDir: string): string {
  const seen = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.js'))
        for (const m of readFileSync(file, 'utf8').matchAll(/"\[project\]\/([^"\s]+) \[([a-z-]+)\]/g)) seen.add(`${m[2]} ${m[1]}`);
    }
  };
  walk(path.join(appDir, '.next/dev'));
  const perLayer = new Map<string, number>();
  for (const id of seen) {
    const layer = id.slice(0, id.indexOf(' '));
    perLayer.set(layer, (perLayer.get(layer) ?? 0) + 1);
  }
  return [...perLayer]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([layer, n]) => `${layer}=${n}`)
    .join(' ');
}

async function devLoop(bundler: 'turbopack' | 'webpack') {
  rmSync(path.join(WEB, '.next/dev'), { recursive: true, force: true });
  const port = await freePort();
  const t0 = performance.now();
  // As `npm run dev` starts the web app (scripts/start.mjs): our server in development.
  const dev = start([SERVER, '--dev', ...(bundler === 'webpack' ? ['--webpack'] : []), '--hostname', '127.0.0.1', '--port', String(port)]);
  const original = readFileSync(COMPONENT, 'utf8');
  try {
    await dev.waitFor(SERVER_READY, 180_000);
    const ready = performance.now() - t0;
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
    const page = await context.newPage();
    page.setDefaultTimeout(180_000);
    const cpu0 = groupCpuSeconds(dev.child.pid!);
    const c0 = performance.now();
    await page.goto('/vouchers/sales', { waitUntil: 'load', timeout: 300_000 });
    const firstCompile = performance.now() - c0;
    const firstCompileCpu = groupCpuSeconds(dev.child.pid!) - cpu0;
    const modules = args.modules && bundler === 'turbopack' ? compiledModules(WEB) : '';

    await page.goto('/login', { waitUntil: 'load', timeout: 300_000 });
    await page.getByText(ORIGINAL_TEXT).waitFor();
    await page.getByLabel(/^Email/).fill('state@example.test');
    await new Promise((r) => setTimeout(r, 1_000));
    const marker = `Edited ${Date.now()}`;
    const h0 = performance.now();
    writeFileSync(COMPONENT, original.replace(ORIGINAL_TEXT, marker));
    await page.getByText(marker).waitFor({ timeout: 120_000 });
    const hmr = performance.now() - h0;
    const stateKept = (await page.getByLabel(/^Email/).inputValue()) === 'state@example.test';
    await context.close();
    return { ready, firstCompile, firstCompileCpu, hmr, stateKept, modules };
  } finally {
    writeFileSync(COMPONENT, original);
    await stop(dev.child);
  }
}

/**
 * The floor: a one-page Next 16 + Mantine app as Mantine's Next.js template sets it up (root layout with
 * ColorSchemeScript and MantineProvider, Mantine's styles, postcss-preset-mantine) with a page of a few
 * components, written under the repository's tmp/ so that it resolves the same installed node_modules.
 */
function writeFloorApp(): string {
  const base = path.join(ROOT, 'tmp');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(path.join(base, 'web-dev-floor-'));
  mkdirSync(path.join(dir, 'app'));
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'web-dev-floor', private: true, type: 'module' }),
    'next.config.mjs': 'export default {};\n',
    'postcss.config.mjs': readFileSync(path.join(WEB, 'postcss.config.mjs'), 'utf8'),
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        module: 'esnext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        isolatedModules: true,
        esModuleInterop: true,
        resolveJsonModule: true,
        plugins: [{ name: 'next' }],
      },
      include: ['**/*.ts', '**/*.tsx'],
      exclude: ['node_modules', '.next'],
    }),
    'app/layout.tsx': `import '@mantine/core/styles.css';
import { ColorSchemeScript, MantineProvider, mantineHtmlProps } from '@mantine/core';
import type { ReactNode } from 'react';

export const metadata = { title: 'Floor' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" {...mantineHtmlProps}>
      <head>
        <ColorSchemeScript />
      </head>
      <body>
        <MantineProvider>{children}</MantineProvider>
      </body>
    </html>
  );
}
`,
    'app/page.tsx': `'use client';
import { Badge, Button, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';

export default function Page() {
  const [search, setSearch] = useState('');
  const rows = [1, 2, 3].filter((n) => String(n).includes(search));
  return (
    <Stack p="md">
      <Group justify="space-between">
        <Title order={2}>Sales invoices</Title>
        <Button>New sales invoice</Button>
      </Group>
      <TextInput label="Search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Number</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((n) => (
            <Table.Tr key={n}>
              <Table.Td>INV-{n}</Table.Td>
              <Table.Td>
                <Badge>Posted</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/**
 * The floor app's development server, run as ours is (apps/web/server.mjs --dev) minus what ours
 * does per request (forwarded headers, the page policy): Next in development in this one process,
 * its hot-reload websocket on our HTTP server.
 */
const FLOOR_SERVER = `import { createServer } from 'node:http';
process.env.NODE_ENV = 'development';
const { default: next } = await import('next');
const [port, bundler] = [Number(process.argv[2]), process.argv[3]];
let handle;
const server = createServer((req, res) => handle(req, res));
const app = next({ dev: true, dir: process.cwd(), hostname: '127.0.0.1', port, httpServer: server, ...(bundler === 'webpack' ? { webpack: true } : { turbopack: true }) });
handle = app.getRequestHandler();
await app.prepare();
server.listen(port, '127.0.0.1', () => console.log('floor: listening'));
`;

/** The floor app's development server from a cold cache (plain `next dev`, or with --floor-server its own server): ready time and the first compile of its one page. */
async function floorDev(bundler: 'turbopack' | 'webpack') {
  const dir = writeFloorApp();
  const port = await freePort();
  const t0 = performance.now();
  const ownServer = args['floor-server'];
  if (ownServer) writeFileSync(path.join(dir, 'server.mjs'), FLOOR_SERVER);
  const dev = ownServer
    ? start([path.join(dir, 'server.mjs'), String(port), bundler], {}, dir)
    : start([NEXT, 'dev', ...(bundler === 'webpack' ? ['--webpack'] : []), '--hostname', '127.0.0.1', '--port', String(port)], {}, dir);
  try {
    await dev.waitFor(ownServer ? /floor: listening/ : NEXT_READY, 180_000);
    const ready = performance.now() - t0;
    const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
    const page = await context.newPage();
    const cpu0 = groupCpuSeconds(dev.child.pid!);
    const c0 = performance.now();
    await page.goto('/', { waitUntil: 'load', timeout: 300_000 });
    const firstCompile = performance.now() - c0;
    const firstCompileCpu = groupCpuSeconds(dev.child.pid!) - cpu0;
    const modules = args.modules && bundler === 'turbopack' ? compiledModules(dir) : '';
    await page.getByText('Sales invoices').waitFor({ timeout: 60_000 });
    await context.close();
    return { ready, firstCompile, firstCompileCpu, modules };
  } finally {
    await stop(dev.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function productionBuild() {
  rmSync(path.join(WEB, '.next'), { recursive: true, force: true });
  const t0 = performance.now();
  const build = start([NEXT, 'build']);
  const code = await new Promise<number | null>((resolve) => build.child.once('exit', resolve));
  if (code !== 0) throw new Error(`next build failed:\n${build.output()}`);
  return performance.now() - t0;
}

async function firstLoadJs() {
  const port = await freePort();
  const server = start([SERVER, '--hostname', '127.0.0.1', '--port', String(port)]);
  try {
    await server.waitFor(SERVER_READY, 60_000);
    const context = await browser.newContext();
    const page = await context.newPage();
    const scripts: Array<Promise<{ url: string; raw: number; gzip: number }>> = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script')
        scripts.push(res.body().then((b) => ({ url: new URL(res.url()).pathname, raw: b.length, gzip: gzipSync(b).length })));
    });
    await page.goto(`http://127.0.0.1:${port}/vouchers/sales`, { waitUntil: 'networkidle' });
    const sizes = await Promise.all(scripts);
    await context.close();
    return { sizes, files: sizes.length, raw: sizes.reduce((s, x) => s + x.raw, 0), gzip: sizes.reduce((s, x) => s + x.gzip, 0) };
  } finally {
    await stop(server.child);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
const load = () => loadavg()[0]!.toFixed(2);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: FLAGS });
try {
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (!args['skip-dev'])
    console.log(
      `floor: ${args['floor-server'] ? 'Next in development under a minimal server of its own (as ours runs)' : '`next dev`'} of a one-page Next + Mantine app; ours: apps/web/server.mjs --dev, as \`npm run dev\` starts the web app`,
    );
  const rounds = Number(args.rounds);
  for (const bundler of args['skip-dev'] ? [] : args['skip-webpack'] ? (['turbopack'] as const) : (['turbopack', 'webpack'] as const)) {
    for (let round = 1; round <= rounds; round++) {
      const floor = await floorDev(bundler);
      console.log(
        `floor    (${bundler.padEnd(9)})  ready=${seconds(floor.ready)}  first_compile_/=${seconds(floor.firstCompile)}  cpu=${seconds(floor.firstCompileCpu * 1000)}  load=${load()}`,
      );
      if (floor.modules) console.log(`floor    modules  ${floor.modules}`);
      const r = await devLoop(bundler);
      console.log(
        `ours     (${bundler.padEnd(9)})  ready=${seconds(r.ready)}  first_compile_/vouchers/sales=${seconds(r.firstCompile)}  cpu=${seconds(r.firstCompileCpu * 1000)}  hmr_update=${seconds(r.hmr)}  state_kept=${r.stateKept}  load=${load()}`,
      );
      if (r.modules) console.log(`ours     modules  ${r.modules}`);
      console.log(
        `first compile (${bundler})  ours=${seconds(r.firstCompile)}  floor=${seconds(floor.firstCompile)}  ratio=${(r.firstCompile / floor.firstCompile).toFixed(2)}` +
          `  cpu: ours=${seconds(r.firstCompileCpu * 1000)}  floor=${seconds(floor.firstCompileCpu * 1000)}  ratio=${(r.firstCompileCpu / floor.firstCompileCpu).toFixed(2)}`,
      );
    }
  }
  if (!args['skip-build']) {
    if (!args['reuse-build']) {
      const build = await productionBuild();
      console.log(`next build (turbopack)  ${seconds(build)}`);
    }
    const js = await firstLoadJs();
    console.log(`first-load JS /vouchers/sales  ${js.files} scripts  ${kb(js.raw)} raw  ${kb(js.gzip)} gzip`);
    if (args.scripts)
      for (const s of [...js.sizes].sort((a, b) => b.gzip - a.gzip))
        console.log(`  ${s.url.padEnd(48)} ${kb(s.raw).padStart(7)} raw ${kb(s.gzip).padStart(7)} gzip`);
  }
  console.log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await browser.close();
}
