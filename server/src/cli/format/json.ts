import type { FileResult } from '../results';

export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(results, null, 2) + '\n';
}
