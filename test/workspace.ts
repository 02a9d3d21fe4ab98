import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TextSource } from '../server/src/workspace/checkFile';
import { WorkspaceIndex } from '../server/src/workspace/index';
import { LineIndex } from '../server/src/core/text';
import { cat, ROOT } from './helpers';

/** A workspace on "disk": absolute path → text. The index reads it back through `read`. */
export type Disk = Map<string, string>;

export const WORKSPACE_FIXTURES = join(ROOT, 'test/fixtures/workspace');

export function caseNames(): string[] {
  return readdirSync(WORKSPACE_FIXTURES).filter((d) => !d.startsWith('.') && statSync(join(WORKSPACE_FIXTURES, d)).isDirectory()).sort();
}

export function readFolder(dir: string, disk: Disk = new Map()): Disk {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) readFolder(p, disk);
    else disk.set(p, readFileSync(p, 'utf8'));
  }
  return disk;
}

export function reader(disk: Disk): (path: string) => TextSource {
  return (p) => {
    const text = disk.get(p);
    return text === undefined ? { text: '', problem: { kind: 'unreadable', detail: 'ENOENT' } } : { text };
  };
}

const isProfile = (p: string) => /(^|[\\/])group\.ya?ml$/.test(p);

/** A fresh index of every file on the disk: profiles first, as a workspace scan would. */
export function freshIndex(disk: Disk): WorkspaceIndex {
  const index = new WorkspaceIndex(cat(), { read: reader(disk) });
  const paths = [...disk.keys()].sort();
  for (const p of paths) if (isProfile(p)) index.setProfile(p, disk.get(p)!);
  for (const p of paths) if (!isProfile(p)) index.setFile(p, disk.get(p)!);
  return index;
}

/** Every finding of the index as `file:line:rule[=severity]`, lines 1-based, files relative to `base`. */
export function actualFindings(index: WorkspaceIndex, base: string): Array<{ key: string; severity: string; message: string }> {
  const out: Array<{ key: string; severity: string; message: string }> = [];
  for (const file of index.filesWithFindings()) {
    for (const f of index.findingsFor(file)) out.push({ key: `${relative(base, file)}:${f.range.start.line + 1}:${f.ruleId}`, severity: f.severity, message: f.message });
  }
  return out;
}

/** `<!-- expect: a.b, c.d=error -->` in Markdown or `# expect: a.b` in YAML, on the line the finding starts on. */
export function expectedFindings(disk: Disk, base: string): Array<{ key: string; severity?: string }> {
  const out: Array<{ key: string; severity?: string }> = [];
  for (const [file, text] of disk) {
    text.split(/\r\n|\n|\r/).forEach((l, i) => {
      const m = /(?:<!--|#)\s*expect:\s*([a-z0-9.,=\s-]+?)\s*(?:-->|$)/.exec(l);
      if (!m) return;
      for (const item of m[1].split(/[\s,]+/).filter(Boolean)) {
        const [rule, severity] = item.split('=');
        out.push({ key: `${relative(base, file)}:${i + 1}:${rule}`, severity });
      }
    });
  }
  return out;
}

/** Every range the index reports agrees with the file's own text (cross-record ones were computed without it). */
export function rangeProblems(index: WorkspaceIndex, disk: Disk): string[] {
  const problems: string[] = [];
  for (const file of index.filesWithFindings()) {
    const text = disk.get(file);
    if (text === undefined) { problems.push(`${file}: findings for a file that is not on disk`); continue; }
    const lines = new LineIndex(text);
    for (const f of index.findingsFor(file)) {
      const want = { start: lines.positionAt(f.span.start), end: lines.positionAt(f.span.end) };
      if (JSON.stringify(want) !== JSON.stringify(f.range)) problems.push(`${file}: ${f.ruleId} at ${JSON.stringify(f.span)} has range ${JSON.stringify(f.range)}, expected ${JSON.stringify(want)}`);
      for (const r of f.related ?? []) {
        if (!r.file || !r.span || !r.range || !disk.has(r.file)) continue;
        const other = new LineIndex(disk.get(r.file)!);
        if (JSON.stringify(other.positionAt(r.span.start)) !== JSON.stringify(r.range.start)) problems.push(`${file}: ${f.ruleId} related ${r.file} has a wrong range`);
      }
    }
  }
  return problems;
}

/** Everything the index reports, in one comparable string. */
export function snapshot(index: WorkspaceIndex): string {
  return JSON.stringify(index.filesWithFindings().map((f) => [f, index.findingsFor(f)]), null, 1);
}
