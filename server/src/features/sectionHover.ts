import { applicable, levelLabel, type RecordFacts } from '../core/context';
import { ruleDocUrl } from '../core/docs';
import { matchHeading } from '../core/phrases';
import type { Section } from '../core/record';
import type { Condition, Element } from '../core/schema/catalogue';
import type { FeatureContext } from './context';
import { featureFacts } from './facts';
import { effectiveKind, rawValue } from './frontMatterScan';

/** What the standard asks of the elements a heading names, and why they apply to this record. */
export function sectionMarkdown(ctx: FeatureContext, s: Section, docsBase?: string): string | undefined {
  const ids = headingElements(ctx, s);
  const fmtName = ctx.rec.format ?? rawValue(ctx.rec, 'format');
  const fmt = fmtName ? ctx.cat.formats.get(fmtName) : undefined;
  const blocks: string[] = [];
  if (fmt) {
    for (const i of s.formatSections) {
      const fs = fmt.sections[i];
      if (!fs) continue;
      const names = fs.satisfies.map((id) => `${ctx.cat.elements.get(id)?.title ?? id} (\`${id}\`)`);
      blocks.push(`**${fs.title}** — a section of the ${fmt.title} format\n\nIt stands for ${names.join(', ')}.`);
    }
  }
  const facts = featureFacts(ctx);
  for (const id of ids) {
    const e = ctx.cat.elements.get(id);
    if (e) blocks.push(elementMarkdown(ctx, e, facts, fmt && !fmt.keeps.includes(id) && !fmt.sections.some((x) => x.satisfies.includes(id)) && id !== 'note.summary' ? fmt.title : undefined, docsBase));
  }
  if (!blocks.length) return undefined;
  blocks.push(s.hasContent ? '✓ This section has content.' : '⚠ This section has no real content yet: write what happened, or remove the heading (`record.empty-section`).');
  return blocks.join('\n\n---\n\n');
}

/** The elements a heading names; matched here when the YAML did not parse and the record could not match them. */
function headingElements(ctx: FeatureContext, s: Section): string[] {
  if (s.elements.length || ctx.rec.kind) return s.elements;
  const kind = effectiveKind(ctx.rec);
  const index = kind ? ctx.cat.phraseIndex.get(kind) : undefined;
  if (!index || (s === ctx.rec.sections[0] && s.heading.depth === 1)) return [];
  return matchHeading(s.heading.text, index, ctx.cat.fillers, s.heading.kind === 'plain-label');
}

function elementMarkdown(ctx: FeatureContext, e: Element, facts: RecordFacts, replacedBy: string | undefined, docsBase?: string): string {
  const a = applicable(e, facts);
  const kindTitle = ctx.cat.kinds.get(effectiveKind(ctx.rec)!)?.title.toLowerCase() ?? 'record';
  let level: string;
  if (replacedBy) level = `Not asked for here: the ${replacedBy} format replaces it.`;
  else if (!a) level = 'Not asked for in this record.';
  else if (a.because) level = `**${cap(levelLabel(a.level))}** here ${a.because}.`;
  else if (e.levels.length === 1 && !e.levels[0].when) level = `**${cap(levelLabel(a.level))}** in every ${kindTitle}.`;
  else level = `**${cap(levelLabel(a.level))}** for this record.`;
  const parts = [`**${e.title}** · \`${e.id}\` · ${e.cite.join(', ')}`, level, e.guidance.trim()];
  const used = factLines(e, facts);
  if (used.length) parts.push(`This depends on: ${used.join('; ')}.`);
  if (docsBase) parts.push(`[Rule \`${e.id}\`](${ruleDocUrl(e.id, docsBase)})`);
  return parts.join('\n\n');
}

/** The record and group facts the element's level rules read, as they are for this record. */
function factLines(e: Element, f: RecordFacts): string[] {
  const keys = new Set<keyof Condition>();
  for (const r of e.levels) for (const k of Object.keys(r.when ?? {}) as Array<keyof Condition>) keys.add(k);
  const g = f.group;
  const present = g ? g.members.filter((m) => f.present.includes(m.id)) : [];
  const noGroup = 'no group profile found';
  const out: string[] = [];
  for (const k of keys) {
    switch (k) {
      case 'phase': out.push(f.phase ? `phase: ${f.phase}` : 'no valid phase (the weakest level any phase gives applies)'); break;
      case 'firstSession': out.push(f.session ? `session ${f.session}` : 'no valid session number'); break;
      case 'groupType': out.push(g ? `group type: ${g.type ?? 'not given'}` : noGroup); break;
      case 'modality': out.push(g ? `modality: ${g.modality}` : noGroup); break;
      case 'open': out.push(g ? (g.open ? 'an open-ended group' : 'a closed group') : noGroup); break;
      case 'mandatedMembers': {
        const ids = g?.members.filter((m) => m.mandated).map((m) => m.id) ?? [];
        out.push(g ? (ids.length ? `mandated members: ${ids.join(', ')}` : 'no mandated members') : noGroup);
        break;
      }
      case 'coFacilitated': out.push(g ? `${g.workers.length} worker${g.workers.length === 1 ? '' : 's'}` : noGroup); break;
      case 'newMember': {
        const ids = f.date && f.session && f.session > 1 ? present.filter((m) => m.joined === f.date).map((m) => m.id) : [];
        out.push(ids.length ? `joining at this session: ${ids.join(', ')}` : 'no present member joins at this session');
        break;
      }
      case 'memberNeeds': {
        const ids = present.filter((m) => m.needs.length).map((m) => m.id);
        out.push(ids.length ? `present members with listed needs: ${ids.join(', ')}` : 'no present member has listed needs');
        break;
      }
    }
  }
  return out;
}

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);
