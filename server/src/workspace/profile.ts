import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { GroupFacts } from '../core/context';
import type { Finding } from '../core/findings';
import { MAX_ALIAS_COUNT, MAX_YAML_DEPTH, yamlTooDeep } from '../core/frontmatter';
import { groupSchema, type GroupProfile } from '../core/schema/group';
import { didYouMean } from '../core/suggest';
import { LineIndex, wholeSpan, type Span } from '../core/text';

export interface ParsedProfile {
  text: string;
  lines: LineIndex;
  profile: GroupProfile | undefined;
  /** Best-effort facts even when the profile has problems, so records can still be checked. */
  facts: GroupFacts | undefined;
  findings: Finding[];
  /** Where each member id is defined, for cross-file related information. */
  memberSpans: Map<string, Span>;
}

/**
 * A group.yaml longer than this is not parsed: a roster of thousands of members fits, and the YAML
 * parser's time and memory grow fast (20 MB took 43 s and 2.7 GB).
 */
export const MAX_PROFILE_CHARS = 256 * 1024;

/** Parses and validates a group profile; every problem sits at its own key or value. */
export function parseProfile(text: string): ParsedProfile {
  const lines = new LineIndex(text);
  const findings: Finding[] = [];
  const memberSpans = new Map<string, Span>();
  // Whole characters only: a default `{ 0, 1 }` or a parser's one-unit span may split a CRLF or an emoji.
  const problem = (span: Span, message: string) => findings.push({ ruleId: 'group.profile', severity: 'error', span: wholeSpan(text, span.start, span.end), message });
  if (text.length > MAX_PROFILE_CHARS) {
    problem({ start: 0, end: 0 }, `This profile is ${Math.ceil(text.length / 1024)} KB; the checker reads at most ${MAX_PROFILE_CHARS / 1024} KB of a group.yaml, so it was not read.`);
    return { text, lines, profile: undefined, facts: undefined, findings, memberSpans };
  }
  const deep = yamlTooDeep(text);
  if (deep !== undefined) {
    problem({ start: deep, end: deep + 1 }, `The profile nests lists or mappings more than ${MAX_YAML_DEPTH} levels deep; it was not read.`);
    return { text, lines, profile: undefined, facts: undefined, findings, memberSpans };
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', schema: 'core', uniqueKeys: true, prettyErrors: false, lineCounter: lc, logLevel: 'error' });
  for (const e of doc.errors) problem({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0] + 1) }, `Invalid YAML: ${e.message.split('\n')[0]}`);
  let data: unknown;
  if (!doc.errors.length) {
    try { data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }); } catch (e) { problem({ start: 0, end: 1 }, `The profile could not be read: ${(e as Error).message}`); }
  }
  let profile: GroupProfile | undefined;
  if (data !== undefined) {
    const r = groupSchema.safeParse(data ?? {});
    if (r.success) profile = r.data;
    else {
      for (const issue of r.error.issues) {
        const path = issue.path as Array<string | number>;
        const span = spanOf(doc.contents as Node | null, path, issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys[0] : undefined);
        let message = issue.message;
        if (issue.code === 'unrecognized_keys') {
          const key = (issue as { keys: string[] }).keys[0];
          const known = path.includes('members') ? Object.keys(groupSchema.shape.members.unwrap().element.shape) : Object.keys(groupSchema.shape);
          const hint = didYouMean(key, known);
          message = `Unknown key \`${key}\`${hint ? `: did you mean \`${hint}\`?` : ''}`;
        } else if (issue.code === 'invalid_value' && 'values' in issue) {
          message = `expected one of ${(issue.values as unknown[]).join(', ')}`;
        }
        problem(span, `${path.length ? `\`${path.join('.')}\`: ` : ''}${message}`);
      }
    }
  }
  const rawMembers = doc.get('members', true);
  if (isSeq(rawMembers)) {
    const seen = new Set<string>();
    for (const m of rawMembers.items) {
      if (!isMap(m)) continue;
      const idNode = m.get('id', true) as Node | undefined;
      const id = idNode ? String((idNode as { value?: unknown }).value) : undefined;
      const span = idNode?.range ? { start: idNode.range[0], end: idNode.range[1] } : undefined;
      if (id && span) {
        if (seen.has(id)) problem(span, `Member id \`${id}\` is used twice: ids must be unique.`);
        else memberSpans.set(id, span);
        seen.add(id);
      }
      const nameNode = m.get('name', true) as Node | undefined;
      if (nameNode?.range) {
        findings.push({
          ruleId: 'privacy.roster-name', severity: 'warning', span: { start: nameNode.range[0], end: nameNode.range[1] },
          message: `The roster carries a member's name. Records refer to members by id (${id ?? 'M01'}) and initials; remove the name unless your agency requires it here, and then never write it in records.`,
        });
      }
    }
  }
  return { text, lines, profile, facts: profile ? toFacts(profile) : lenientFacts(data), findings, memberSpans };
}

function toFacts(p: GroupProfile): GroupFacts {
  return {
    id: p.id, name: p.name, type: p.type, modality: p.modality, open: p.open, workers: p.workers,
    members: p.members.map((m) => ({ id: m.id, initials: m.initials, name: m.name, joined: m.joined, left: m.left ?? undefined, mandated: m.mandated, consent: m.consent ?? undefined, needs: m.needs ?? [] })),
  };
}

/** Facts from a profile that failed validation: what can be read is still used. */
function lenientFacts(data: unknown): GroupFacts | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as Record<string, unknown>;
  if (typeof d.id !== 'string') return undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const members = Array.isArray(d.members) ? d.members : [];
  return {
    id: d.id, name: str(d.name),
    type: groupSchema.shape.type.safeParse(d.type).data,
    modality: groupSchema.shape.modality.safeParse(d.modality).data ?? 'in-person',
    open: d.open === true,
    workers: Array.isArray(d.workers) ? d.workers.filter((w): w is string => typeof w === 'string') : [],
    members: members.filter((m): m is Record<string, unknown> => !!m && typeof m === 'object' && typeof (m as Record<string, unknown>).id === 'string').map((m) => ({
      id: m.id as string, initials: str(m.initials), name: str(m.name), joined: str(m.joined), left: str(m.left), mandated: m.mandated === true, consent: str(m.consent),
      needs: Array.isArray(m.needs) ? m.needs.map(String) : [],
    })),
  };
}

export function spanOf(root: Node | null, path: Array<string | number>, key?: string): Span {
  let node: Node | null = root;
  let span: Span = { start: 0, end: 1 };
  const full = key !== undefined ? [...path, key] : path;
  for (const seg of full) {
    if (!node) break;
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === seg);
      if (!pair) break;
      const k = pair.key as Node;
      if (k.range) span = { start: k.range[0], end: k.range[1] };
      node = (pair.value as Node | null) ?? null;
      if (seg !== key && node?.range) span = { start: node.range[0], end: node.range[1] };
    } else if (isSeq(node) && typeof seg === 'number') {
      node = (node.items[seg] as Node | null) ?? null;
      if (node?.range) span = { start: node.range[0], end: node.range[1] };
    } else break;
  }
  return span;
}
