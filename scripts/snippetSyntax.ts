/**
 * VS Code snippet syntax (`$1`, `${1:text}`, `${1|a,b|}`, `$VAR`, `${VAR:default}`), parsed
 * strictly: the generator renumbers skeletons with it and the tests expand templates with it, so a
 * malformed skeleton fails there instead of being inserted as literal text by the editor.
 */
export type SnippetNode =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; children: SnippetNode[]; choices?: string[]; numberStart: number; numberEnd: number }
  | { kind: 'variable'; name: string; children: SnippetNode[] };

export class SnippetSyntaxError extends Error {}

export function parseSnippet(src: string): SnippetNode[] {
  let i = 0;
  const fail = (msg: string): never => { throw new SnippetSyntaxError(`${msg} at ${i} in ${JSON.stringify(src.slice(Math.max(0, i - 20), i + 20))}`); };

  function digits(): [number, number] | undefined {
    const m = /^\d+/.exec(src.slice(i));
    if (!m) return undefined;
    const at: [number, number] = [i, i + m[0].length];
    i += m[0].length;
    return at;
  }

  // Inside a placeholder `}` ends it; at top level a bare `}` is text, as in VS Code.
  function nodes(nested: boolean): SnippetNode[] {
    const out: SnippetNode[] = [];
    let text = '';
    const flush = () => { if (text) { out.push({ kind: 'text', value: text }); text = ''; } };
    while (i < src.length) {
      const c = src[i];
      if (c === '\\' && '$}\\'.includes(src[i + 1] ?? '')) { text += src[i + 1]; i += 2; continue; }
      if (c === '}' && nested) break;
      if (c !== '$') { text += c; i++; continue; }
      const start = i;
      i++;
      const num = digits();
      if (num) { flush(); out.push({ kind: 'tabstop', index: Number(src.slice(...num)), children: [], numberStart: num[0], numberEnd: num[1] }); continue; }
      const name = /^[_a-zA-Z]\w*/.exec(src.slice(i));
      if (name) { flush(); i += name[0].length; out.push({ kind: 'variable', name: name[0], children: [] }); continue; }
      if (src[i] !== '{') { text += '$'; continue; }
      i++;
      flush();
      out.push(braced(start));
    }
    flush();
    return out;
  }

  function braced(start: number): SnippetNode {
    const num = digits();
    if (num) {
      const index = Number(src.slice(...num));
      const base = { kind: 'tabstop' as const, index, numberStart: num[0], numberEnd: num[1] };
      if (src[i] === '}') { i++; return { ...base, children: [] }; }
      if (src[i] === ':') { i++; const children = nodes(true); close(); return { ...base, children }; }
      if (src[i] === '|') { i++; return { ...base, children: [], choices: choices() }; }
      return fail('expected }, : or | after a tab stop number');
    }
    const name = /^[_a-zA-Z]\w*/.exec(src.slice(i));
    if (!name) return fail(`expected a tab stop or variable after \${ (opened at ${start})`);
    i += name[0].length;
    if (src[i] === '}') { i++; return { kind: 'variable', name: name[0], children: [] }; }
    if (src[i] === ':') { i++; const children = nodes(true); close(); return { kind: 'variable', name: name[0], children }; }
    return fail('variable transforms are not supported here');
  }

  function choices(): string[] {
    const out: string[] = [];
    let cur = '';
    for (;;) {
      if (i >= src.length) fail('unterminated choice');
      const c = src[i];
      if (c === '\\' && ',|\\'.includes(src[i + 1] ?? '')) { cur += src[i + 1]; i += 2; continue; }
      if (c === ',') { out.push(cur); cur = ''; i++; continue; }
      if (c === '|' && src[i + 1] === '}') { out.push(cur); i += 2; return out; }
      cur += c;
      i++;
    }
  }

  function close(): void {
    if (src[i] !== '}') fail('unterminated placeholder');
    i++;
  }

  return nodes(false);
}

/** Every tab stop, nested ones included, in document order. */
export function tabStops(nodes: readonly SnippetNode[]): Array<Extract<SnippetNode, { kind: 'tabstop' }>> {
  return nodes.flatMap((n) => (n.kind === 'text' ? [] : [...(n.kind === 'tabstop' ? [n] : []), ...tabStops(n.children)]));
}

/**
 * Shifts a snippet's tab stops (other than the final `$0`) to `next`, `next + 1`, …, keeping their
 * relative order and mirrors, so several skeletons can sit in one template without colliding.
 */
export function renumber(src: string, next: number): { text: string; next: number } {
  const stops = tabStops(parseSnippet(src)).filter((t) => t.index !== 0);
  const order = [...new Set(stops.map((t) => t.index))].sort((a, b) => a - b);
  const to = new Map(order.map((n, k) => [n, next + k]));
  let text = src;
  for (const t of [...stops].sort((a, b) => b.numberStart - a.numberStart)) {
    text = text.slice(0, t.numberStart) + String(to.get(t.index)) + text.slice(t.numberEnd);
  }
  return { text, next: next + order.length };
}

export interface ExpandOptions {
  /** Values of `$VAR` / `${VAR}`; a variable not given here uses its default, or fails without one. */
  variables?: Readonly<Record<string, string>>;
  /** What the user types at a tab stop; undefined keeps its default (placeholder text or first choice). */
  fill?: (index: number, defaultText: string) => string | undefined;
}

/** The text a snippet inserts when every tab stop keeps its default, as the editor would. */
export function expandSnippetText(src: string, opts: ExpandOptions = {}): string {
  const nodes = parseSnippet(src);
  // A bare `$1` mirrors the text of the `${1:…}` elsewhere in the snippet, as in the editor.
  const defaults = new Map<number, string>();
  const walk = (ns: readonly SnippetNode[]): string => ns.map((n) => {
    if (n.kind === 'text') return n.value;
    if (n.kind === 'variable') {
      const v = opts.variables?.[n.name];
      if (v !== undefined) return v;
      if (n.children.length) return walk(n.children);
      throw new SnippetSyntaxError(`unknown variable $${n.name}`);
    }
    const def = n.choices ? n.choices[0] : n.children.length ? walk(n.children) : defaults.get(n.index) ?? '';
    return opts.fill?.(n.index, def) ?? def;
  }).join('');
  for (const t of tabStops(nodes)) {
    if (!defaults.has(t.index) && (t.choices || t.children.length)) defaults.set(t.index, t.choices ? t.choices[0] : walk(t.children));
  }
  return walk(nodes);
}

/** Escapes text so a snippet inserts it literally. */
export function escapeSnippetText(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}
