import { ATTENDANCE_TEXT, attendanceSvg } from './attendanceChart';
import { escapeHtml as esc } from './escape';
import { heatmapSvg } from './heatmap';
import { icon } from './icons';
import { isSafeHref, type HrefOf } from './links';
import { REPORT_CSS } from './styles';
import { timelineSvg } from './timeline';
import type { AttendanceState, GroupReport, ReportModel, ReportRecord, SeverityCounts } from './types';

/** Nothing may load: no script, font, image or frame; only the inline stylesheet applies. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

export interface HtmlOptions {
  /** A record's link: relative for a saved file, a command URI in the editor; none shows the path as text. */
  href?: HrefOf;
  title?: string;
}

const SEVERITY_WORDS: Array<[keyof SeverityCounts, string, string]> = [
  ['error', 'error', 'errors'], ['warning', 'warning', 'warnings'], ['information', 'information', 'information'], ['hint', 'hint', 'hints'],
];

/** One self-contained page: inline CSS and SVG, no script, and every record-derived string escaped. */
export function renderReportHtml(model: ReportModel, options: HtmlOptions = {}): string {
  const title = options.title ?? 'Group records report';
  const link = (path: string, text: string, line?: number): string => {
    const h = options.href?.(path, line);
    return h && isSafeHref(h) ? `<a href="${esc(h)}">${esc(text)}</a>` : esc(text);
  };
  const records = model.groups.reduce((n, g) => n + g.records.length, 0);
  const parts: string[] = [];
  parts.push('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">');
  // A constant with no double quote: written as is, so the tag reads exactly as documented.
  parts.push(`<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
  parts.push('<meta name="referrer" content="no-referrer">\n<meta name="viewport" content="width=device-width, initial-scale=1">');
  parts.push(`<title>${esc(title)}</title>\n<style>${REPORT_CSS}</style>\n</head>\n<body>`);
  parts.push(`<header><h1>${esc(title)}</h1>`);
  parts.push(`<p class="meta">${model.groups.length} ${model.groups.length === 1 ? 'group' : 'groups'}, ${records} ${records === 1 ? 'record' : 'records'}${model.generated ? ` · made ${esc(model.generated)}` : ''} · checked against the AASWG Standards for Social Work Practice with Groups</p>`);
  if (model.groups.length > 1) {
    parts.push('<nav aria-label="Groups"><ul>');
    model.groups.forEach((g, i) => parts.push(`<li><a href="#group-${i + 1}">${esc(groupName(g))}</a></li>`));
    parts.push('</ul></nav>');
  }
  parts.push('</header>\n<main>');
  if (!model.groups.length) parts.push('<p>No group records were found: a group needs a <code>group.yaml</code>, or records that name their <code>group:</code>.</p>');
  model.groups.forEach((g, i) => parts.push(groupSection(g, i + 1, link, options.href)));
  if (model.ungrouped.length) {
    parts.push('<section aria-labelledby="ungrouped"><h2 id="ungrouped">Records outside any group</h2><p class="muted">No <code>group.yaml</code> above them and no <code>group:</code> field: they are checked on their own and left out of the group views.</p><ul>');
    for (const p of model.ungrouped) parts.push(`<li class="path">${esc(p)}</li>`);
    parts.push('</ul></section>');
  }
  parts.push('</main>\n</body>\n</html>\n');
  return parts.join('\n');
}

type Link = (path: string, text: string, line?: number) => string;

function groupName(g: GroupReport): string {
  return g.name ?? g.id ?? 'Unnamed group';
}

function groupSection(g: GroupReport, n: number, link: Link, href: HrefOf | undefined): string {
  const id = `group-${n}`;
  const byPath = new Map(g.records.map((r) => [r.path, r]));
  const out: string[] = [];
  out.push(`<section class="group" id="${id}" aria-labelledby="${id}-h">`);
  out.push(`<h2 id="${id}-h">${esc(groupName(g))}${g.id && g.name ? ` <span class="muted">(${esc(g.id)})</span>` : ''}</h2>`);
  const a = g.approval;
  out.push(`<p class="summary">${g.records.length} ${g.records.length === 1 ? 'record' : 'records'}: ${a.approved} approved, ${a.submitted} submitted, ${a.draft} draft${a.changedAfter ? `, <strong>${a.changedAfter} changed after approval</strong>` : ''} · ${severityLine(g.findings)} · ${g.reviews.length} open ${g.reviews.length === 1 ? 'review' : 'reviews'}${g.profileRel ? ` · profile ${link(profileAbs(g), g.profileRel)}` : ''}</p>`);

  out.push(`<h3 id="${id}-elements">Required and recommended elements</h3>`);
  out.push(`<ul class="legend" aria-label="Heat-map legend">${legendItem(icon('element', 'present'), 'present')}${legendItem(icon('element', 'empty'), 'heading without content')}${legendItem(icon('element', 'missing'), 'missing')}${legendItem(icon('element', 'not-asked'), 'not asked of this record')}${legendItem(icon('element', 'present', 'rec'), 'dashed, paler: recommended (solid: required)')}</ul>`);
  if (!g.heatmaps.length) out.push('<p class="muted">No records of a known kind.</p>');
  g.heatmaps.forEach((h, k) => {
    out.push(`<h4>${esc(h.kindTitle)}</h4><div class="scroll">${heatmapSvg(h, byPath, href, `${id}-hm${k}`)}</div>`);
    out.push(`<p class="elements-key">${h.columns.map((c) => `<code>${esc(c.label)}</code> ${esc(c.title)} (${esc(c.cite.join(', '))})`).join(' · ')}</p>`);
  });

  out.push(`<h3 id="${id}-findings">Findings by severity</h3>`);
  out.push(`<p>${severityLine(g.findings)}${g.profileRel && total(g.profileFindings) ? ` (of which ${esc(g.profileRel)}: ${severityLine(g.profileFindings)})` : ''}</p>`);
  if (g.findingsByRule.length) {
    out.push('<table><thead><tr><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col" class="num">Count</th></tr></thead><tbody>');
    for (const r of g.findingsByRule) out.push(`<tr><td><code>${esc(r.ruleId)}</code></td><td class="sev-${esc(r.severity)}">${esc(r.severity)}</td><td class="num">${r.count}</td></tr>`);
    out.push('</tbody></table>');
  }

  out.push(`<h3 id="${id}-reviews">Open reviews</h3>`);
  if (!g.reviews.length) out.push('<p class="muted">No open reviews.</p>');
  else {
    out.push('<ul class="reviews">');
    for (const r of g.reviews) {
      const who = r.reviewer ? `@${r.reviewer}` : 'A reviewer';
      out.push(`<li><strong>${esc(who)}</strong>${r.date ? ` <span class="muted">${esc(r.date)}</span>` : ''} on ${link(r.path, `${r.recordLabel} (${r.rel}:${r.line + 1})`, r.line)}<span class="text">${esc(r.text)}</span></li>`);
    }
    out.push('</ul>');
  }

  out.push(`<h3 id="${id}-attendance">Attendance</h3>`);
  if (!g.attendance.sessions.length) out.push('<p class="muted">No session notes yet.</p>');
  else {
    const states: AttendanceState[] = ['present', 'absent', 'not-joined', 'left', 'unrecorded'];
    out.push(`<ul class="legend" aria-label="Attendance legend">${states.map((s) => legendItem(icon('attendance', s), ATTENDANCE_TEXT[s])).join('')}</ul>`);
    out.push(`<p class="muted">Members by roster id and initials. A note with a present list counts a member it does not list as absent.</p>`);
    out.push(`<div class="scroll">${attendanceSvg(g.attendance, href, `${id}-att`)}</div>`);
  }

  out.push(`<h3 id="${id}-approval">Records and approval status</h3>`);
  out.push('<div class="scroll"><table><thead><tr><th scope="col">Record</th><th scope="col">Date</th><th scope="col">Status</th><th scope="col">Approved by</th><th scope="col">Approved on</th>'
    + '<th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th><th scope="col" class="num">Information</th><th scope="col" class="num">Open reviews</th></tr></thead><tbody>');
  for (const r of g.records) out.push(recordRow(r, link));
  out.push('</tbody></table></div>');

  out.push(`<h3 id="${id}-timeline">Session timeline</h3>`);
  out.push(`<ul class="legend" aria-label="Timeline legend">${legendItem(shape('plan'), 'plan')}${legendItem(shape('contract'), 'contract')}${legendItem(shape('note beginning'), 'session note, beginning phase')}${legendItem(shape('note middle'), 'middle phase')}${legendItem(shape('note ending'), 'ending phase')}${legendItem(shape('ending-summary'), 'ending summary')}</ul>`);
  out.push(`<div class="scroll">${timelineSvg(g.timeline, href, `${id}-tl`)}</div>`);
  out.push('<div class="scroll"><table><thead><tr><th scope="col">Date</th><th scope="col">Record</th><th scope="col">Phase</th><th scope="col" class="num">Present</th><th scope="col">Focus</th></tr></thead><tbody>');
  for (const e of g.timeline) {
    out.push(`<tr><td class="nowrap">${esc(e.date ?? 'undated')}</td><td>${link(e.path, e.label)}</td><td>${esc(e.phase ?? '')}</td>`
      + `<td class="num">${e.present !== undefined ? `${e.present}${e.attendees !== undefined ? `/${e.attendees}` : ''}` : ''}</td><td class="gist">${esc(e.gist ?? '')}</td></tr>`);
  }
  out.push('</tbody></table></div>');
  out.push('</section>');
  return out.join('\n');
}

function recordRow(r: ReportRecord, link: Link): string {
  const badges = [`<span class="badge ${esc(r.status)}">${esc(r.status)}</span>`];
  if (r.approval.changedAfter) badges.push('<span class="badge warn">changed after approval</span>');
  if (r.approval.incomplete) badges.push('<span class="badge warn">approval incomplete</span>');
  if (r.problem) badges.push(`<span class="badge warn">not read: ${esc(r.problem)}</span>`);
  const count = (n: number, sev: string) => `<td class="num ${n ? `sev-${sev}` : 'zero'}">${n}</td>`;
  return `<tr><td>${link(r.path, r.label)}<br><span class="path muted">${esc(r.rel)}</span></td><td class="nowrap">${esc(r.date ?? '')}</td><td>${badges.join(' ')}</td>`
    + `<td>${esc(r.approval.by ?? '')}</td><td class="nowrap">${esc(r.approval.on ?? '')}</td>`
    + `${count(r.findings.error, 'error')}${count(r.findings.warning, 'warning')}${count(r.findings.information + r.findings.hint, 'information')}${count(r.openReviews, 'information')}</tr>`;
}

function severityLine(c: SeverityCounts): string {
  return SEVERITY_WORDS.filter(([k]) => k !== 'hint' || c.hint)
    .map(([k, one, many]) => `<span class="${c[k] ? `sev-${k}` : 'zero'}">${c[k]} ${c[k] === 1 ? one : many}</span>`).join(', ');
}

function total(c: SeverityCounts): number {
  return c.error + c.warning + c.information + c.hint;
}

function legendItem(iconSvg: string, text: string): string {
  return `<li>${iconSvg}<span>${esc(text)}</span></li>`;
}

function shape(cls: string): string {
  const inner = cls === 'plan' ? '<path class="mark plan" d="M9 1 L17 9 L9 17 L1 9 Z"/>'
    : cls === 'contract' ? '<rect class="mark contract" x="2" y="2" width="14" height="14"/>'
      : cls === 'ending-summary' ? '<path class="mark ending-summary" d="M9 1 L17 16 L1 16 Z"/>'
        : `<circle class="mark session-note ${cls.split(' ')[1]}" cx="9" cy="9" r="7"/>`;
  return `<svg class="icon shape" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">${inner}</svg>`;
}

/** The profile's absolute path is the group key of a group that has one. */
function profileAbs(g: GroupReport): string {
  return g.key;
}
