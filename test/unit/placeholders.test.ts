import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cat } from '../helpers';
import { normalizePlaceholder } from '../../server/src/core/catalogue';
import { isRealContent } from '../../server/src/core/record';

/** isRealContent as it was before its length shortcut: every line normalized. */
function slowIsReal(source: string): boolean {
  const c = cat();
  const text = source.includes('<!--') ? source.replace(/<!--[^]*?(?:-->|$)/g, ' ') : source;
  for (const line of text.split(/\r\n|\n|\r/)) {
    const l = line.replace(/^[ \t>]*(?:[-*+]|\d{1,9}[.)])?[ \t]*(?:\[[ xX]\][ \t]*)?/, '').replace(/^\|?[\s|:-]*$/, '').replace(/\|/g, ' ').trim();
    if (!l || !/[\p{L}\p{N}]/u.test(l)) continue;
    if (!c.placeholders.has(normalizePlaceholder(l))) return true;
  }
  return false;
}

describe('placeholders: the length shortcut decides as normalizing does', () => {
  it('on placeholders dressed in marks, spaces and punctuation, and on prose', () => {
    const words = [...cat().placeholders, 'to be completed', 'lorem ipsum', 'The group met', 'İİİİİİİİİİ', 'x'.repeat(40)];
    const dress = fc.constantFrom('', '', '*', '**', '_', '`', '~', '"', "'", '“', '”', '(', ')', '[', ']', '<', '>', '.', ':', '...', '?!', ' ', '   ', '\u2003', '\u00a0\u00a0', '\t', '\u3000\u3000\u3000', 'é');
    const line = fc.tuple(fc.array(dress, { maxLength: 6 }), fc.constantFrom(...words), fc.array(dress, { maxLength: 6 }), fc.array(dress, { maxLength: 8 }))
      .map(([a, w, b, mid]) => a.join('') + w.split(' ').join(mid.join('') || ' ') + b.join(''));
    fc.assert(fc.property(line, (l) => { assert.equal(isRealContent(l, cat()), slowIsReal(l), JSON.stringify(l)); }), { numRuns: 3000 });
  });
});
