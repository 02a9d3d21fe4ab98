import { dirname, resolve } from 'node:path';
import type { ParsedArgs } from './args';
import { UsageError } from './args';
import { applyRoleAndRules } from '../core/severity';
import { renderReportHtml } from '../report/html';
import { relativeHref } from '../report/links';
import { buildReportModel } from '../report/model';
import type { ReportModel } from '../report/types';
import { loadWorkspace } from './loadWorkspace';
import { runSettings } from './runSettings';
import { writeNewFileAtomic } from './atomicWrite';

/** `group-records report [paths…] --out FILE.html [--group ID] [--profile P] [--config FILE]`: one self-contained HTML file. */
export async function runReport(args: ParsedArgs): Promise<number> {
  const out = args.options.get('out');
  if (typeof out !== 'string' || !out.trim()) throw new UsageError('report needs --out FILE.html');
  const groupOpt = args.options.get('group');
  if (groupOpt === true) throw new UsageError('--group needs a group id');

  const paths = args.positional.length ? args.positional : ['.'];
  // The same configuration as `check`: agency packs, severities, role profile, privacy.allow.
  const run = runSettings(args, paths);
  if (!run) return 2;
  const { cat, severity: settings } = run;
  const { index, found, source, unreadable } = loadWorkspace(paths, cat, run.privacyAllow);
  for (const m of found.missing) process.stderr.write(`group-records: cannot read ${m}: no such file or folder, or no permission\n`);
  for (const u of unreadable) process.stderr.write(`group-records: cannot read ${u.path}: ${u.code}\n`);
  if (found.missing.length) return 2;

  const groupIds = typeof groupOpt === 'string' ? [groupOpt] : undefined;
  if (groupIds && !index.groupById(groupIds[0])) {
    process.stderr.write(`group-records: no group "${groupOpt}" under ${paths.join(', ')}${index.groupIds.length ? ` (groups: ${index.groupIds.join(', ')})` : ''}\n`);
    return 2;
  }
  const model = buildReportModel({
    index, cat, base: process.cwd(), groupIds, paths: found.records, generated: stamp(new Date()),
    source,
    findings: (p) => applyRoleAndRules(index.findingsFor(p), settings, cat),
  });
  const target = resolve(out);
  const html = renderReportHtml(model, { href: relativeHref(dirname(target)) });
  // A reader (or a browser reloading the page) never sees half a report.
  const w = writeNewFileAtomic(target, html, { replace: true });
  if (!w.ok) { process.stderr.write(`group-records: cannot write ${out}: ${w.reason === 'ENOENT' ? 'its folder does not exist' : w.reason}\n`); return 2; }
  process.stdout.write(`${out}\n${summaryLine(model)}\n`);
  return 0;
}

export function summaryLine(m: ReportModel): string {
  const sum = (f: (g: ReportModel['groups'][number]) => number) => m.groups.reduce((n, g) => n + f(g), 0);
  const records = sum((g) => g.records.length);
  const errors = sum((g) => g.findings.error), warnings = sum((g) => g.findings.warning), info = sum((g) => g.findings.information);
  const reviews = sum((g) => g.reviews.length), approved = sum((g) => g.approval.approved);
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  return `${plural(m.groups.length, 'group')}, ${plural(records, 'record')} (${approved} approved): ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${info} information, ${plural(reviews, 'open review')}`
    + (m.ungrouped.length ? `; ${plural(m.ungrouped.length, 'record')} outside any group` : '');
}

function stamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
