import type { Catalogue } from '../server/src/core/catalogue';
import type { Condition, LevelRule } from '../server/src/core/schema/catalogue';
import { expandSnippet } from '../server/src/core/skeleton';

type Examples = (id: string) => { pass?: string; fail?: string };

const KIND_TITLES: Record<string, string> = { plan: 'Plan', contract: 'Contract', 'session-note': 'Session note', 'ending-summary': 'Ending summary' };

export function describeCondition(c: Condition | undefined): string {
  if (!c) return 'otherwise';
  const parts: string[] = [];
  if (c.phase) parts.push(`in the ${c.phase.join(' or ')} phase`);
  if (c.firstSession !== undefined) parts.push(c.firstSession ? 'in session 1' : 'after session 1');
  if (c.groupType) parts.push(`for ${c.groupType.join(' or ')} groups`);
  if (c.modality) parts.push(`when the group meets ${c.modality.join(' or ')}`);
  if (c.open !== undefined) parts.push(c.open ? 'for open-ended groups' : 'for closed groups');
  if (c.mandatedMembers !== undefined) parts.push(c.mandatedMembers ? 'when a roster member is mandated' : 'when no member is mandated');
  if (c.coFacilitated !== undefined) parts.push(c.coFacilitated ? 'with two or more workers' : 'with one worker');
  if (c.newMember !== undefined) parts.push(c.newMember ? 'when a member attends for the first time (session > 1)' : 'when no member is new');
  if (c.memberNeeds !== undefined) parts.push(c.memberNeeds ? 'when a present member has listed needs' : 'when no present member has listed needs');
  return parts.join(', ');
}

function levels(rules: readonly LevelRule[]): string {
  const lines = rules.map((r, i) => `- **${r.level === 'none' ? 'not asked for' : r.level}**${r.when || i > 0 ? ` ${describeCondition(r.when)}` : ''}${r.because ? ` (${r.because})` : ''}`);
  if (rules.every((r) => r.when)) lines.push('- **not asked for** otherwise');
  return lines.join('\n');
}

const SEVERITY = 'required → error, recommended → warning, guidance → information';

function fence(text: string): string {
  const ticks = /```/.test(text) ? '````' : '```';
  return `${ticks}markdown\n${text.replace(/\n+$/, '')}\n${ticks}`;
}

export function ruleDocs(cat: Catalogue, examples: Examples): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of cat.elements.values()) {
    const ex = examples(e.id);
    const formats = [...cat.formats.entries()].flatMap(([name, f]) => f.sections.filter((s) => s.satisfies.includes(e.id)).map((s) => `\`${name}\`: ${s.title}`));
    out.set(`docs/rules/${e.id}.md`, [
      `# \`${e.id}\` — ${e.title}`,
      '',
      `**Record:** ${KIND_TITLES[e.kind]} · **Standard:** ${e.cite.join(', ')} · **Levels** (${SEVERITY}):`,
      '',
      levels(e.levels),
      '',
      '## What the standard asks',
      '',
      e.guidance.trim(),
      ...(e.teaching ? ['', e.teaching.trim()] : []),
      '',
      '## What counts as present',
      '',
      e.frontMatterOnly
        ? `Only the front-matter field${e.fields.length > 1 ? 's' : ''} ${e.fields.map((f) => `\`${f}\``).join(', ')}: roster checks need it machine-readable. A body heading such as “${e.phrases[0]}” is reported with a quick fix that moves it.`
        : `A heading (any level, ATX or setext) or a bold label paragraph (\`**${e.phrases[0]}:** …\`) that names it, with real content under it (not empty, not only a placeholder such as TBD or N/A — that is \`record.empty-section\`). Case, punctuation, leading numbering (\`3.\`, \`B)\`) and filler words do not matter. Wordings recognised:`,
      ...(e.frontMatterOnly ? [] : ['', e.phrases.map((p) => `“${p}”`).join(', ') + '.']),
      ...(e.keywords.length && !e.frontMatterOnly ? ['', `Any heading containing: ${e.keywords.map((k) => `“${k}”`).join(', ')}.`] : []),
      ...(e.fields.length && !e.frontMatterOnly ? ['', `Or a non-empty front-matter field: ${e.fields.map((f) => `\`${f}:\``).join(', ')}.`] : []),
      ...(formats.length ? ['', `In structured notes: ${formats.join('; ')}.`] : []),
      '',
      '## The section a quick fix inserts',
      '',
      fence(expandSnippet(e.skeleton)),
      ...examplesSection(ex),
      '',
      configSection(e.id),
    ].join('\n') + '\n');
  }
  for (const r of cat.rules.values()) {
    const ex = examples(r.id);
    out.set(`docs/rules/${r.id}.md`, [
      `# \`${r.id}\` — ${r.title}`,
      '',
      `**Severity:** ${r.severity}${r.cite.length ? ` · **Standard:** ${r.cite.join(', ')}` : ''}`,
      '',
      r.description.trim(),
      ...examplesSection(ex),
      '',
      configSection(r.id),
    ].join('\n') + '\n');
  }
  return out;
}

function examplesSection(ex: { pass?: string; fail?: string }): string[] {
  const strip = (t: string) => t.replace(/[ \t]*<!--\s*expect:[^>]*-->/g, '').replace(/[ \t]*#\s*expect:.*$/gm, '');
  const out: string[] = [];
  if (ex.fail) out.push('', '## Flagged', '', fence(strip(ex.fail)));
  if (ex.pass) out.push('', '## Passes', '', fence(strip(ex.pass)));
  return out;
}

function configSection(id: string): string {
  return [
    '## Configuration',
    '',
    `Change its severity in \`.group-records.yaml\` (\`rules: { ${id}: warning }\`, or \`off\`), or silence one place with \`<!-- group-records-disable-next-line ${id} -- reason -->\`.`,
  ].join('\n');
}

export function rulesTable(cat: Catalogue): string {
  const rows = ['| Rule | What it checks | Standard | Level |', '|---|---|---|---|'];
  for (const e of cat.elements.values()) {
    const lv = e.levels.map((r) => (r.level === 'none' ? null : r.when ? `${r.level} ${describeCondition(r.when)}` : r.level)).filter(Boolean).join('; ');
    rows.push(`| [\`${e.id}\`](docs/rules/${e.id}.md) | ${e.title} | ${e.cite.join(', ')} | ${lv}${e.levels.every((r) => r.when) ? '' : ''} |`);
  }
  for (const r of cat.rules.values()) rows.push(`| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.title} | ${r.cite.join(', ')} | ${r.severity} |`);
  return rows.join('\n') + '\n';
}
