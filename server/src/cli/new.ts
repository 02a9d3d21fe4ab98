import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { RECORD_KINDS, type RecordKind } from '../core/schema/catalogue';
import { builtinCatalogue } from '../core/standards';
import { newRecord } from '../features/newRecord';
import { WorkspaceIndex } from '../workspace/index';
import { ProfileSet } from '../workspace/profiles';
import { UsageError, type ParsedArgs } from './args';
import { writeNewFileAtomic } from './atomicWrite';
import { discover } from './discover';
import { readSource } from './readFile';
import { localToday } from '../core/dates';
import { displayPath } from './results';

/**
 * `new <kind> [--group ID] [--on DATE]`: writes a record with its front matter filled from the
 * group profile (next session number, phase, attendance from the roster) in the group's folder.
 */
export function runNew(args: ParsedArgs): number {
  const kind = args.positional[0] as RecordKind | undefined;
  if (!kind || !(RECORD_KINDS as readonly string[]).includes(kind)) throw new UsageError(`new needs a record kind: ${RECORD_KINDS.join(', ')}`);
  const date = (args.options.get('on') as string | undefined) ?? localToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError(`--on must be a date like 2027-03-15 (got "${date}")`);
  const wanted = args.options.get('group') as string | undefined;
  const cwd = process.cwd();
  const found = discover(['.']);
  const profiles = new ProfileSet();
  const index = new WorkspaceIndex(builtinCatalogue());
  for (const p of found.profiles) { try { const t = readFileSync(p, 'utf8'); profiles.add(p, t); index.setProfile(p, t); } catch { /* reported by check */ } }
  const entry = wanted ? profiles.byGroupId(wanted) : profiles.forFile(join(cwd, 'x.md')) ?? (profiles.all.length === 1 ? profiles.all[0] : undefined);
  if (!entry) {
    throw new UsageError(wanted ? `no group.yaml with id "${wanted}" under ${cwd} (known: ${profiles.ids.join(', ') || 'none'})` : 'no group here: run it in a group folder or pass --group ID');
  }
  const folder = dirname(entry.path);
  // The group's records, for the next session number.
  for (const r of discover([folder]).records) index.setRecord(r, readSource(r));
  const group = index.groupOf(entry.path);
  const rec = newRecord(builtinCatalogue(), { kind, date, group: entry.parsed.facts, session: group?.nextSession, plannedSessions: entry.parsed.profile?.schedule?.sessions });
  let target = resolve(folder, rec.fileName);
  for (let i = 2; existsSync(target); i++) target = resolve(folder, rec.fileName.replace(/\.md$/, `-${i}.md`));
  mkdirSync(dirname(target), { recursive: true });
  const w = writeNewFileAtomic(target, rec.text, { replace: false });
  if (!w.ok) {
    process.stderr.write(`group-records: could not write ${displayPath(target, cwd)}: ${w.reason}\n`);
    return 1;
  }
  process.stdout.write(`${displayPath(target, cwd)}\n`);
  return 0;
}
