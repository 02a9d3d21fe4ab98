import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ParsedArgs } from './args';
import { UsageError } from './args';
import { applyRoleAndRules } from '../core/severity';
import { WorkspaceIndex } from '../workspace/index';
import { ProfileSet } from '../workspace/profiles';
import { discover } from './discover';
import { checkFiles, summarizeFiles, type CheckedFile } from './checkFiles';
import { checkInWorkers } from './pool';
import { jsonChunks } from './format/json';
import { writeChunks } from './format/jsonStream';
import { sarifChunks } from './format/sarif';
import { stylishChunks } from './format/stylish';
import { formatSuppressions } from './format/suppressions';
import { toFileResult, type FileResult } from './results';
import { runSettings } from './runSettings';

/** Below this many files, worker start-up costs more than it saves. */
const WORKER_THRESHOLD = 150;

export async function runCheck(args: ParsedArgs): Promise<number> {
  const format = (args.options.get('format') as string | undefined) ?? 'stylish';
  if (!['stylish', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be stylish, json or sarif (got "${format}")`);
  const threadsOpt = args.options.get('threads') as string | undefined;
  if (threadsOpt !== undefined && !/^\d+$/.test(threadsOpt)) throw new UsageError('--threads must be a whole number (0: check on the main thread only)');

  const cwd = process.cwd();
  const paths = args.positional.length ? args.positional : ['.'];
  const settings = runSettings(args, paths);
  if (!settings) return 2;
  const { config, cat, severity, privacyAllow } = settings;

  const asked = discover(paths);
  for (const m of asked.missing) process.stderr.write(`group-records: cannot read ${m}: no such file or folder, or no permission\n`);
  // Cross-record rules need the whole group: the records of every profile folder involved are
  // checked too, but only the files asked for are reported.
  const roots = paths.map((p) => resolve(p));
  const groupFolders = asked.profiles.map((p) => dirname(p)).filter((d) => !roots.some((r) => d === r || d.startsWith(r + '/')));
  const all = groupFolders.length ? discover([...paths.filter((p) => existsSync(p)), ...groupFolders]) : asked;
  const askedProfiles = asked.profiles.filter((p) => roots.some((r) => p === r || p.startsWith(r + '/')));
  const reported = new Set([...asked.records, ...askedProfiles]);

  const profiles = new ProfileSet();
  const index = new WorkspaceIndex(cat, { privacyAllow });
  for (const p of all.profiles) {
    let text: string;
    try { text = readFileSync(p, 'utf8'); } catch (err) { process.stderr.write(`group-records: cannot read ${p}: ${(err as NodeJS.ErrnoException).code}\n`); continue; }
    profiles.add(p, text);
    index.setProfile(p, text);
  }
  const threads = threadsOpt === undefined ? undefined : Number(threadsOpt);
  const askedSet = new Set(asked.records);
  const checked: CheckedFile[] = asked.records.length >= WORKER_THRESHOLD && threads !== 0
    ? await checkInWorkers({ files: asked.records, profiles: profiles.toJSON(), privacyAllow: [...privacyAllow], configPath: config?.path }, (files) => checkFiles(files, cat, profiles, privacyAllow), { cores: threads })
    : checkFiles(asked.records, cat, profiles, privacyAllow);
  for (const c of checked) index.setChecked(c);
  // The group's other records only feed the cross-record rules: summaries from a light parse.
  for (const c of summarizeFiles(all.records.filter((r) => !askedSet.has(r)), cat, profiles)) index.setChecked(c);

  const results: FileResult[] = [];
  if (config?.findings.length) results.push(toFileResult(config.path, applyRoleAndRules(config.findings, severity, cat), cat, cwd, config.lines));
  for (const path of [...reported].sort()) {
    const findings = applyRoleAndRules(index.findingsFor(path), severity, cat);
    if (index.summaryOf(path) || findings.length || all.profiles.includes(path)) results.push(toFileResult(path, findings, cat, cwd));
  }
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const shown = results.filter((r) => r.diagnostics.length || format !== 'stylish');

  if (args.options.has('list-suppressions')) {
    process.stdout.write(formatSuppressions(checked.filter((c) => reported.has(c.path) && c.suppressions?.length), cwd, format));
  } else if (format === 'json') writeChunks(jsonChunks(shown));
  else if (format === 'sarif') writeChunks(sarifChunks(shown, cat, VERSION));
  else writeChunks(stylishChunks(shown, checked.filter((c) => reported.has(c.path)).length + askedProfiles.length));
  if (args.options.has('stats')) {
    const ru = process.resourceUsage();
    process.stderr.write(`stats: files=${all.records.length} maxRssKiB=${ru.maxRSS} userMs=${Math.round(ru.userCPUTime / 1000)} sysMs=${Math.round(ru.systemCPUTime / 1000)} mainHeapMiB=${Math.round(process.memoryUsage().heapUsed / 1048576)}\n`);
  }
  const hasError = results.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
  return asked.missing.length ? 2 : hasError ? 1 : 0;
}

declare const VERSION: string;
