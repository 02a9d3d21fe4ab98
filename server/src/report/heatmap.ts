import { escapeHtml as esc } from './escape';
import { elementSymbol } from './icons';
import { isSafeHref, type HrefOf } from './links';
import type { ElementCell, HeatMap, ReportRecord } from './types';

const CELL = 26;
const GAP = 3;
/** Rough advance of one character at the chart's font size: labels get room without measuring text. */
const CHAR = 6.6;

const STATE_TEXT: Record<ElementCell['state'], string> = { present: 'present', empty: 'heading without content', missing: 'missing', 'not-asked': 'not asked of this record' };

/** Records × elements: one row per record, one column per element asked of any of them. */
export function heatmapSvg(map: HeatMap, records: ReadonlyMap<string, ReportRecord>, href: HrefOf | undefined, idPrefix: string): string {
  const rowLabel = (path: string) => {
    const r = records.get(path);
    return r ? (r.date ? `${r.label} · ${r.date}` : r.label) : path;
  };
  const labelW = Math.min(260, Math.max(90, Math.max(...map.rows.map((r) => rowLabel(r.path).length)) * CHAR + 14));
  const longest = Math.max(4, ...map.columns.map((c) => c.label.length));
  const headH = Math.round(longest * CHAR * 0.72 + 16);
  const gridW = map.columns.length * (CELL + GAP);
  const width = Math.ceil(labelW + gridW + headH * 0.75 + 8);
  const height = headH + map.rows.length * (CELL + GAP) + 4;
  const titleId = `${idPrefix}-title`;
  const out: string[] = [];
  out.push(`<svg class="chart heatmap" role="img" aria-labelledby="${titleId}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`);
  out.push(`<title id="${titleId}">${esc(`${map.kindTitle}: elements present, empty or missing in each record`)}</title>`);
  map.columns.forEach((c, j) => {
    const x = labelW + j * (CELL + GAP) + CELL / 2 + 4;
    out.push(`<text class="col" transform="translate(${x} ${headH - 6}) rotate(-45)"><title>${esc(`${c.title} (${c.id}; ${c.cite.join(', ')})`)}</title>${esc(c.label)}</text>`);
  });
  map.rows.forEach((row, i) => {
    const y = headH + i * (CELL + GAP);
    const label = `<text class="row" x="${labelW - 8}" y="${y + CELL / 2 + 4}" text-anchor="end">${esc(rowLabel(row.path))}</text>`;
    const link = href?.(row.path);
    out.push(link && isSafeHref(link) ? `<a href="${esc(link)}">${label}</a>` : label);
    row.cells.forEach((cell, j) => {
      const x = labelW + j * (CELL + GAP);
      const col = map.columns[j];
      const level = cell.level ? ` (${cell.level})` : '';
      const tip = `${rowLabel(row.path)} — ${col.title}: ${STATE_TEXT[cell.state]}${level}`;
      out.push(`<g class="cell ${cell.state}${cell.level === 'recommended' ? ' rec' : ''}"><title>${esc(tip)}</title>`
        + `<rect class="bg" x="${x}" y="${y}" width="${CELL}" height="${CELL}" rx="4"/>${elementSymbol(cell.state, x + CELL / 2, y + CELL / 2, CELL / 2 - 3)}</g>`);
    });
  });
  out.push('</svg>');
  return out.join('');
}
