import { recordFacts } from '../core/check';
import type { RecordFacts } from '../core/context';
import { isIsoDate } from '../core/dates';
import { PHASES, type Phase } from '../core/schema/catalogue';
import type { FeatureContext } from './context';
import { effectiveKind, rawValue } from './frontMatterScan';

/** The record facts applicability reads; while the YAML is broken, the fields still written are read line by line. */
export function featureFacts(ctx: FeatureContext): RecordFacts {
  const f = recordFacts(ctx.rec, ctx.group);
  if (!ctx.rec.yaml?.problems.length) return f;
  const note = effectiveKind(ctx.rec) === 'session-note';
  const phase = rawValue(ctx.rec, 'phase');
  const session = Number(rawValue(ctx.rec, 'session'));
  const date = rawValue(ctx.rec, 'date');
  return {
    ...f,
    phase: f.phase ?? (note && (PHASES as readonly string[]).includes(phase ?? '') ? (phase as Phase) : undefined),
    session: f.session ?? (note && Number.isInteger(session) && session >= 1 ? session : undefined),
    date: f.date ?? (date && isIsoDate(date) ? date : undefined),
  };
}
