#!/usr/bin/env node
/**
 * The heaviest functions of a V8 CPU profile (BENCH_PROFILE=1 writes one per server to bench/results/).
 *
 *   node bench/profile-top.js <file.cpuprofile> [--under=<text>] [--from=s] [--to=s] [--last=s] [--top=30] [--inclusive]
 *
 * Self time per function (name and file:line), and the total time of the samples whose stack passes
 * through a function whose name or file contains `--under` (e.g. --under=rebuild.js for the rebuild),
 * with self time listed for those samples only. Work resumed after an `await` has no caller on its
 * stack, so for request handlers a time window (--from / --to / --last, seconds) is the better filter.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const option = (name, fallback) => args.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=') ?? fallback;
if (!file) {
  console.error('usage: node bench/profile-top.js <file.cpuprofile> [--under=<text>] [--from=s] [--to=s] [--last=s] [--top=30] [--inclusive]');
  process.exit(2);
}
const under = option('under', null);
// Only the samples taken from `--from` to `--to` seconds after the profile started (or the last `--last` seconds).
const top = Number(option('top', 30));

const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const label = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${path.relative(process.cwd(), url.replace(/^file:\/\//, '')) || url}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};
const matches = (node) => under && (node.callFrame.functionName.includes(under) || node.callFrame.url.includes(under));

// Whether a node's stack passes through `under`, memoised per node.
const insideMemo = new Map();
const inside = (id) => {
  if (!under) return true;
  if (insideMemo.has(id)) return insideMemo.get(id);
  const node = nodes.get(id);
  const result = matches(node) || (parent.has(id) ? inside(parent.get(id)) : false);
  insideMemo.set(id, result);
  return result;
};

const self = new Map();
const inclusive = new Map();
let total = 0;
let selected = 0;
const span = profile.timeDeltas.reduce((sum, delta) => sum + delta, 0) / 1e6;
const from = option('last', null) !== null ? span - Number(option('last')) : Number(option('from', 0));
const to = Number(option('to', Infinity));
let clock = 0;
profile.samples.forEach((id, i) => {
  const ms = (profile.timeDeltas[i] ?? 0) / 1000;
  clock += ms / 1000;
  if (clock < from || clock > to) return;
  total += ms;
  if (!inside(id)) return;
  selected += ms;
  const key = label(nodes.get(id));
  self.set(key, (self.get(key) ?? 0) + ms);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const name = label(nodes.get(at));
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
  }
});

console.log(`${path.basename(file)}: ${span.toFixed(1)} s profiled, ${(total / 1000).toFixed(1)} s sampled in the window${under ? `, ${(selected / 1000).toFixed(1)} s under "${under}"` : ''}`);
const print = (title, map) => {
  console.log(`\n${title}`);
  const rows = [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [name, ms] of rows) console.log(`${(ms / 1000).toFixed(2).padStart(8)} s ${((ms / (selected || 1)) * 100).toFixed(1).padStart(5)}%  ${name}`);
};
print('self time', self);
if (args.includes('--inclusive')) print('inclusive time (the function and what it calls)', inclusive);
