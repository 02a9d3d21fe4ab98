import type { Catalogue } from './catalogue';
import type { Condition, Element, GroupType, Level, LevelRule, Modality, Phase } from './schema/catalogue';
import { PHASES } from './schema/catalogue';

export interface MemberFacts {
  id: string;
  initials?: string;
  name?: string;
  joined?: string;
  left?: string;
  mandated: boolean;
  consent?: string;
  needs: string[];
}

export interface GroupFacts {
  id: string;
  name?: string;
  type?: GroupType;
  modality: Modality;
  open: boolean;
  workers: string[];
  members: MemberFacts[];
}

/** What decides which elements a record is asked for. */
export interface RecordFacts {
  phase?: Phase;
  session?: number;
  date?: string;
  present: string[];
  group?: GroupFacts;
}

export interface Applicable { level: Level; because?: string }

function matches(c: Condition | undefined, f: RecordFacts, phase: Phase | undefined): boolean {
  if (!c) return true;
  const g = f.group;
  const present = g ? g.members.filter((m) => f.present.includes(m.id)) : [];
  if (c.phase && !(phase && c.phase.includes(phase))) return false;
  if (c.firstSession !== undefined && (f.session === undefined || (f.session === 1) !== c.firstSession)) return false;
  if (c.groupType && !(g?.type && c.groupType.includes(g.type))) return false;
  if (c.modality && !(g && c.modality.includes(g.modality))) return false;
  if (c.open !== undefined && (g?.open ?? false) !== c.open) return false;
  if (c.mandatedMembers !== undefined && (g?.members.some((m) => m.mandated) ?? false) !== c.mandatedMembers) return false;
  if (c.coFacilitated !== undefined && ((g?.workers.length ?? 0) >= 2) !== c.coFacilitated) return false;
  if (c.newMember !== undefined) {
    const isNew = f.session !== undefined && f.session > 1 && !!f.date && present.some((m) => m.joined === f.date);
    if (isNew !== c.newMember) return false;
  }
  if (c.memberNeeds !== undefined && present.some((m) => m.needs.length > 0) !== c.memberNeeds) return false;
  return true;
}

function firstRule(rules: readonly LevelRule[], f: RecordFacts, phase: Phase | undefined): LevelRule | undefined {
  return rules.find((r) => matches(r.when, f, phase));
}

const RANK: Record<Level, number> = { guidance: 0, recommended: 1, required: 2 };

/**
 * How strongly the record is asked for the element, or undefined when it is not asked for.
 * A note without a valid phase is asked only for what every phase asks for, at the weakest level.
 */
export function applicable(e: Element, f: RecordFacts, phaseDependent = true): Applicable | undefined {
  if (f.phase || !phaseDependent || !e.levels.some((r) => r.when?.phase)) {
    const r = firstRule(e.levels, f, f.phase);
    return r && r.level !== 'none' ? { level: r.level, because: r.because } : undefined;
  }
  let weakest: Applicable | undefined;
  for (const p of PHASES) {
    const r = firstRule(e.levels, f, p);
    if (!r || r.level === 'none') return undefined;
    if (!weakest || RANK[r.level] < RANK[weakest.level]) weakest = { level: r.level, because: r.because };
  }
  return weakest;
}

export function levelLabel(l: Level): string {
  return l === 'required' ? 'required' : l === 'recommended' ? 'recommended' : 'suggested';
}

export type { Catalogue };
