import type { FileResult } from '../results';

const useColor = () => !!process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, s: string) => (useColor() ? `\x1b[${code}m${s}\x1b[0m` : s);
const SEV = { error: ['31', 'error'], warning: ['33', 'warning'], information: ['36', 'info'], hint: ['90', 'hint'] } as const;

/** eslint-style: a block per file, a line per finding, then totals. */
export function* stylishChunks(results: readonly FileResult[], checked: number): Generator<string> {
  const totals = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    if (!r.diagnostics.length) continue;
    const out = [paint('4', r.file)];
    for (const d of r.diagnostics) {
      totals[d.severity]++;
      const [color, label] = SEV[d.severity];
      const pos = `${d.range.start.line + 1}:${d.range.start.character + 1}`.padEnd(8);
      out.push(`  ${pos}${paint(color, label.padEnd(8))}${d.message}  ${paint('90', d.code + (d.standard ? ` (${d.standard})` : ''))}`);
    }
    out.push('', '');
    yield out.join('\n');
  }
  const n = (k: keyof typeof totals, word: string) => `${totals[k]} ${word}${totals[k] === 1 ? '' : 's'}`;
  const summary = `${checked} file${checked === 1 ? '' : 's'} checked: ${n('error', 'error')}, ${n('warning', 'warning')}, ${totals.information} information`;
  yield (totals.error ? paint('31', `✖ ${summary}`) : paint('32', `✔ ${summary}`)) + '\n';
}
