import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { TextSource } from '../workspace/checkFile';

/** Bytes read of one file; a larger file is read in part and reported (record.limit). */
export const MAX_READ_BYTES = 4 * 1024 * 1024;

const strict = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder('utf-8', { fatal: false });

/** Reads a file as UTF-8 without ever throwing: problems come back as data. */
export function readSource(path: string): TextSource {
  let fd: number | undefined;
  try {
    // Non-blocking, so a FIFO named *.md cannot stall the run waiting for a writer; then only regular files are read.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile()) return { text: '', problem: { kind: 'unreadable', detail: st.isDirectory() ? 'EISDIR (a folder)' : 'not a regular file (a pipe, socket or device)' } };
    const size = st.size;
    const want = Math.min(size, MAX_READ_BYTES);
    const buf = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const n = readSync(fd, buf, got, want - got, got);
      if (n === 0) break;
      got += n;
    }
    const bytes = buf.subarray(0, got);
    const nul = bytes.indexOf(0);
    if (nul >= 0) return { text: '', size, problem: { kind: 'binary', offset: nul } };
    // A cut may split a multi-byte character: back up to a character boundary.
    let end = bytes.length;
    if (size > got) while (end > 0 && (bytes[end - 1] & 0xc0) === 0x80) end--;
    if (size > got && end > 0 && bytes[end - 1] >= 0xc0) end--;
    const slice = bytes.subarray(0, end);
    try {
      const text = strict.decode(slice);
      return size > got ? { text, size, problem: { kind: 'too-large' } } : { text };
    } catch {
      const text = lossy.decode(slice);
      return { text, size, problem: { kind: 'invalid-utf8', offset: Math.max(0, text.indexOf('\uFFFD')) } };
    }
  } catch (err) {
    return { text: '', problem: { kind: 'unreadable', detail: (err as NodeJS.ErrnoException).code ?? (err as Error).message } };
  } finally {
    if (fd !== undefined) try { closeSync(fd); } catch { /* already closed */ }
  }
}
