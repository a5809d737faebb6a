#!/usr/bin/env node
// Runs the whole suite, one Vitest project at a time so each driver's time is reported, and ends
// with the plain `N passed, N failed` line CI reads. Extra arguments go to Vitest (e.g. a file filter).
// TEST_PROJECTS=unit,pglite narrows the run (default: every project).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const projects = (process.env.TEST_PROJECTS ?? 'unit,pglite,pg,e2e,drills')
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean);
const extra = process.argv.slice(2);
const outDir = mkdtempSync(path.join(tmpdir(), 'tritiq-test-'));
const vitest = path.resolve('node_modules/vitest/vitest.mjs');
const configured = readFileSync('vitest.config.ts', 'utf8');

let passed = 0;
let failed = 0;
let errors = 0;
const timings = [];
const failures = [];

for (const project of projects) {
  if (!configured.includes(`name: '${project}'`)) continue;
  const out = path.join(outDir, `${project}.json`);
  const started = Date.now();
  const run = spawnSync(
    process.execPath,
    [
      vitest,
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
      '--passWithNoTests',
      ...extra,
    ],
    { stdio: 'inherit', env: process.env },
  );
  const seconds = (Date.now() - started) / 1000;
  if (!existsSync(out)) {
    console.error(`\n[${project}] Vitest produced no report (exit ${run.status ?? run.signal}).`);
    errors++;
    failed++;
    timings.push([project, seconds, 0, 1]);
    continue;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const p = report.numPassedTests ?? 0;
  let f = report.numFailedTests ?? 0;
  // A file that fails to load (syntax error, failed hook) has no test results but must count.
  const brokenFiles = (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
  f += brokenFiles;
  if (run.status !== 0 && f === 0) f = 1;
  failures.push(...failuresOf(project, report));
  passed += p;
  failed += f;
  timings.push([project, seconds, p, f]);
}
rmSync(outDir, { recursive: true, force: true });

if (failures.length > 0) {
  // Repeated here, next to the closing line, so a log that keeps only its tail still names them.
  console.log('\nFailures:');
  for (const line of failures) console.log(`  ${line}`);
}
console.log('\nSuite timings:');
for (const [project, seconds, p, f] of timings)
  console.log(`  ${project.padEnd(8)} ${seconds.toFixed(1).padStart(7)} s   ${p} passed, ${f} failed`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || errors > 0 ? 1 : 0);

/** One line per failed test (or file that failed to load): project, file, name and the first line of the error. */
function failuresOf(project, report) {
  const lines = [];
  for (const file of report.testResults ?? []) {
    const rel = path.relative(process.cwd(), file.name ?? '');
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    if (file.status === 'failed' && failedTests.length === 0) lines.push(`[${project}] ${rel}: ${firstLine(file.message)}`);
    for (const a of failedTests) lines.push(`[${project}] ${rel} > ${a.fullName ?? a.title}: ${firstLine((a.failureMessages ?? [])[0])}`);
  }
  return lines;
}

function firstLine(text) {
  // eslint-disable-next-line no-control-regex
  const plain = String(text ?? 'no message').replace(/\x1b\[[0-9;]*m/g, '');
  const line = plain.split('\n').find((l) => l.trim() !== '') ?? plain;
  return line.trim().slice(0, 300);
}
