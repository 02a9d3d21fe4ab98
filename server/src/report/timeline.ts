import { escapeHtml as esc } from './escape';
import { isSafeHref, type HrefOf } from './links';
import type { TimelineEntry } from './types';

const WIDTH = 760;
const PAD = 36;
const AXIS_Y = 70;
const DAY = 86_400_000;

function dayOf(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
}

/** Plan ◆, contract ■, session note ●, ending summary ▲: the kind reads from the shape alone. */
function marker(e: TimelineEntry, x: number, y: number): string {
  const cls = `mark ${e.kind ?? 'other'}${e.phase ? ` ${e.phase}` : ''}`;
  switch (e.kind) {
    case 'plan': return `<path class="${cls}" d="M${x} ${y - 8} L${x + 8} ${y} L${x} ${y + 8} L${x - 8} ${y} Z"/>`;
    case 'contract': return `<rect class="${cls}" x="${x - 7}" y="${y - 7}" width="14" height="14"/>`;
    case 'ending-summary': return `<path class="${cls}" d="M${x} ${y - 8} L${x + 8} ${y + 7} L${x - 8} ${y + 7} Z"/>`;
    default: return `<circle class="${cls}" cx="${x}" cy="${y}" r="7"/>`;
  }
}

function shortLabel(e: TimelineEntry): string {
  if (e.kind === 'session-note') return e.session !== undefined ? `S${e.session}` : 'note';
  return e.kind === 'plan' ? 'Plan' : e.kind === 'contract' ? 'Contract' : e.kind === 'ending-summary' ? 'Ending' : 'Record';
}

/** Dated records on one axis, by date; labels that would overlap step up (notes) or down (others). */
export function timelineSvg(entries: readonly TimelineEntry[], href: HrefOf | undefined, idPrefix: string): string {
  const dated = entries.filter((e): e is TimelineEntry & { date: string } => !!e.date);
  const titleId = `${idPrefix}-title`;
  const height = 130;
  const out: string[] = [`<svg class="chart timeline" role="img" aria-labelledby="${titleId}" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`];
  out.push(`<title id="${titleId}">Timeline of the group's records by date</title>`);
  if (!dated.length) {
    out.push(`<text class="row" x="${PAD}" y="${AXIS_Y}">No dated records.</text></svg>`);
    return out.join('');
  }
  const days = dated.map((e) => dayOf(e.date));
  const lo = Math.min(...days), hi = Math.max(...days);
  const span = Math.max(1, hi - lo);
  const xOf = (d: number) => Math.round(hi === lo ? WIDTH / 2 : PAD + ((d - lo) / span) * (WIDTH - 2 * PAD));
  out.push(`<line class="axis" x1="${PAD - 10}" y1="${AXIS_Y}" x2="${WIDTH - PAD + 10}" y2="${AXIS_Y}"/>`);
  // A tick at each month's first day inside the range, labelled YYYY-MM.
  const first = new Date(lo * DAY);
  for (let y = first.getUTCFullYear(), m = first.getUTCMonth() + 1; ; m++) {
    if (m > 11) { m = 0; y++; }
    const d = Date.UTC(y, m, 1) / DAY;
    if (d > hi) break;
    const x = xOf(d);
    out.push(`<line class="tick" x1="${x}" y1="${AXIS_Y - 4}" x2="${x}" y2="${AXIS_Y + 4}"/><text class="tick" x="${x}" y="${height - 6}" text-anchor="middle">${y}-${String(m + 1).padStart(2, '0')}</text>`);
  }
  const lastAt: Record<'up' | 'down', number[]> = { up: [], down: [] };
  for (const e of dated) {
    const x = xOf(dayOf(e.date));
    const side = e.kind === 'session-note' ? 'up' : 'down';
    // The first level whose last label ends left of this one.
    const levels = lastAt[side];
    let level = levels.findIndex((end) => end < x - 16);
    if (level < 0) level = levels.length < 3 ? levels.length : 0;
    const label = shortLabel(e);
    levels[level] = x + label.length * 3.5;
    const ly = side === 'up' ? AXIS_Y - 14 - level * 13 : AXIS_Y + 22 + level * 13;
    const tip = `${e.label}, ${e.date}${e.phase ? `, ${e.phase} phase` : ''}${e.present !== undefined ? `, ${e.present}${e.attendees !== undefined ? ` of ${e.attendees}` : ''} present` : ''} — ${e.status}${e.gist ? `: ${e.gist}` : ''}`;
    const body = `<g class="entry"><title>${esc(tip)}</title>${marker(e, x, AXIS_Y)}<text class="lbl" x="${x}" y="${ly}" text-anchor="middle">${esc(label)}</text></g>`;
    const link = href?.(e.path);
    out.push(link && isSafeHref(link) ? `<a href="${esc(link)}">${body}</a>` : body);
  }
  out.push('</svg>');
  return out.join('');
}
