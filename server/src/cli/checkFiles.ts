import type { Catalogue } from '../core/catalogue';
import { checkRecordFile } from '../workspace/checkFile';
import type { ProfileSet } from '../workspace/profiles';
import { readSource } from './readFile';
import { toFileResult, type FileResult } from './results';

/** Reads and checks record files; non-records are dropped (they get no diagnostics at all). */
export function checkFiles(files: readonly string[], cat: Catalogue, profiles: ProfileSet, cwd: string, privacyAllow: readonly string[]): FileResult[] {
  const out: FileResult[] = [];
  for (const file of files) {
    const check = checkRecordFile(file, readSource(file), cat, profiles, privacyAllow);
    if (check.isRecord) out.push(toFileResult(check, cat, cwd));
  }
  return out;
}
