import { existsSync, readFileSync } from 'node:fs';
import type { Catalogue } from '../server/src/core/catalogue';
import { applicable, type GroupFacts, type RecordFacts } from '../server/src/core/context';
import type { Element, FormatDef, RecordKind } from '../server/src/core/schema/catalogue';
import { escapeSnippetText, renumber } from './snippetSyntax';

/** One entry of a VS Code `.code-snippets` file. */
export interface Snippet { prefix: string; body: string[]; description: string }

export const SNIPPETS_PATH = 'snippets/group-records.code-snippets';
const DOC_PATH = 'docs/editor-snippets.md';

/**
 * The profile templates are written for: an ordinary closed, in-person support group with one
 * worker, and a middle-phase note of a later session — the note people write most. Records that
 * need more (session 1, the ending phase, an online group) get the missing sections from the
 * diagnostics' quick fixes or from the element snippets named in the template's description.
 */
const DEFAULT_GROUP: GroupFacts = {
  id: 'group-id', type: 'support', modality: 'in-person', open: false, workers: ['worker'],
  members: [{ id: 'M01', mandated: false, needs: [] }],
};
const DEFAULT_FACTS: RecordFacts = { phase: 'middle', session: 2, present: ['M01'], group: DEFAULT_GROUP };
const DEFAULT_SESSION = '2';
// The first choice is the default; middle first so the default matches DEFAULT_FACTS.
const PHASE_CHOICE = ['middle', 'beginning', 'ending'];

const KIND_PREFIX: Record<RecordKind, string> = { plan: 'gr-plan', contract: 'gr-contract', 'session-note': 'gr-note', 'ending-summary': 'gr-ending' };

/**
 * What to write under each structured-format heading. The catalogue says which narrative elements a
 * section stands for but has no skeleton for it; a section missing here falls back to the skeletons
 * of the elements it satisfies.
 */
const FORMAT_PROMPTS: Record<string, string> = {
  'Goal': 'The goals this session worked on (for example #G1), and how they link to the group\'s purpose.',
  'Intervention': 'What the worker did (activities, skills, questions) and the purpose of each intervention.',
  'girp.Response': 'How members responded to the interventions and to one another, and what that shows about progress toward the goals.',
  'birp.Response': 'How members responded to the interventions, and what that shows about progress toward the goals (for example #G1).',
  'Data': 'What happened and what was observed: themes, what members said and did, and how they interacted (by member id).',
  'Subjective': 'What members reported about themselves and the group, in their own words where possible (by member id).',
  'Objective': 'What the worker observed: participation, communication patterns, mutual aid, and any conflict and how it was handled.',
  'Assessment': 'The worker\'s assessment of the session and of progress toward the goals (for example #G1).',
  'Behavior': 'What members said and did in the session, and how they interacted with one another (by member id).',
  'Plan': 'What the group agreed to take up next, tasks between sessions, and the worker\'s follow-up.',
};

type CatElement = Element & { kind: RecordKind; order: number };

/** Every snippet: one template per record kind and per note format, then one per element. */
export function buildSnippets(cat: Catalogue): Record<string, Snippet> {
  const out: Record<string, Snippet> = {};
  const add = (name: string, s: Snippet) => {
    if (out[name]) throw new Error(`two snippets are named ${name}`);
    if (Object.values(out).some((o) => o.prefix === s.prefix)) throw new Error(`two snippets have the prefix ${s.prefix}`);
    out[name] = s;
  };
  for (const t of templates(cat)) add(t.name, t.snippet);
  for (const e of cat.elements.values()) add(`${e.id} — ${e.title}`, elementSnippet(e));
  return out;
}

export function elementPrefix(id: string): string {
  return `gr-${id.replace(/\./g, '-')}`;
}

function elementSnippet(e: CatElement): Snippet {
  const where = isFrontMatter(e) ? ' Goes in the front matter.' : '';
  return {
    prefix: elementPrefix(e.id),
    body: lines(e.skeleton),
    description: `${e.title} (${e.cite.join(', ')}): ${firstSentence(e.guidance)}${where}`,
  };
}

export interface Template { name: string; kind: RecordKind; format?: string; snippet: Snippet }

/** The templates, each tagged with the record kind and note format it is meant to produce. */
export function templates(cat: Catalogue): Template[] {
  const out: Template[] = [];
  for (const [kind, def] of cat.kinds) {
    if (kind !== 'session-note') {
      out.push({ name: def.title, kind, snippet: template(cat, kind, undefined, KIND_PREFIX[kind], `${def.title} (Section ${def.section})`) });
      continue;
    }
    out.push({ name: `${def.title} (narrative)`, kind, format: 'narrative', snippet: template(cat, kind, undefined, KIND_PREFIX[kind], `${def.title}, narrative`) });
    for (const [name, fmt] of cat.formats) {
      const snippet = template(cat, kind, { name, def: fmt }, `${KIND_PREFIX[kind]}-${name}`, `${def.title} in ${fmt.title} form`);
      out.push({ name: `${def.title} (${name.toUpperCase()})`, kind, format: name, snippet });
    }
  }
  return out;
}

