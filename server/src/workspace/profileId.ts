import { isMap, isScalar, parseDocument } from 'yaml';
import { yamlTooDeep } from '../core/frontmatter';
import { MAX_PROFILE_CHARS } from './profile';
import type { Span } from '../core/text';

/** Where a group's own findings sit in group.yaml: its `id` value, or line 1 when there is none. */
export function profileIdSpan(text: string): Span {
  const firstLine = { start: 0, end: Math.max(0, text.search(/\r|\n|$/)) };
  if (text.length > MAX_PROFILE_CHARS || yamlTooDeep(text) !== undefined) return firstLine;
  try {
    const doc = parseDocument(text, { version: '1.2', schema: 'core', uniqueKeys: false });
    if (!isMap(doc.contents)) return firstLine;
    const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'id');
    const node = pair?.value as { range?: [number, number] } | null | undefined;
    if (node?.range && node.range[1] > node.range[0]) return { start: node.range[0], end: node.range[1] };
    const key = pair?.key as { range?: [number, number] } | undefined;
    return key?.range ? { start: key.range[0], end: key.range[1] } : firstLine;
  } catch {
    return firstLine;
  }
}
