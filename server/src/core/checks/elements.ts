import type { Catalogue } from '../catalogue';
import { applicable, levelLabel, type RecordFacts } from '../context';
import { LEVEL_SEVERITY, type Finding, type FixData } from '../findings';
import { isRealContent, type ParsedRecord, type Section } from '../record';
import type { Element } from '../schema/catalogue';
import { expandSnippet } from '../skeleton';
import { goalDefinitions } from '../goals';
import { insertSections, lineBreakOf } from '../sectionInsert';
import { attendanceLine, attendanceIds } from '../attendanceLine';

type Emit = (f: Finding) => void;
type CatElement = Element & { order: number };

/** Which of the record's sections and fields satisfy each element. */
interface Presence { sections: Section[]; field: boolean }

export function elementPresence(rec: ParsedRecord, cat: Catalogue): Map<string, Presence> {
  const out = new Map<string, Presence>();
  const def = rec.kind ? cat.kinds.get(rec.kind) : undefined;
  if (!def) return out;
  const fmt = rec.format ? cat.formats.get(rec.format) : undefined;
  for (const e of def.elements) {
    const sections = rec.sections.filter((s) => s.elements.includes(e.id) || (fmt && s.formatSections.some((i) => fmt.sections[i]?.satisfies.includes(e.id))));
    const field = e.fields.some((f) => hasValue(rec.fields.get(f)?.value, cat));
    out.set(e.id, { sections: e.frontMatterOnly ? [] : sections, field });
  }
  return out;
}

