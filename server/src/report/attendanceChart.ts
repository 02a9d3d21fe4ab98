import { escapeHtml as esc } from './escape';
import { attendanceSymbol } from './icons';
import { isSafeHref, type HrefOf } from './links';
import type { AttendanceMatrix, AttendanceState } from './types';

const CELL = 24;
const GAP = 3;
const CHAR = 6.6;

export const ATTENDANCE_TEXT: Record<AttendanceState, string> = {
  present: 'present', absent: 'absent', 'not-joined': 'not yet joined', left: 'had left the group', unrecorded: 'attendance not recorded',
};

function shortLabel(s: { session?: number; date?: string }, j: number): string {
  return s.session !== undefined ? `S${s.session}` : s.date ? s.date.slice(5) : `#${j + 1}`;
}

/** Members × sessions, with each member's sessions attended and each session's head count. */
export function attendanceSvg(m: AttendanceMatrix, href: HrefOf | undefined, idPrefix: string): string {
  const memberLabel = (i: number) => {
    const x = m.members[i];
    return `${x.id}${x.initials ? ` ${x.initials}` : ''}${x.onRoster ? '' : ' (not on roster)'}`;
  };
  const labelW = Math.min(220, Math.max(70, Math.max(...m.members.map((_, i) => memberLabel(i).length)) * CHAR + 14));
  const headH = 26;
  const totalW = 76;
  const width = Math.ceil(labelW + m.sessions.length * (CELL + GAP) + totalW);
  const height = headH + (m.members.length + 1) * (CELL + GAP) + 6;
  const titleId = `${idPrefix}-title`;
  const out: string[] = [];
  out.push(`<svg class="chart attendance" role="img" aria-labelledby="${titleId}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
  out.push(`<title id="${titleId}">Attendance of each member across sessions</title>`);
  m.sessions.forEach((s, j) => {
    const x = labelW + j * (CELL + GAP) + CELL / 2;
    const tip = `${s.label}${s.date ? ` (${s.date})` : ''}: ${s.recorded ? `${s.present} present` : 'attendance not recorded'}`;
    const text = `<text class="col" x="${x}" y="${headH - 8}" text-anchor="middle"><title>${esc(tip)}</title>${esc(shortLabel(s, j))}</text>`;
    const link = href?.(s.path);
    out.push(link && isSafeHref(link) ? `<a href="${esc(link)}">${text}</a>` : text);
  });
  out.push(`<text class="col" x="${labelW + m.sessions.length * (CELL + GAP) + 8}" y="${headH - 8}">attended</text>`);
  m.members.forEach((mem, i) => {
    const y = headH + i * (CELL + GAP);
    out.push(`<text class="row" x="${labelW - 8}" y="${y + CELL / 2 + 4}" text-anchor="end">${esc(memberLabel(i))}</text>`);
    m.cells[i].forEach((state, j) => {
      const x = labelW + j * (CELL + GAP);
      const s = m.sessions[j];
      const tip = `${mem.id}, ${s.label}${s.date ? ` (${s.date})` : ''}: ${ATTENDANCE_TEXT[state]}`;
      out.push(`<g class="att ${state}"><title>${esc(tip)}</title><rect class="bg" x="${x}" y="${y}" width="${CELL}" height="${CELL}" rx="4"/>${attendanceSymbol(state, x + CELL / 2, y + CELL / 2, CELL / 2 - 3)}</g>`);
    });
    out.push(`<text class="total" x="${labelW + m.sessions.length * (CELL + GAP) + 8}" y="${y + CELL / 2 + 4}"><title>${esc(`${mem.id} attended ${mem.attended} of the ${mem.expected} sessions held while a member`)}</title>${mem.attended}/${mem.expected}</text>`);
  });
  const yTot = headH + m.members.length * (CELL + GAP);
  out.push(`<text class="row" x="${labelW - 8}" y="${yTot + CELL / 2 + 4}" text-anchor="end">present</text>`);
  m.sessions.forEach((s, j) => {
    const x = labelW + j * (CELL + GAP) + CELL / 2;
    out.push(`<text class="total" x="${x}" y="${yTot + CELL / 2 + 4}" text-anchor="middle">${s.recorded ? s.present : '?'}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}
