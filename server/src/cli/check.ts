import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ParsedArgs } from './args';
import { UsageError } from './args';
import { builtinCatalogue } from '../core/standards';
import { CatalogueError } from '../core/catalogue';
import { ProfileSet } from '../workspace/profiles';
import { discover } from './discover';
import { checkFiles } from './checkFiles';
import { checkInWorkers } from './pool';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatStylish } from './format/stylish';
import { toFileResult, type FileResult } from './results';
import { LineIndex } from '../core/text';

/** Below this many files, worker start-up costs more than it saves. */
const WORKER_THRESHOLD = 150;

export async function runCheck(args: ParsedArgs): Promise<number> {
  const format = (args.options.get('format') as string | undefined) ?? 'stylish';
  if (!['stylish', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be stylish, json or sarif (got "${format}")`);
  const profileOpt = args.options.get('profile');
  if (profileOpt !== undefined && !['student', 'worker', 'supervisor'].includes(String(profileOpt))) throw new UsageError(`--profile must be student, worker or supervisor`);

  let cat;
  try { cat = builtinCatalogue(); } catch (err) {
    if (err instanceof CatalogueError) { process.stderr.write(`group-records: the standards catalogue is invalid:\n${err.message}\n`); return 2; }
    throw err;
  }
  const cwd = process.cwd();
  const paths = args.positional.length ? args.positional : ['.'];
  const found = discover(paths);
  for (const m of found.missing) process.stderr.write(`group-records: cannot read ${m}: no such file or folder, or no permission\n`);

  const profiles = new ProfileSet();
  const results: FileResult[] = [];
  for (const p of found.profiles) {
    let text: string;
    try { text = readFileSync(p, 'utf8'); } catch (err) { process.stderr.write(`group-records: cannot read ${p}: ${(err as NodeJS.ErrnoException).code}\n`); continue; }
    const entry = profiles.add(p, text);
    const within = paths.some((root) => p.startsWith(resolve(root)));
    if (within && entry.parsed.findings.length) {
      results.push(toFileResult({ path: p, isRecord: false, findings: entry.parsed.findings, lines: new LineIndex(text) }, cat, cwd));
    }
  }
  const privacyAllow: string[] = [];
  const records = found.records.length >= WORKER_THRESHOLD
    ? await checkInWorkers({ files: found.records, profiles: profiles.toJSON(), cwd, privacyAllow }, (files) => checkFiles(files, cat, profiles, cwd, privacyAllow))
    : checkFiles(found.records, cat, profiles, cwd, privacyAllow);
  results.push(...records);
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const shown = results.filter((r) => r.diagnostics.length || format !== 'stylish');

  if (format === 'json') process.stdout.write(formatJson(shown));
  else if (format === 'sarif') process.stdout.write(formatSarif(shown, cat, VERSION));
  else process.stdout.write(formatStylish(shown, records.length + found.profiles.length));
  if (args.options.has('stats')) {
    const ru = process.resourceUsage();
    process.stderr.write(`stats: files=${found.records.length} maxRssKiB=${ru.maxRSS} userMs=${Math.round(ru.userCPUTime / 1000)} sysMs=${Math.round(ru.systemCPUTime / 1000)}\n`);
  }
  const hasError = results.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
  return found.missing.length ? 2 : hasError ? 1 : 0;
}

declare const VERSION: string;