function hasValue(v: unknown, cat: Catalogue): boolean {
  if (v == null) return false;
  if (typeof v === 'string') return isRealContent(v, cat);
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/** Missing required/recommended elements, empty sections, and the element-specific content checks. */
export function checkElements(rec: ParsedRecord, cat: Catalogue, facts: RecordFacts, emit: Emit): void {
  const def = rec.kind ? cat.kinds.get(rec.kind) : undefined;
  if (!def) return;
  const presence = elementPresence(rec, cat);
  const fmt = rec.format ? cat.formats.get(rec.format) : undefined;
  const mapped = new Set(fmt?.sections.flatMap((s) => s.satisfies) ?? []);

  const emptyReported = new Set<number>();
  for (const e of def.elements.map((x) => cat.elements.get(x.id)!)) {
    const p = presence.get(e.id)!;
    const filled = p.field || p.sections.some((s) => s.hasContent);
    for (const s of p.sections) {
      if (!s.hasContent && !filled && !emptyReported.has(s.heading.start)) {
        emptyReported.add(s.heading.start);
        emit({
          ruleId: 'record.empty-section', severity: 'warning', span: headingSpan(rec, s),
          message: `“${s.heading.text.trim()}” has no content yet (${e.title}, ${e.cite.join(', ')}): write what happened, or remove the heading.`,
          cite: e.cite,
        });
      }
    }
    if (fmt && !mapped.has(e.id) && !fmt.keeps.includes(e.id) && e.id !== 'note.summary') continue;
    const a = applicable(e, facts);
    if (filled) continue;
    if (e.id === 'note.summary' && fmt) {
      if (fmt.sections.every((_, i) => rec.sections.some((s) => s.formatSections.includes(i) && s.hasContent))) continue;
      if (!a) continue;
      const absent = fmt.sections.filter((_, i) => !rec.sections.some((s) => s.formatSections.includes(i) && s.hasContent)).map((s) => s.title);
      emit(missing(rec, cat, e, a.level, `the ${fmt.title} note is incomplete (${absent.join(', ')} ${absent.length > 1 ? 'are' : 'is'} missing or empty), so it does not yet summarise the session`, a.because));
      continue;
    }
    if (!a || p.sections.length) continue;
    if (e.frontMatterOnly) {
      // Broken YAML hides every field: record.frontmatter says so, and "add attendance" would add a second key.
      if (!rec.yaml?.problems.length) emit(attendanceFinding(rec, e, a.level));
      continue;
    }
    emit(missing(rec, cat, e, a.level, undefined, a.because));
  }
  checkGoals(rec, cat, facts, presence, emit);
  checkConfidentialityLimits(rec, cat, presence, emit);
}

function headingSpan(rec: ParsedRecord, s: Section) {
  return { start: s.heading.start, end: Math.min(s.heading.kind.endsWith('label') ? s.heading.contentStart : rec.lines.lineEnd(rec.lines.lineOf(s.heading.start)), s.end) };
}

function missing(rec: ParsedRecord, cat: Catalogue, e: CatElement, level: Finding['level'] & string, detail?: string, because?: string): Finding {
  const why = because ? ` — ${levelLabel(level)} ${because}` : ` — ${levelLabel(level)}`;
  return {
    ruleId: e.id, severity: LEVEL_SEVERITY[level], level, cite: e.cite, wholeRecord: true, span: rec.titleSpan,
    message: detail ? `${e.title} (${e.cite.join(', ')}): ${detail}${why}.` : `Missing: ${e.title} (${e.cite.join(', ')})${why}.`,
    fixes: [insertSection(rec, cat, e)],
  };
}

/** Inserts the element's skeleton at its conventional place (see sectionInsert.ts). */
export function insertSection(rec: ParsedRecord, cat: Catalogue, e: CatElement): FixData {
  return { title: `Add the “${e.title}” section`, edits: insertSections(rec, cat, [e.id]), preferred: true };
}

function attendanceFinding(rec: ParsedRecord, e: CatElement, level: Finding['level'] & string): Finding {
  const body = rec.sections.find((s) => s.elements.includes(e.id));
  const base = { ruleId: e.id, severity: LEVEL_SEVERITY[level], level, cite: e.cite } as const;
  const fm = rec.frontMatter;
  const nl = lineBreakOf(rec.text);
  // An `attendance:` key with no value is reported by record.field; a second key would be invalid YAML.
  const canInsert = !!fm?.closed && !rec.fields.has('attendance');
  if (body && fm) {
    // A lone `Present: M01, M02` line moves: the finding sits on exactly the text the fix deletes.
    const line = attendanceLine(rec, body);
    const ids = attendanceIds(rec.text.slice(body.heading.contentStart, line ? rec.lines.lineEnd(rec.lines.lineOf(body.heading.start)) : body.end), body.heading.text);
    const insert = { start: fm.contentEnd, end: fm.contentEnd, newText: `attendance: { present: [${ids.present.join(', ')}], absent: [${ids.absent.join(', ')}] }${nl}` };
    const fixes: FixData[] = canInsert && ids.present.length + ids.absent.length
      ? [line
        ? { title: 'Move this attendance line into the front matter', preferred: true, edits: [insert, { ...line, newText: '' }] }
        : { title: 'Record this attendance in the front matter', preferred: true, edits: [insert] }]
      : [];
    return { ...base, span: line ?? headingSpan(rec, body), message: `Attendance is written in the body; record it in the front matter as \`attendance: { present: […], absent: […] }\` so roster checks can read it (${e.cite.join(', ')}).`, fixes };
  }
  const fixes: FixData[] = canInsert ? [{ title: 'Add `attendance` to the front matter', preferred: true, edits: [{ start: fm!.contentEnd, end: fm!.contentEnd, newText: `${expandSnippet(e.skeleton).trim()}${nl}` }] }] : [];
  return { ...base, wholeRecord: true, span: rec.titleSpan, message: `Missing: attendance in the front matter (\`attendance: { present: […], absent: […] }\`, ${e.cite.join(', ')}) — ${levelLabel(level)}.`, fixes };
}

const INDIVIDUAL = /\b(individual|personal|each member'?s?|member'?s'? own|own goals?)\b/i;
const GROUP_GOALS = /\b(group goals?|goals? (of|for) the group|shared goals?|collective goals?|group'?s goals?)\b/i;

/** contract.goals asks for both individual and group goals (task and community-action groups: group goals suffice). */
function checkGoals(rec: ParsedRecord, cat: Catalogue, facts: RecordFacts, presence: Map<string, Presence>, emit: Emit): void {
  if (rec.kind !== 'contract') return;
  const e = cat.elements.get('contract.goals');
  const p = presence.get('contract.goals');
  if (!e || !p) return;
  const defs = goalDefinitions(rec);
  const withContent = p.sections.filter((s) => s.hasContent);
  if (!withContent.length && !p.field && !defs.length) return; // reported as missing or empty already
  const a = applicable(e, facts);
  if (!a) return;
  // The body only: a heading "Group and individual goals" promises both without stating either.
  const text = withContent.map((s) => rec.text.slice(s.heading.contentStart, s.end)).join('\n') + String(rec.fields.get('goals')?.value ?? '');
  const hasGroup = defs.some((d) => !d.member) || GROUP_GOALS.test(text);
  const hasIndividual = defs.some((d) => d.member) || INDIVIDUAL.test(text);
  const groupOnly = facts.group?.type === 'task' || facts.group?.type === 'community-action';
  const lacking = [!hasGroup && 'group goals', !hasIndividual && !groupOnly && 'individual goals'].filter(Boolean) as string[];
  if (!lacking.length) return;
  const at = withContent[0] ? headingSpan(rec, withContent[0]) : rec.titleSpan;
  emit({
    ruleId: 'contract.goals', severity: LEVEL_SEVERITY[a.level], level: a.level, cite: e.cite, span: at,
    message: `The contract states no ${lacking.join(' and no ')}: it should set out both individual and group goals (${e.cite.join(', ')}). Write them as list items, e.g. \`- G1: …\` for a group goal and \`- M01-G1: …\` for a member's goal.`,
  });
}

function checkConfidentialityLimits(rec: ParsedRecord, cat: Catalogue, presence: Map<string, Presence>, emit: Emit): void {
  if (rec.kind !== 'contract') return;
  const p = presence.get('contract.confidentiality');
  if (!p) return;
  const secs = p.sections.filter((s) => s.hasContent);
  const fieldText = String(rec.fields.get('confidentiality')?.value ?? '');
  if (!secs.length && !fieldText.trim()) return;
  // The heading is left out: "Confidentiality and its limits" names limits without stating any.
  const words = (t: string) => ` ${t.toLowerCase().replace(/[’‘]/g, "'").replace(/[^\p{L}\p{N}']+/gu, ' ').trim()} `;
  // Comments are not what members are told: `<!-- limits: TODO -->` states no limit.
  const text = words(secs.map((s) => rec.text.slice(s.heading.contentStart, s.end)).join('\n').replace(/<!--[^]*?(?:-->|$)/g, ' ') + '\n' + fieldText);
  // Whole words only: "aps" (adult protective services) must not match "relapse".
  if (cat.confidentialityLimits.some((l) => text.includes(words(l)))) return;
  const rule = cat.rules.get('contract.confidentiality-limits');
  emit({
    ruleId: 'contract.confidentiality-limits', severity: rule?.severity ?? 'warning', cite: rule?.cite ?? ['III.A.1', 'VI.A.4'],
    span: secs[0] ? headingSpan(rec, secs[0]) : rec.fields.get('confidentiality')!.keySpan,
    message: 'The confidentiality section never states its limits: say when the worker must share information (risk of serious harm, suspected abuse or neglect, a court order, supervision) (III.A.1, VI.A.4).',
  });
}
