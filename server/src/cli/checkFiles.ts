import type { Catalogue } from '../core/catalogue';
import type { Suppression } from '../core/suppress';
import { checkRecordFile, summarizeRecordFile } from '../workspace/checkFile';
import { toCheckedRecord, type CheckedRecord } from '../workspace/index';
import type { ProfileSet } from '../workspace/profiles';
import { readSource } from './readFile';

/** What checking one file yields, as plain data (it crosses worker threads). */
export interface CheckedFile extends CheckedRecord { suppressions?: Suppression[] }

/** Reads and checks record files; non-records are dropped (they get no diagnostics at all). */
export function checkFiles(files: readonly string[], cat: Catalogue, profiles: ProfileSet, privacyAllow: readonly string[]): CheckedFile[] {
  const out: CheckedFile[] = [];
  for (const file of files) {
    const check = checkRecordFile(file, readSource(file), cat, profiles, privacyAllow);
    if (!check.isRecord) continue;
    const c: CheckedFile = toCheckedRecord(check);
    // Quick-fix edits are for editors; the command line never applies them, and on 10,000 records
    // their skeleton texts are megabytes carried across threads and kept to the end.
    for (const f of c.findings) delete f.fixes;
    if (check.suppressions) c.suppressions = check.suppressions;
    out.push(c);
  }
  return out;
}

/** The rest of a group, for cross-record rules only: light parse, no rules, nothing to report. */
export function summarizeFiles(files: readonly string[], cat: Catalogue, profiles: ProfileSet): CheckedFile[] {
  const out: CheckedFile[] = [];
  for (const file of files) {
    const s = summarizeRecordFile(file, readSource(file), cat, profiles);
    if (s.isRecord) out.push(toCheckedRecord(s));
  }
  return out;
}
