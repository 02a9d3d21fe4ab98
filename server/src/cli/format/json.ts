import type { FileResult } from '../results';
import { arrayChunks } from './jsonStream';

export function* jsonChunks(results: readonly FileResult[]): Generator<string> {
  yield* arrayChunks(results);
  yield '\n';
}
