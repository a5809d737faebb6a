import { parseArgs } from 'node:util';
import { DRILLS, formatReport, formatTable } from './drills';
import { closeAllNow, drillOptions, type DrillReport } from './drills/harness';

/**
 * `npm run drill [-- <name> ...] [--short] [--clients N] [--orgs N] [--seconds N]`: the fault drills
 * against a private PostgreSQL server and real API processes. Prints what each drill did and found,
 * then a summary table; exits 1 if any drill failed.
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    short: { type: 'boolean', default: false },
    clients: { type: 'string' },
    orgs: { type: 'string' },
    seconds: { type: 'string' },
  },
});

const print = (line: string) => process.stdout.write(`${line}\n`);
// Whatever happens to this process, the private PostgreSQL servers and API children it started go with it.
process.on('exit', closeAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    closeAllNow();
    process.exit(130);
  });
}
const unknown = positionals.filter((p) => !DRILLS.some((d) => d.name === p));
if (unknown.length > 0) {
  process.stderr.write(`No drill ${unknown.join(', ')} (have: ${DRILLS.map((d) => d.name).join(', ')})\n`);
  process.exit(2);
}
const chosen = positionals.length ? DRILLS.filter((d) => positionals.includes(d.name)) : DRILLS;
const options = drillOptions(values.short, print, {
  ...(values.clients ? { clients: Number(values.clients) } : {}),
  ...(values.orgs ? { orgs: Number(values.orgs) } : {}),
  ...(values.seconds ? { loadSeconds: Number(values.seconds) } : {}),
});

const reports: DrillReport[] = [];
let crashed = 0;
for (const drill of chosen) {
  print(
    `\n== drill ${drill.name}: ${drill.title} (${options.clients} clients, ${options.orgs} organisations, ${options.loadSeconds} s of load)`,
  );
  try {
    const report = await drill.run(options);
    reports.push(report);
    print(formatReport(report));
  } catch (err) {
    crashed++;
    print(`  => the drill itself failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}
print('\n== summary');
print(formatTable(reports));
const failed = reports.filter((r) => !r.ok).length + crashed;
print(failed ? `${failed} drill(s) failed` : `all ${reports.length} drills passed`);
process.exit(failed ? 1 : 0);
