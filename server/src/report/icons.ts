import type { AttendanceState, ElementState } from './types';

/**
 * Every state has its own shape as well as its colour, so the charts read in greyscale and for
 * colour-blind readers. Shapes are paths, not glyphs: a machine without symbol fonts draws them too.
 */

const n = (x: number) => Math.round(x * 10) / 10;

export function check(cx: number, cy: number, r: number): string {
  return `<path class="sym" d="M${n(cx - r * 0.7)} ${n(cy)} L${n(cx - r * 0.2)} ${n(cy + r * 0.55)} L${n(cx + r * 0.75)} ${n(cy - r * 0.6)}"/>`;
}

export function cross(cx: number, cy: number, r: number): string {
  const d = r * 0.6;
  return `<path class="sym" d="M${n(cx - d)} ${n(cy - d)} L${n(cx + d)} ${n(cy + d)} M${n(cx + d)} ${n(cy - d)} L${n(cx - d)} ${n(cy + d)}"/>`;
}

export function ring(cx: number, cy: number, r: number): string {
  return `<circle class="sym" cx="${n(cx)}" cy="${n(cy)}" r="${n(r * 0.55)}"/>`;
}

export function dot(cx: number, cy: number, r: number): string {
  return `<circle class="dot" cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}"/>`;
}

export function dash(cx: number, cy: number, r: number): string {
  return `<path class="sym" d="M${n(cx - r * 0.45)} ${n(cy)} L${n(cx + r * 0.45)} ${n(cy)}"/>`;
}

export function question(cx: number, cy: number, r: number): string {
  return `<path class="sym" d="M${n(cx - r * 0.35)} ${n(cy - r * 0.3)} Q${n(cx - r * 0.35)} ${n(cy - r * 0.75)} ${n(cx)} ${n(cy - r * 0.75)} Q${n(cx + r * 0.4)} ${n(cy - r * 0.75)} ${n(cx + r * 0.4)} ${n(cy - r * 0.35)} Q${n(cx + r * 0.4)} ${n(cy - r * 0.05)} ${n(cx)} ${n(cy + r * 0.1)} L${n(cx)} ${n(cy + r * 0.3)}"/>${dot(cx, cy + r * 0.62, r * 0.09)}`;
}

export function elementSymbol(state: ElementState, cx: number, cy: number, r: number): string {
  switch (state) {
    case 'present': return check(cx, cy, r);
    case 'empty': return ring(cx, cy, r);
    case 'missing': return cross(cx, cy, r);
    default: return dash(cx, cy, r);
  }
}

export function attendanceSymbol(state: AttendanceState, cx: number, cy: number, r: number): string {
  switch (state) {
    case 'present': return dot(cx, cy, r * 0.5);
    case 'absent': return cross(cx, cy, r);
    case 'unrecorded': return question(cx, cy, r);
    case 'left': return dash(cx, cy, r);
    default: return dot(cx, cy, r * 0.12);
  }
}

/** A small standalone icon for legends and tables. */
export function icon(kind: 'element' | 'attendance', state: string, extraClass = ''): string {
  const s = 18;
  const inner = kind === 'element'
    ? `<rect class="bg" x="1" y="1" width="${s - 2}" height="${s - 2}" rx="3"/>${elementSymbol(state as ElementState, s / 2, s / 2, s / 2 - 2)}`
    : attendanceSymbol(state as AttendanceState, s / 2, s / 2, s / 2 - 2);
  return `<svg class="icon ${kind === 'element' ? 'el' : 'att'} ${state} ${extraClass}" width="${s}" height="${s}" viewBox="0 0 ${s} ${s}" aria-hidden="true">${inner}</svg>`;
}
