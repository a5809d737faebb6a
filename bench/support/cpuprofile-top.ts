/**
 * Where a CPU profile's time went: the top functions by self time, by file (or package), and by
 * inclusive time, as shares of the busy (non-idle) samples.
 *
 *   npx tsx bench/support/cpuprofile-top.ts <file.cpuprofile> [--top 40] [--under <regex>]
 *
 * `--under` keeps only the samples with a frame matching the regex on their stack (e.g.
 * `writePosting` or `nm:zod`), to see what one part of the code spends. Frames are named
 * `function file:line`, files relative to the repository and packages as `nm:<package>/…`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '40' }, under: { type: 'string' } },
});
if (positionals.length !== 1) throw new Error('usage: cpuprofile-top.ts <file.cpuprofile> [--top 40] [--under <regex>]');
const profile = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as Profile;
const top = Number(values.top);
const under = values.under ? new RegExp(values.under) : undefined;

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*node_modules\//, 'nm:')
    .replace(new RegExp(`^${process.cwd().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`), '');
const frameName = (n: ProfileNode) =>
  `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
const fileName = (n: ProfileNode) => {
  const url = shortUrl(n.callFrame.url);
  if (!url) return n.callFrame.functionName;
  return /^nm:((@[^/]+\/)?[^/]+)/.exec(url)?.[0] ?? url;
};

// Time (µs) per leaf node: each sample is charged the delta to the next one.
const timeOf = new Map<number, number>();
profile.samples.forEach((id, i) => timeOf.set(id, (timeOf.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));

const self = new Map<string, number>();
const byFile = new Map<string, number>();
const inclusive = new Map<string, number>();
let busy = 0;
let idle = 0;
const add = (map: Map<string, number>, key: string, t: number) => map.set(key, (map.get(key) ?? 0) + t);
for (const [id, t] of timeOf) {
  const leaf = nodes.get(id)!;
  if (leaf.callFrame.functionName === '(idle)') {
    idle += t;
    continue;
  }
  const stack: ProfileNode[] = [];
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) stack.push(nodes.get(cur)!);
  if (under && !stack.some((n) => under.test(frameName(n)))) continue;
  busy += t;
  add(self, frameName(leaf), t);
  add(byFile, fileName(leaf), t);
  for (const name of new Set(stack.map(frameName))) add(inclusive, name, t);
}

const ms = (us: number) => `${(us / 1000).toFixed(0)} ms`;
console.log(`${positionals[0]}: busy ${ms(busy)}${under ? ` under ${under}` : ''}, idle ${ms(idle)}; shares below are of the busy time`);
for (const [title, map] of [
  ['self time by function', self],
  ['self time by file or package', byFile],
  ['inclusive time by function', inclusive],
] as const) {
  console.log(`\n${title}:`);
  for (const [name, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * t) / busy).toFixed(1).padStart(6)} %  ${ms(t).padStart(8)}  ${name}`);
  }
}
