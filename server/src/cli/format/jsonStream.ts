/**
 * JSON.stringify(value, null, 2) of an array, a piece per item: a 10,000-record report is tens of
 * megabytes as one string (twice that once a message has a curly quote), on top of the index it
 * is made from. `depth` is how deep the array sits in the document, for its indentation.
 */
export function* arrayChunks<T>(items: Iterable<T>, depth = 0): Generator<string> {
  const pad = '  '.repeat(depth + 1);
  let first = true;
  for (const item of items) {
    yield (first ? '[\n' : ',\n') + pad + JSON.stringify(item, null, 2).replace(/\n/g, '\n' + pad);
    first = false;
  }
  yield first ? '[]' : '\n' + '  '.repeat(depth) + ']';
}

/** Writes chunks to stdout in pieces of about 64 KB. */
export function writeChunks(chunks: Iterable<string>, write: (s: string) => void = (s) => process.stdout.write(s)): void {
  let buf = '';
  for (const c of chunks) {
    buf += c;
    if (buf.length >= 65536) { write(buf); buf = ''; }
  }
  if (buf) write(buf);
}
