#!/usr/bin/env node
// Runs one benchmark (`npm run bench -- <name> [options]`) or, without a name, every bench/*.ts.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const [name, ...rest] = process.argv.slice(2);
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3));
const chosen = name && !name.startsWith('--') ? [name] : all;
const options = name && !name.startsWith('--') ? rest : process.argv.slice(2);
let failed = 0;
for (const bench of chosen) {
  if (!all.includes(bench)) {
    console.error(`No benchmark "${bench}" (have: ${all.join(', ')})`);
    process.exit(2);
  }
  console.log(`\n== ${bench}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, `${bench}.ts`), ...options], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
