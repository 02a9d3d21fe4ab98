/**
 * The report's only stylesheet, inline (the page may load nothing). Light and dark follow the
 * reader's setting in a browser and the colour theme in VS Code's webview, whose body carries
 * `vscode-light` / `vscode-dark` / `vscode-high-contrast`.
 */
const LIGHT = `
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d0d7de; --panel: #f6f8fa;
  --ok: #116329; --ok-bg: #c9ecd3; --empty: #7a4d00; --empty-bg: #ffe59e; --miss: #a40e26; --miss-bg: #ffcdd0;
  --na: #8c959f; --na-bg: #eef1f4; --link: #0550ae;
  --s-error: #a40e26; --s-warning: #7a4d00; --s-information: #0550ae; --s-hint: #59636e;
  --beginning: #0969da; --middle: #8250df; --ending: #bf3989;`;
const DARK = `
  --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23;
  --ok: #7ee2a0; --ok-bg: #1b4a2c; --empty: #f2cc60; --empty-bg: #4d3800; --miss: #ffa198; --miss-bg: #5d1a1d;
  --na: #6e7681; --na-bg: #1c222b; --link: #79c0ff;
  --s-error: #ffa198; --s-warning: #f2cc60; --s-information: #79c0ff; --s-hint: #9198a1;
  --beginning: #58a6ff; --middle: #bc8cff; --ending: #ff80c8;`;

export const REPORT_CSS = `
:root { color-scheme: light dark; ${LIGHT} }
@media (prefers-color-scheme: dark) { :root { ${DARK} } }
body.vscode-light { ${LIGHT} }
body.vscode-dark, body.vscode-high-contrast { ${DARK} }
body { margin: 0; padding: 1.5rem 2rem 3rem; background: var(--vscode-editor-background, var(--bg)); color: var(--vscode-editor-foreground, var(--fg));
  font: 14px/1.45 var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif); }
a { color: var(--vscode-textLink-foreground, var(--link)); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .25rem; padding-top: 1rem; border-top: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: .95rem; margin: 1rem 0 .25rem; color: var(--muted); }
.muted, .meta { color: var(--muted); }
.summary { margin: .25rem 0 1rem; }
nav ul { margin: .25rem 0; padding-left: 1.25rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { font-weight: 600; background: var(--panel); }
td.nowrap { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .path { font-family: var(--vscode-editor-font-family, ui-monospace, "SFMono-Regular", Menlo, monospace); font-size: .92em; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; max-width: 100%; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.1rem; margin: .4rem 0 .8rem; padding: 0; list-style: none; color: var(--muted); font-size: .9em; }
.legend li { display: inline-flex; align-items: center; gap: .35rem; }
.chart text { fill: currentColor; font: 12px var(--vscode-font-family, system-ui, sans-serif); }
.chart text.col, .chart text.tick { fill: var(--muted); }
.chart a text { fill: var(--vscode-textLink-foreground, var(--link)); text-decoration: underline; }
.chart .sym, .icon .sym { fill: none; stroke-width: 2.4; stroke-linecap: round; stroke-linejoin: round; }
.chart .dot, .icon .dot { stroke: none; }
.cell .bg, .icon.el .bg { stroke-width: 1.5; }
.present .bg { fill: var(--ok-bg); stroke: var(--ok); } .present .sym { stroke: var(--ok); }
.empty .bg { fill: var(--empty-bg); stroke: var(--empty); } .empty .sym { stroke: var(--empty); }
.missing .bg { fill: var(--miss-bg); stroke: var(--miss); } .missing .sym { stroke: var(--miss); }
.not-asked .bg { fill: var(--na-bg); stroke: none; } .not-asked .sym { stroke: var(--na); }
.rec .bg { fill-opacity: .45; stroke-dasharray: 3 2; }
.att .bg { fill: var(--panel); stroke: var(--line); stroke-width: 1; }
.att.present .bg, .att.absent .bg { fill: var(--panel); stroke: var(--line); }
.att.present .dot, .icon.att.present .dot { fill: var(--ok); }
.att.absent .sym, .icon.att.absent .sym { stroke: var(--miss); }
.att.unrecorded .sym, .icon.att.unrecorded .sym { stroke: var(--empty); stroke-width: 2; } .att.unrecorded .dot, .icon.att.unrecorded .dot { fill: var(--empty); }
.att.left .sym, .icon.att.left .sym { stroke: var(--na); }
.att.not-joined .bg { fill: none; stroke: var(--line); stroke-dasharray: 2 2; } .att.not-joined .dot, .icon.att.not-joined .dot { fill: var(--na); }
.chart text.total { font-variant-numeric: tabular-nums; }
.timeline .axis { stroke: var(--muted); stroke-width: 1.5; } .timeline .tick { stroke: var(--muted); }
.mark { fill: var(--muted); stroke: var(--bg); stroke-width: 1.5; }
.mark.beginning { fill: var(--beginning); } .mark.middle { fill: var(--middle); } .mark.ending { fill: var(--ending); }
.mark.plan, .mark.contract, .mark.ending-summary { fill: var(--fg); }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .7rem; border: 1px solid var(--line); font-size: .85em; white-space: nowrap; }
.badge.approved { border-color: var(--ok); color: var(--ok); } .badge.submitted { border-color: var(--s-information); color: var(--s-information); }
.badge.draft { color: var(--muted); border-style: dashed; } .badge.warn { border-color: var(--miss); color: var(--miss); }
.sev-error { color: var(--s-error); } .sev-warning { color: var(--s-warning); } .sev-information { color: var(--s-information); } .sev-hint { color: var(--s-hint); }
.zero { color: var(--na); }
ul.reviews { list-style: none; padding: 0; margin: .25rem 0; }
ul.reviews li { border-left: 3px solid var(--s-information); padding: .35rem .75rem; margin: .4rem 0; background: var(--panel); }
ul.reviews .text { display: block; white-space: pre-wrap; overflow-wrap: anywhere; }
.gist { overflow-wrap: anywhere; }
.elements-key { font-size: .88em; color: var(--muted); margin: .25rem 0 .75rem; }
.elements-key code { color: var(--fg); }
@media print { body { padding: 0; } h2 { break-before: page; } }
`;
