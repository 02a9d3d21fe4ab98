/** "Did you mean" by edit distance (Damerau: transpositions count as one typo). */
export function distance(a: string, b: string): number {
  const m = a.length, n = b.length;
  if (Math.abs(m - n) > 3) return Math.abs(m - n);
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => [i, ...new Array<number>(n).fill(0)]);
  for (let j = 1; j <= n; j++) d[0][j] = j;
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

const fold = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/** The closest candidate, if close enough to be a likely typo (or the same word written differently). */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const x = fold(input);
  if (!x) return undefined;
  let best: string | undefined, bestD = Infinity;
  for (const c of candidates) {
    const y = fold(c);
    let d = distance(x, y);
    if (d > 0 && (y.startsWith(x) || x.startsWith(y)) && Math.min(x.length, y.length) >= 3) d = Math.min(d, 1);
    if (d < bestD) { bestD = d; best = c; }
  }
  if (best === undefined) return undefined;
  const limit = x.length <= 4 ? 1 : x.length <= 8 ? 2 : 3;
  return bestD <= limit ? best : undefined;
}
