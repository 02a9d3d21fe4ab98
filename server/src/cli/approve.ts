import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { ParsedArgs } from './args';
import { UsageError } from './args';
import { writeFileAtomic, type AtomicWriteOptions } from './atomicWrite';
import { discover } from './discover';
import { MAX_READ_BYTES } from './readFile';
import { approveRecord } from '../core/approve';
import { isIsoDate, localToday } from '../core/dates';
import type { Finding } from '../core/findings';
import { applyRoleAndRules } from '../core/severity';
import { builtinCatalogue } from '../core/standards';
import { checkRecordFile } from '../workspace/checkFile';
import { findConfig, loadConfig, type LoadedConfig } from '../workspace/config';
import { ProfileSet } from '../workspace/profiles';

const OPTIONS = new Set(['by', 'on', 'force']);

export interface FileApproval { ok: boolean; message: string }

/** `group-records approve <file…> --by NAME [--on DATE] [--force]`: 0 all approved, 1 any refused, 2 usage. */
export function runApprove(args: ParsedArgs): number {
  for (const k of args.options.keys()) if (!OPTIONS.has(k)) throw new UsageError(`--${k} does not apply to approve`);
  if (!args.positional.length) throw new UsageError('approve needs the record files to approve');
  const by = args.options.get('by');
  if (typeof by !== 'string' || !by.trim()) throw new UsageError('approve needs --by NAME, the approver\'s name');
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(by)) throw new UsageError('--by must be one line of printable text');
  const onOpt = args.options.get('on');
  const on = typeof onOpt === 'string' ? onOpt : localToday();
  if (!isIsoDate(on)) throw new UsageError(`--on must be a real date written YYYY-MM-DD (got "${on}")`);

  const cwd = process.cwd();
  let refused = 0;
  for (const file of args.positional) {
    const r = approveFile(file, by, on, { force: args.options.has('force') });
    if (!r.ok) refused++;
    const shown = relative(cwd, resolve(file)) || file;
    process.stdout.write(`${shown}: ${r.ok ? r.message : `refused — ${r.message}`}\n`);
  }
  return refused ? 1 : 0;
}

/** Reads, checks, approves and atomically rewrites one file; never throws. */
export function approveFile(file: string, by: string, on: string, opts: { force?: boolean; write?: AtomicWriteOptions } = {}): FileApproval {
  const path = resolve(file);
  const read = readBytes(path);
  if ('problem' in read) return { ok: false, message: read.problem };
  const findings = findingsOf(path, read.text);
  const result = approveRecord(read.text, by, on, { findings, force: opts.force });
  if (!result.ok) return { ok: false, message: result.reason };
  const forced = opts.force && findings.some((f) => f.severity === 'error') ? ' (forced past error-level findings)' : '';
  if (!result.changed) return { ok: true, message: `already approved by ${by.trim()} on ${on}; unchanged` };
  const w = writeFileAtomic(path, Buffer.from(result.text, 'utf8'), { ...opts.write, expect: read.bytes });
  if (!w.ok) return { ok: false, message: w.reason };
  return { ok: true, message: `approved by ${by.trim()} on ${on}${forced}` };
}

/** The file as it is, BOM included, so that writing it back changes only what approval changed. */
function readBytes(path: string): { bytes: Buffer; text: string } | { problem: string } {
  let bytes: Buffer;
  try {
    const st = statSync(path);
    if (st.isDirectory()) return { problem: 'it is a folder; name the record files to approve' };
    if (!st.isFile()) return { problem: 'it is not a regular file (a pipe, socket or device)' };
    if (st.size > MAX_READ_BYTES) return { problem: `it is larger than ${MAX_READ_BYTES / 1024 / 1024} MB` };
    bytes = readFileSync(path);
  } catch (err) {
    return { problem: `cannot read it: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
  if (bytes.includes(0)) return { problem: 'it contains NUL bytes: not a Markdown record' };
  try {
    return { bytes, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    // Writing lossily decoded text back would destroy the bytes that could not be read.
    return { problem: 'it is not valid UTF-8; save it as UTF-8 first' };
  }
}

const configs = new Map<string, LoadedConfig>();

/** The findings `check` would report for this file: its group profile, project configuration and role profile. */
function findingsOf(path: string, text: string): Finding[] {
  const configPath = findConfig(dirname(path));
  let config = configPath ? configs.get(configPath) : undefined;
  if (configPath && !config) configs.set(configPath, config = loadConfig(configPath, { trusted: true }));
  const cat = config?.catalogue ?? builtinCatalogue();
  const profiles = new ProfileSet();
  for (const p of discover([path]).profiles) {
    try { profiles.add(p, readFileSync(p, 'utf8')); } catch { /* an unreadable profile governs nothing */ }
  }
  const check = checkRecordFile(path, { text }, cat, profiles, config?.config.privacy.allow ?? []);
  return applyRoleAndRules(check.findings, { profile: config?.config.profile ?? 'worker', rules: config?.config.rules ?? {} }, cat);
}

