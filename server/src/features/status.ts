import { recordFacts } from '../core/check';
import { elementPresence } from '../core/checks/elements';
import { applicable } from '../core/context';
import { RECORD_KINDS, type Phase, type RecordKind } from '../core/schema/catalogue';
import type { FeatureContext } from './context';

/** What a LanguageStatusItem shows for a record: its kind, phase and how many required elements it has. */
export interface RecordStatus {
  /** The record kind, when `record:` names a known one. */
  kind?: RecordKind;
  /** The kind as people say it ("Session note"), or what the document is instead. */
  kindTitle: string;
  phase?: Phase;
  /** A session note's structured format (`soap`), when it names one. */
  format?: string;
  /** Required elements that apply to this record, and how many of them have real content. */
  required: { present: number; total: number };
  /** Titles of the required elements not (yet) written, in conventional order. */
  missing: string[];
  /** The item's text, e.g. "Session note · middle · 5/6 required". */
  text: string;
  /** The item's detail line: what is missing, or that nothing is; and the group. */
  detail: string;
  /** The worst finding's severity (findings follow the configured severities; hints count as information). */
  severity: 'information' | 'warning' | 'error';
}

export function recordStatus(ctx: FeatureContext): RecordStatus {
  try {
    return build(ctx);
  } catch {
    return { kindTitle: 'Group record', required: { present: 0, total: 0 }, missing: [], text: 'Group record', detail: '', severity: 'information' };
  }
}

function build(ctx: FeatureContext): RecordStatus {
  const { rec, cat } = ctx;
  const worst = worstSeverity(ctx);
  if (!rec.isRecord) {
    return { kindTitle: 'Not a record', required: { present: 0, total: 0 }, missing: [], text: 'Not a group record', detail: 'Markdown without `record:` in its front matter is not checked.', severity: 'information' };
  }
  const def = rec.kind ? cat.kinds.get(rec.kind) : undefined;
  if (!rec.kind || !def) {
    return {
      kindTitle: 'Group record', required: { present: 0, total: 0 }, missing: [],
      text: 'Group record · unknown kind',
      detail: `\`record:\` names no known kind (${RECORD_KINDS.join(', ')}), so no elements are checked.`,
      severity: 'error',
    };
  }
  const facts = recordFacts(rec, ctx.group);
  const presence = elementPresence(rec, cat);
  const fmt = rec.format ? cat.formats.get(rec.format) : undefined;
  const mapped = new Set(fmt?.sections.flatMap((s) => s.satisfies) ?? []);
  const missing: string[] = [];
  let total = 0;
  // The same reading as checkElements: a structured format replaces the elements it neither maps nor keeps.
  for (const base of def.elements) {
    const e = cat.elements.get(base.id);
    if (!e) continue;
    if (fmt && !mapped.has(e.id) && !fmt.keeps.includes(e.id) && e.id !== 'note.summary') continue;
    if (applicable(e, facts)?.level !== 'required') continue;
    total++;
    const p = presence.get(e.id);
    let filled = !!p && (p.field || p.sections.some((s) => s.hasContent));
    if (!filled && e.id === 'note.summary' && fmt) {
      filled = fmt.sections.every((_, i) => rec.sections.some((s) => s.formatSections.includes(i) && s.hasContent));
    }
    if (!filled) missing.push(e.title);
  }
  const present = total - missing.length;
  const parts = [def.title];
  if (rec.kind === 'session-note') parts.push(facts.phase ?? 'no phase');
  if (rec.format && rec.format !== 'narrative') parts.push(rec.format.toUpperCase());
  parts.push(`${present}/${total} required`);
  const group = ctx.group ? `Group: ${ctx.group.name ?? ctx.group.id}` : 'No group profile found';
  const what = missing.length ? `Missing or empty: ${missing.join(', ')}` : total ? `All ${total} required elements present` : 'No required elements apply';
  const status: RecordStatus = { kind: rec.kind, kindTitle: def.title, required: { present, total }, missing, text: parts.join(' · '), detail: `${what} · ${group}`, severity: worst };
  if (facts.phase) status.phase = facts.phase;
  if (rec.format) status.format = rec.format;
  return status;
}

function worstSeverity(ctx: FeatureContext): 'error' | 'warning' | 'information' {
  let worst: 'error' | 'warning' | 'information' = 'information';
  for (const f of ctx.findings) {
    if (f.severity === 'error') return 'error';
    if (f.severity === 'warning') worst = 'warning';
  }
  return worst;
}
