#!/usr/bin/env node
// After `vitest --coverage` (npm run test:coverage): line coverage per module of the API and the
// contracts, from coverage/coverage-summary.json, lowest first, with the modules under 80 % marked.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const summary = JSON.parse(readFileSync('coverage/coverage-summary.json', 'utf8'));
const modules = new Map();
for (const [file, figures] of Object.entries(summary)) {
  if (file === 'total') continue;
  const rel = path.relative(process.cwd(), file);
  // apps/api/src/modules/<name>, apps/api/src/<dir>, packages/contracts/src/<dir>; files at a root count as that root.
  const parts = rel.split(path.sep);
  const depth = parts[3] === 'modules' ? 5 : 4;
  const key = parts.length > depth ? parts.slice(0, depth).join('/') : parts.slice(0, depth - 1).join('/');
  const m = modules.get(key) ?? { covered: 0, total: 0 };
  m.covered += figures.lines.covered;
  m.total += figures.lines.total;
  modules.set(key, m);
}
const rows = [...modules.entries()]
  .map(([name, m]) => ({ name, pct: m.total ? (100 * m.covered) / m.total : 100, ...m }))
  .sort((a, b) => a.pct - b.pct);
console.log('\nLine coverage by module (unit + pglite + pg):');
for (const r of rows)
  console.log(
    `  ${r.pct < 80 ? '<80' : '   '} ${r.pct.toFixed(1).padStart(5)} %  ${String(r.covered).padStart(5)}/${String(r.total).padEnd(5)}  ${r.name}`,
  );
const t = summary.total;
console.log(
  `\nTotal: lines ${t.lines.pct} %, statements ${t.statements.pct} %, functions ${t.functions.pct} %, branches ${t.branches.pct} % (coverage/index.html)`,
);
