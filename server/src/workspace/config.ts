import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CatalogueError, loadCatalogue, parsePack, type Catalogue, type PackProblem, type PackSource } from '../core/catalogue';
import type { Finding } from '../core/findings';
import { CONFIG_FILE, type ProjectConfig } from '../core/schema/config';
import type { Severity } from '../core/schema/catalogue';
import { BUILTIN_PACKS, builtinCatalogue } from '../core/standards';
import { didYouMean } from '../core/suggest';
import { LineIndex, type Span } from '../core/text';
import { parseConfigText } from './configText';
import { readPack } from './packs';

/** No real configuration comes near this; a bigger file is not parsed. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadConfigOptions {
  /** false in VS Code's Restricted Mode: no standards pack is read. */
  trusted?: boolean;
  /** The text as open in an editor, instead of the file on disk. */
  text?: string;
}

export interface LoadedConfig {
  path: string;
  text: string;
  /** The settings in effect: defaults, plus everything in the file that is valid. */
  config: ProjectConfig;
  /** `config.invalid` findings in this file, by offsets in `text`. */
  findings: Finding[];
  /** The built-in catalogue itself when nothing extends it; otherwise one with the packs and phrases applied. */
  catalogue: Catalogue;
  lines: LineIndex;
  /** Real paths of the standards packs that were applied (to watch them for changes). */
  packs: string[];
}

