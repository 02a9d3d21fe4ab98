import { readFileSync, readdirSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { builtinCatalogue } from '../server/src/core/standards';
import { checkRecordFile, type FileCheck } from '../server/src/workspace/checkFile';
import { ProfileSet } from '../server/src/workspace/profiles';
import type { Finding } from '../server/src/core/findings';

export const ROOT = process.cwd();
export const cat = () => builtinCatalogue();

/** Checks a record given as text, with an optional group profile (YAML text) governing it. */
export function check(text: string, groupYaml?: string, path = '/virtual/group/record.md'): FileCheck {
  const profiles = new ProfileSet();
  if (groupYaml) profiles.add('/virtual/group/group.yaml', groupYaml);
  return checkRecordFile(path, { text }, cat(), profiles);
}

export const ids = (fs: readonly Finding[]) => fs.map((f) => f.ruleId);
export const codes = (c: FileCheck, rule: string) => c.findings.filter((f) => f.ruleId === rule);

/** `<!-- expect: a.b, c.d -->` in Markdown or `# expect: a.b` in YAML, on the line the finding starts on. */
export function expectations(text: string): Array<{ line: number; rule: string }> {
  const out: Array<{ line: number; rule: string }> = [];
  text.split(/\r\n|\n|\r/).forEach((l, line) => {
    const m = /(?:<!--|#)\s*expect:\s*([a-z0-9.,\s-]+?)\s*(?:-->|$)/.exec(l);
    if (m) for (const rule of m[1].split(/[\s,]+/).filter(Boolean)) out.push({ line, rule });
  });
  return out;
}

export function fixtureDirs(): string[] {
  const base = join(ROOT, 'test/fixtures/rules');
  return existsSync(base) ? readdirSync(base).filter((d) => !d.startsWith('.')).sort() : [];
}

export function readFixture(dir: string, name: string): string {
  return readFileSync(join(ROOT, 'test/fixtures/rules', dir, name), 'utf8');
}

/** The sample-group profile most fixtures use; a fixture folder's own group.yaml replaces it. */
export const DEFAULT_GROUP = `id: fixture-group
name: Fixture Group
type: support
modality: in-person
open: false
workers: ["A. Worker, MSW"]
members:
  - { id: M01, initials: A.A., joined: 2027-01-10, consent: 2027-01-03 }
  - { id: M02, initials: B.B., joined: 2027-01-10, consent: 2027-01-03 }
  - { id: M03, initials: C.C., joined: 2027-01-10, consent: 2027-01-03 }
`;

/** Markdown files under dir (skipping node_modules and dot folders). */
export function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (/\.md$/i.test(name)) out.push(p);
  }
  return out;
}

/**
 * The Markdown files of a small corpus from ../shared/bench/gen-corpus.mjs (or GEN_CORPUS),
 * handed to `use` and deleted after; false when the generator is not there.
 */
export function withGeneratedCorpus(seed: string, use: (files: string[]) => void): boolean {
  const gen = process.env.GEN_CORPUS ?? resolve(ROOT, '../shared/bench/gen-corpus.mjs');
  if (!existsSync(gen)) return false;
  const dir = mkdtempSync(join(tmpdir(), 'gr-corpus-'));
  try {
    const run = spawnSync(process.execPath, [gen, '--out', join(dir, 'c'), '--groups', '6', '--notes', '12', '--seed', seed], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    use(markdownFiles(join(dir, 'c')));
    return true;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A standards pack adding one required contract element, named by `phrase` in its headings. */
export const newElementPack = (id: string, phrase: string) => `version: 1
records:
  - kind: contract
    title: Group contract
    section: III
    description: Agency additions.
    elements:
      - id: ${id}
        title: ${phrase} acknowledgement
        cite: [III.A.1]
        levels: [{ level: required }]
        phrases: [${phrase}]
        guidance: Members acknowledge the ${phrase}.
        skeleton: "## ${phrase}\\n"
`;
