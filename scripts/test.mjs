#!/usr/bin/env node
// Runs the whole suite, one Vitest project at a time so each driver's time is reported, and ends
// with the plain `N passed, N failed, N skipped` line CI reads. Extra arguments go to Vitest (e.g. a
// file filter). TEST_PROJECTS=unit,pglite narrows the run (default: every project); a name that is
// not a project is refused rather than run as nothing, and a project that runs no test at all
// (without a filter) counts as a failure: a suite that silently shrank must not look green.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const configured = [...readFileSync('vitest.config.ts', 'utf8').matchAll(/\bname: '([\w-]+)'/g)].map((m) => m[1]);
const projects = (process.env.TEST_PROJECTS ?? configured.join(','))
  .split(',')
  .map((p) => p.trim())
  .filter(Boolean);
const unknown = projects.filter((p) => !configured.includes(p));
if (unknown.length > 0 || projects.length === 0) {
  console.error(
    `TEST_PROJECTS names ${unknown.length ? `unknown project${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` : 'no project'}; ` +
      `the projects are ${configured.join(', ')}`,
  );
  process.exit(2);
}
const extra = process.argv.slice(2);
const outDir = mkdtempSync(path.join(tmpdir(), 'tritiq-test-'));
const vitest = path.resolve('node_modules/vitest/vitest.mjs');

let passed = 0;
let failed = 0;
let skipped = 0;
let errors = 0;
const timings = [];
const failures = [];

for (const project of projects) {
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
    timings.push([project, seconds, 0, 1, 0]);
    continue;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const p = report.numPassedTests ?? 0;
  let f = report.numFailedTests ?? 0;
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (extra.length === 0 && (report.numTotalTests ?? 0) === 0) {
    failures.push(`[${project}] ran no test at all`);
    f += 1;
  }
  // A file that fails to load (syntax error, failed hook) has no test results but must count.
  const brokenFiles = (report.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
  f += brokenFiles;
  if (run.status !== 0 && f === 0) f = 1;
  failures.push(...failuresOf(project, report));
  failures.push(...skippedOf(project, report));
  passed += p;
  failed += f;
  skipped += s;
  timings.push([project, seconds, p, f, s]);
}
rmSync(outDir, { recursive: true, force: true });

if (failures.length > 0) {
  // Repeated here, next to the closing line, so a log that keeps only its tail still names them.
  console.log('\nFailures and skips:');
  for (const line of failures) console.log(`  ${line}`);
}
console.log('\nSuite timings:');
for (const [project, seconds, p, f, s] of timings)
  console.log(`  ${project.padEnd(8)} ${seconds.toFixed(1).padStart(7)} s   ${p} passed, ${f} failed, ${s} skipped`);
const total = timings.reduce((sum, [, seconds]) => sum + seconds, 0);
console.log(`  ${'total'.padEnd(8)} ${total.toFixed(1).padStart(7)} s`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
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

/** Skipped and todo tests are listed too: a skip is a decision someone must see. */
function skippedOf(project, report) {
  const lines = [];
  for (const file of report.testResults ?? []) {
    const rel = path.relative(process.cwd(), file.name ?? '');
    for (const a of file.assertionResults ?? [])
      if (a.status === 'pending' || a.status === 'skipped' || a.status === 'todo')
        lines.push(`[${project}] skipped: ${rel} > ${a.fullName ?? a.title}`);
  }
  return lines;
}

function firstLine(text) {
  // eslint-disable-next-line no-control-regex
  const plain = String(text ?? 'no message').replace(/\x1b\[[0-9;]*m/g, '');
  const line = plain.split('\n').find((l) => l.trim() !== '') ?? plain;
  return line.trim().slice(0, 300);
}
