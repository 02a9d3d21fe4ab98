import { createHash } from 'node:crypto';

const ADDENDUM = /^#{1,6}[ \t]+Addendum/im;

/** The approved part of a record, exactly as spec §6 defines it (after BOM and line-ending normalisation). */
export function approvedBody(text: string): string {
  let t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  t = t.replace(/\r\n?/g, '\n');
  const open = /^---[ \t]*\n/.exec(t);
  let body = t;
  if (open) {
    const close = /^---[ \t]*(?:\n|$)/m;
    const rest = t.slice(open[0].length);
    const m = close.exec(rest);
    body = m ? rest.slice(m.index + m[0].length) : '';
  }
  const a = ADDENDUM.exec(body);
  return a ? body.slice(0, a.index) : body;
}

export function approvalHash(text: string): string {
  return 'sha256:' + createHash('sha256').update(approvedBody(text), 'utf8').digest('hex');
}

/** Offset (in the original text) where the first addendum heading starts, if any. */
export function addendumOffset(text: string, bodyStart: number): number | undefined {
  const re = /^#{1,6}[ \t]+Addendum/gim;
  re.lastIndex = bodyStart;
  const m = re.exec(text);
  return m ? m.index : undefined;
}
