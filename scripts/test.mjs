#!/usr/bin/env node
// Runs the whole suite, each Vitest project in a Vitest run of its own so each driver's time is
// reported, and ends with the plain `N passed, N failed, N skipped` line CI reads. Extra arguments go
// to Vitest (e.g. a file filter). TEST_PROJECTS=unit,pglite narrows the run (default: every
// project); a name that is not a project is refused rather than run as nothing, and a project that
// runs no test at all (without a filter) counts as a failure: a suite that silently shrank must not
// look green.
//
// By default the projects run one after another, each with its output live. TEST_LANES=2 runs two
// lanes at once, each its projects one after another (LANES below): the unit and database
// projects beside the browser tests and the drills; each project's output then goes to a file and
// is printed whole when the project ends, so the two never interleave. On this 2-core machine the
// lanes were slower than one after another (README "CI time"), so they are opt-in, for a machine
// with cores to spare.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, existsSync } from 'node:fs';
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

/** The lanes: each runs its projects in this order (a project named in none joins the first). */
const LANES = [
  ['unit', 'pg', 'pglite'],
  ['e2e', 'drills'],
];
const serial = process.env.TEST_LANES !== '2';
const lanes = serial
  ? [projects]
  : LANES.map((lane, i) => [...lane, ...(i === 0 ? projects.filter((p) => !LANES.flat().includes(p)) : [])])
      .map((lane) => lane.filter((p) => projects.includes(p)))
      .filter((lane) => lane.length > 0);
const live = lanes.length === 1;

let passed = 0;
let failed = 0;
let skipped = 0;
let errors = 0;
const timings = new Map();
const failures = [];
const runStarted = Date.now();

/** Runs one project's Vitest; its output live, or into a file printed whole when it ends. */
function runProject(project) {
  const out = path.join(outDir, `${project}.json`);
  const logFile = path.join(outDir, `${project}.log`);
  const args = [
    vitest,
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
    '--passWithNoTests',
    ...extra,
  ];
  const started = Date.now();
  const fd = live ? undefined : openSync(logFile, 'w');
  if (!live) console.log(`[${project}] started (its output follows when it ends)`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: live ? 'inherit' : ['ignore', fd, fd], env: process.env });
    const done = (status, signal) => {
      if (fd !== undefined) closeSync(fd);
      const seconds = (Date.now() - started) / 1000;
      if (!live) {
        console.log(`\n──── [${project}] output (${seconds.toFixed(1)} s) ────`);
        process.stdout.write(readFileSync(logFile, 'utf8'));
        console.log(`──── [${project}] end ────`);
      }
      record(project, out, seconds, status, signal);
      resolve();
    };
    child.once('error', (err) => {
      console.error(`[${project}] could not start Vitest: ${err.message}`);
      done(null, null);
    });
    child.once('exit', done);
  });
}

function record(project, out, seconds, status, signal) {
  if (!existsSync(out)) {
    console.error(`\n[${project}] Vitest produced no report (exit ${status ?? signal}).`);
    errors++;
    failed++;
    timings.set(project, [project, seconds, 0, 1, 0]);
    return;
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
  if (status !== 0 && f === 0) f = 1;
  failures.push(...failuresOf(project, report));
  failures.push(...skippedOf(project, report));
  passed += p;
  failed += f;
  skipped += s;
  timings.set(project, [project, seconds, p, f, s]);
}

await Promise.all(
  lanes.map(async (lane) => {
    for (const project of lane) await runProject(project);
  }),
);
rmSync(outDir, { recursive: true, force: true });

if (failures.length > 0) {
  // Repeated here, next to the closing line, so a log that keeps only its tail still names them.
  console.log('\nFailures and skips:');
  for (const line of failures) console.log(`  ${line}`);
}
console.log('\nSuite timings:');
for (const project of projects) {
  const [, seconds, p, f, s] = timings.get(project);
  console.log(`  ${project.padEnd(8)} ${seconds.toFixed(1).padStart(7)} s   ${p} passed, ${f} failed, ${s} skipped`);
}
const wall = (Date.now() - runStarted) / 1000;
if (lanes.length > 1)
  console.log(
    `  ${'total'.padEnd(8)} ${wall.toFixed(1).padStart(7)} s   (lanes at once: ${lanes.map((lane) => lane.join(' → ')).join(' | ')})`,
  );
else console.log(`  ${'total'.padEnd(8)} ${wall.toFixed(1).padStart(7)} s`);
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