function template(cat: Catalogue, kind: RecordKind, fmt: { name: string; def: FormatDef } | undefined, prefix: string, what: string): Snippet {
  const def = cat.kinds.get(kind)!;
  const elements = def.elements.map((x) => cat.elements.get(x.id)!);
  const asked = elements.filter((e) => applicable(e, DEFAULT_FACTS) && (!fmt || fmt.def.keeps.includes(e.id)));
  let next = 1;
  const stop = (snippet: string) => { const r = renumber(snippet, next); next = r.next; return r.text; };

  const front = [`record: ${kind}`, stop('group: ${1:group-id}'), 'date: ${CURRENT_YEAR}-${CURRENT_MONTH}-${CURRENT_DATE}'];
  if (kind === 'session-note') {
    front.push(stop(`session: \${1:${DEFAULT_SESSION}}`), stop(`phase: \${1|${PHASE_CHOICE.join(',')}|}`), `format: ${fmt?.name ?? 'narrative'}`);
  }
  for (const e of asked.filter(isFrontMatter)) front.push(stop(e.skeleton.trim()));
  const title = stop(`# \${1:${escapeSnippetText(fmt ? `${def.title} (${fmt.name.toUpperCase()})` : def.title)}}`);
  const sections = asked.filter((e) => !isFrontMatter(e)).map((e) => stop(e.skeleton.replace(/\s+$/, '')));
  for (const [i, s] of (fmt?.def.sections ?? []).entries()) sections.push(stop(formatSection(cat, fmt!.name, s, i)));
  const text = ['---', ...front, '---', '', title, '', sections.join('\n\n')].join('\n');

  const included = new Set(asked.map((e) => e.id));
  const others = elements.filter((e) => !included.has(e.id) && (!fmt || fmt.def.keeps.includes(e.id)));
  const parts = [...asked.filter((e) => !isFrontMatter(e)).map((e) => e.title), ...(fmt?.def.sections.map((s) => s.title) ?? [])];
  let description = `${what}: front matter, a title, then ${parts.length} sections: ${parts.join('; ')}.`;
  if (kind === 'session-note') description += ` Written for a ${DEFAULT_FACTS.phase}-phase note; the phase is a choice.`;
  if (others.length) description += ` Sections some records also need: ${others.map((e) => elementPrefix(e.id)).join(', ')}.`;
  return { prefix, body: lines(text), description };
}

function formatSection(cat: Catalogue, format: string, s: FormatDef['sections'][number], index: number): string {
  const prompt = FORMAT_PROMPTS[`${format}.${s.title}`] ?? FORMAT_PROMPTS[s.title];
  if (prompt !== undefined) return `## ${escapeSnippetText(s.title)}\n\n\${1:${escapeSnippetText(prompt)}}`;
  // An agency's own format: stand in the bodies of the elements the section satisfies.
  const bodies = s.satisfies.map((id) => cat.elements.get(id)?.skeleton.replace(/^#{1,6}[^\n]*\n+/, '').trim()).filter(Boolean);
  if (!bodies.length) throw new Error(`format ${format}: section ${index + 1} (${s.title}) has neither a prompt nor a satisfied element with a skeleton`);
  let text = `## ${escapeSnippetText(s.title)}`;
  let n = 1;
  for (const b of bodies) { const r = renumber(b!, n); n = r.next; text += `\n\n${r.text}`; }
  return text;
}

/** An element written as a front-matter field (attendance), not as a section. */
function isFrontMatter(e: Element): boolean {
  return e.frontMatterOnly || e.fields.some((f) => e.skeleton.startsWith(`${f}:`));
}

function lines(s: string): string[] {
  return s.replace(/\s+$/, '').split('\n');
}

// Guidance is a paragraph; a completion list has room for its first sentence. Citations
// (III.A.1) and "e.g." have no space after their dots, so they do not end a sentence here.
function firstSentence(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  const m = /^.*?[.!?](?=\s+[A-Z(“"]|$)/.exec(t);
  return m ? m[0] : t;
}

/** The generated files: the snippets, and the prefix table in docs/editor-snippets.md. */
export function snippetFiles(cat: Catalogue): Array<[string, string]> {
  const all = buildSnippets(cat);
  const files: Array<[string, string]> = [[SNIPPETS_PATH, JSON.stringify(all, null, 2) + '\n']];
  if (existsSync(DOC_PATH)) {
    const doc = readFileSync(DOC_PATH, 'utf8');
    files.push([DOC_PATH, doc.replace(/(<!-- snippets:start -->\n)[^]*?(<!-- snippets:end -->)/, `$1${prefixTable(cat, all)}$2`)]);
  }
  return files;
}

function prefixTable(cat: Catalogue, all: Record<string, Snippet>): string {
  const rows = ['| prefix | inserts | standard |', '|---|---|---|'];
  for (const t of templates(cat)) rows.push(`| \`${t.snippet.prefix}\` | ${t.name}: whole record | Section ${cat.kinds.get(t.kind)!.section} |`);
  for (const e of cat.elements.values()) {
    rows.push(`| \`${all[`${e.id} — ${e.title}`].prefix}\` | ${e.title} (\`${e.id}\`) | ${e.cite.join(', ')} |`);
  }
  return rows.join('\n') + '\n';
}
