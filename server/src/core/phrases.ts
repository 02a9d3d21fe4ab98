/**
 * Heading wording → element ids. Headings are compared the way people read them: case,
 * punctuation, leading numbering and filler words do not matter, plurals count as singulars,
 * and one heading may name several elements ("Goals and tasks").
 */

const NUMBERING = /^\s*(?:(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[IVXLC]{1,6})[.)\]:]|\(\s*(?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})\s*\)|(?:part|section|step)\s+\w{1,6}\s*[.:)\u2013\u2014-])\s*/i;
// One numbering token without punctuation ("3 Purpose", "II Goals") only when a word follows.
const BARE_NUMBER = /^\s*(?:\d{1,3}|[IVX]{1,5})\s+(?=[A-Za-z])/;

export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

export function tokens(text: string, fillers: ReadonlySet<string>): string[] {
  const cleaned = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’‘`](?:s|ll|re|ve|d|m)\b/g, '')
    .replace(/['’‘`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ');
  const out: string[] = [];
  for (const w of cleaned.split(' ')) if (w && !fillers.has(w)) out.push(stem(w));
  return out;
}

export function stripNumbering(text: string): string {
  let t = text.replace(NUMBERING, '');
  t = t.replace(BARE_NUMBER, '');
  return t;
}

/** The wordings to try for a heading: the whole, without parentheses, and each part around "and", "&", "/", ",". */
export function headingVariants(text: string): string[] {
  const base = stripNumbering(text).trim();
  const variants = [base];
  const noParens = base.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').trim();
  if (noParens !== base) variants.push(noParens);
  const pieces = noParens.split(/\s*[:\u2013\u2014]\s+|\s+-\s+/);
  const cutAtColon = pieces[0];
  if (cutAtColon && cutAtColon !== noParens) variants.push(cutAtColon);
  // "S – Subjective", "P: Plan": a letter standing for the words after it.
  if (pieces.length > 1 && /^[A-Za-z]$/.test(cutAtColon)) variants.push(pieces.slice(1).join(' '));
  for (const v of [noParens, cutAtColon]) {
    const parts = v.split(/\s*(?:\band\b|&|\/|,|;|\+)\s*/i).map((p) => p.trim()).filter(Boolean);
    if (parts.length > 1) variants.push(...parts);
  }
  return [...new Set(variants)];
}

const NO_FILLERS: ReadonlySet<string> = new Set();

export interface PhraseIndex {
  /** Normalised phrase → element ids. */
  exact: Map<string, string[]>;
  /** Phrase with its filler words kept → element ids: decides between elements whose phrases normalise alike. */
  full: Map<string, string[]>;
  /** Keyword token runs, longest first. */
  keywords: Array<{ tokens: string[]; id: string }>;
}

export function buildPhraseIndex(entries: Array<{ id: string; phrases: readonly string[]; keywords: readonly string[] }>, fillers: ReadonlySet<string>): PhraseIndex {
  const exact = new Map<string, string[]>();
  const full = new Map<string, string[]>();
  const keywords: PhraseIndex['keywords'] = [];
  const put = (map: Map<string, string[]>, key: string, id: string) => {
    const ids = map.get(key) ?? [];
    if (!ids.includes(id)) ids.push(id);
    map.set(key, ids);
  };
  for (const e of entries) {
    for (const p of e.phrases) {
      const key = tokens(p, fillers).join(' ');
      if (!key) continue;
      put(exact, key, e.id);
      put(full, tokens(p, NO_FILLERS).join(' '), e.id);
    }
    for (const k of e.keywords) {
      // Keywords are word runs as written: dropping fillers would turn "between sessions" into "session".
      const t = tokens(k, NO_FILLERS);
      if (t.length) keywords.push({ tokens: t, id: e.id });
    }
  }
  keywords.sort((a, b) => b.tokens.length - a.tokens.length);
  return { exact, full, keywords };
}

/** Element ids a heading names, in the order found. */
export function matchHeading(text: string, index: PhraseIndex, fillers: ReadonlySet<string>, exactOnly = false): string[] {
  const found: string[] = [];
  const add = (ids: readonly string[]) => { for (const id of ids) if (!found.includes(id)) found.push(id); };
  const variants = headingVariants(text);
  const whole = index.exact.get(tokens(variants[0], fillers).join(' '));
  if (whole) {
    // "What we'll work on" and "How we will work" both normalise to "work": the words as written decide.
    const written = whole.length > 1 ? index.full.get(tokens(variants[0], NO_FILLERS).join(' '))?.filter((id) => whole.includes(id)) : undefined;
    return [...(written?.length ? written : whole)];
  }
  for (const v of variants.slice(1)) {
    const ids = index.exact.get(tokens(v, fillers).join(' '));
    if (ids) add(ids);
  }
  if (found.length || exactOnly) return found;
  const t = tokens(variants[0], NO_FILLERS);
  for (const k of index.keywords) if (containsRun(t, k.tokens)) add([k.id]);
  return found;
}

function containsRun(hay: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