/** The nearest `.group-records.yaml` in `startDir` or a folder above it. */
export function findConfig(startDir: string): string | undefined {
  let dir = resolve(startDir);
  if (isFile(dir)) dir = dirname(dir);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    if (isFile(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Reads and validates a configuration; never throws. Its folder is the workspace root packs must stay in. */
export function loadConfig(path: string, opts: LoadConfigOptions = {}): LoadedConfig {
  const abs = resolve(path);
  const root = dirname(abs);
  const builtin = builtinCatalogue();
  const severity: Severity = builtin.rules.get('config.invalid')?.severity ?? 'error';
  const findings: Finding[] = [];
  const add = (span: Span, message: string, sev: Severity = severity) => findings.push({ ruleId: 'config.invalid', severity: sev, span, message });
  const done = (text: string, config: ProjectConfig, catalogue: Catalogue, packs: string[]): LoadedConfig => {
    findings.sort((a, b) => a.span.start - b.span.start);
    return { path: abs, text, config, findings, catalogue, lines: new LineIndex(text), packs };
  };

  let text: string;
  if (opts.text !== undefined) text = opts.text;
  else {
    const read = readConfigFile(abs);
    if ('problem' in read) {
      add({ start: 0, end: 0 }, read.problem);
      return done('', parseConfigText('').config, builtin, []);
    }
    text = read.text;
  }
  if (text.length > MAX_CONFIG_BYTES) {
    add({ start: 0, end: 1 }, `This configuration is ${Math.ceil(text.length / 1024)} KB; the checker reads at most ${MAX_CONFIG_BYTES / 1024} KB of it, so the defaults apply.`);
    return done(text, parseConfigText('').config, builtin, []);
  }

  const parsed = parseConfigText(text);
  for (const p of parsed.problems) add(p.span, p.message);
  const config = parsed.config;
  const restricted = opts.trusted === false && parsed.standards.length > 0;
  let refused = false;

  // Packs apply in the order listed; each is tried on top of the ones before it, so one bad pack costs only itself.
  const accepted: PackSource[] = [];
  const packs: string[] = [];
  let catalogue = builtin;
  if (restricted) {
    const n = parsed.standards.length;
    add(parsed.keys.get('standards') ?? parsed.standards[0].span,
      `Restricted Mode: the ${n === 1 ? 'standards pack' : `${n} standards packs`} named here ${n === 1 ? 'was' : 'were'} not loaded. Trust this workspace to apply ${n === 1 ? 'it' : 'them'}; until then the built-in standards apply.`,
      'information');
  } else {
    for (const item of parsed.standards) {
      const read = readPack(root, item.value);
      if (!read.ok) { add(item.span, `Standards pack not applied: ${read.reason}.`); refused = true; continue; }
      if (packs.includes(read.realPath)) { add(item.span, `\`${item.value}\` is already listed above; a pack is applied once.`, 'warning'); continue; }
      const src: PackSource = { name: read.name, text: read.text };
      const own = parsePack(src);
      if ('problems' in own) {
        add(item.span, `Standards pack \`${item.value}\` not applied: it does not fit the standards format (${describe(own.problems)}).`);
        refused = true;
        continue;
      }
      try {
        catalogue = loadCatalogue([...BUILTIN_PACKS, ...accepted, src]);
        accepted.push(src);
        packs.push(read.realPath);
      } catch (e) {
        const detail = e instanceof CatalogueError ? describe(e.problems) : (e as Error).message;
        add(item.span, `Standards pack \`${item.value}\` not applied: it conflicts with the standards already loaded (${detail}).`);
        refused = true;
      }
    }
  }

  const ids = [...catalogue.rules.keys(), ...catalogue.elements.keys()];
  const maybeInPack = refused ? ' It may be defined by a standards pack that was not applied.' : '';
  for (const k of parsed.ruleKeys) {
    if (catalogue.rules.has(k.key) || catalogue.elements.has(k.key)) continue;
    delete config.rules[k.key];
    // A pack that was not read may define it; Restricted Mode is not the place to say it is wrong.
    if (restricted) continue;
    const hint = didYouMean(k.key, ids);
    add(k.span, `Unknown rule id \`${k.key}\`${hint ? `: did you mean \`${hint}\`?` : '.'}${maybeInPack}`);
  }

  const patches: Array<{ id: string; phrases: string[] }> = [];
  for (const k of parsed.phraseKeys) {
    const list = config.phrases[k.key];
    if (catalogue.elements.has(k.key)) {
      if (list?.length) patches.push({ id: k.key, phrases: list });
      continue;
    }
    delete config.phrases[k.key];
    if (restricted) continue;
    if (catalogue.rules.has(k.key)) { add(k.span, `\`${k.key}\` is a rule, not an element: phrases name the headings of elements such as contract.purpose.`); continue; }
    const hint = didYouMean(k.key, [...catalogue.elements.keys()]);
    add(k.span, `Unknown element id \`${k.key}\`${hint ? `: did you mean \`${hint}\`?` : '.'}${maybeInPack}`);
  }
  if (patches.length) {
    try {
      catalogue = loadCatalogue([...BUILTIN_PACKS, ...accepted, { name: `${CONFIG_FILE} phrases`, json: JSON.stringify({ version: 1, patches }) }]);
    } catch (e) {
      const detail = e instanceof CatalogueError ? describe(e.problems) : (e as Error).message;
      add(parsed.keys.get('phrases') ?? { start: 0, end: 1 }, `The phrases were not applied: ${detail}.`);
      config.phrases = {};
    }
  }
  return done(text, config, catalogue, packs);
}

function readConfigFile(path: string): { text: string } | { problem: string } {
  try {
    const st = statSync(path);
    if (!st.isFile()) return { problem: `${path} is not a file.` };
    if (st.size > MAX_CONFIG_BYTES) return { problem: `This configuration is ${Math.ceil(st.size / 1024)} KB; the checker reads at most ${MAX_CONFIG_BYTES / 1024} KB of it, so the defaults apply.` };
    return { text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? `The configuration ${path} was not found; the defaults apply.` : `The configuration could not be read (${code ?? (e as Error).message}); the defaults apply.` };
  }
}

function isFile(p: string): boolean {
  try { return statSync(p).isFile(); } catch { return false; }
}

/** A pack's own problems, as file:line:col, kept short enough to read in a diagnostic. */
function describe(problems: readonly PackProblem[]): string {
  const shown = problems.slice(0, 3).map((p) => (p.line ? `${p.pack}:${p.line}:${p.column}: ${p.message}` : `${p.pack}: ${p.message}`));
  return shown.join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : '');
}
