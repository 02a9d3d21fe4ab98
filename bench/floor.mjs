#!/usr/bin/env node
// The parse floor: the least work any checker of these records must do — read every Markdown file
// and parse it with the same parser stack the checker uses (unified + remark-parse +
// remark-frontmatter, default options), on one thread, keeping nothing.
//   node bench/floor.mjs PATH   (a folder, walked recursively, or one .md file)
// Prints one JSON line: { files, bytes, parseMs, wallMs, cpuMs, maxRssKiB }. wallMs is performance.now()
// at the end, which counts from process start, so it includes Node start-up and the imports;
// the benchmark itself uses the parent-measured wall time so floor and check are timed alike.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';

const target = process.argv[2];
if (!target) { console.error('usage: node bench/floor.mjs PATH'); process.exit(2); }

/** Every .md file under dir, in a stable order (same set the checker discovers in a corpus). */
function markdownFiles(path) {
  if (!statSync(path).isDirectory()) return [path];
  const out = [];
  for (const e of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(path, e.name);
    if (e.isDirectory()) out.push(...markdownFiles(p));
    else if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) out.push(p);
  }
  return out;
}

const processor = unified().use(remarkParse).use(remarkFrontmatter);
const t0 = performance.now();
let bytes = 0, nodes = 0;
const files = markdownFiles(target);
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  bytes += text.length;
  // Touch the result so the parse cannot be treated as dead code.
  nodes += processor.parse(text).children.length;
}
const parseMs = performance.now() - t0;
// CPU time (user + system, whole process) is reported too: unlike wall time it barely moves when
// other work shares the machine, and the check reports the same figure with --stats.
const ru = process.resourceUsage();
process.stdout.write(JSON.stringify({ files: files.length, bytes, nodes, parseMs: Math.round(parseMs),
  wallMs: Math.round(performance.now()), cpuMs: Math.round((ru.userCPUTime + ru.systemCPUTime) / 1000), maxRssKiB: ru.maxRSS }) + '\n');
