import type { CheckedFile } from '../checkFiles';
import { displayPath } from '../results';

/**
 * Every inline disable comment with its reason, so a supervisor sees what was silenced and why.
 * Lines are 1-based in text, 0-based in JSON (as in diagnostics' ranges).
 */
export function formatSuppressions(files: readonly CheckedFile[], cwd: string, format: string): string {
  const rows = files.flatMap((f) => (f.suppressions ?? []).map((s) => ({
    file: displayPath(f.path, cwd), line: s.line, kind: s.kind, rules: s.rules, reason: s.reason ?? null,
  }))).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  if (format === 'json') return JSON.stringify(rows, null, 2) + '\n';
  if (!rows.length) return 'No inline suppressions.\n';
  const out = rows.map((r) => `${r.file}:${r.line + 1}  ${r.kind}  ${r.rules.length ? r.rules.join(', ') : '(every rule)'}${r.reason ? `  — ${r.reason}` : '  — no reason given'}`);
  const unexplained = rows.filter((r) => !r.reason).length;
  out.push('', `${rows.length} suppression${rows.length === 1 ? '' : 's'}${unexplained ? `, ${unexplained} without a reason` : ''}`);
  return out.join('\n') + '\n';
}
