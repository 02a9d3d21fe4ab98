import type { Catalogue } from '../../core/catalogue';
import type { FileResult } from '../results';
import { ruleDocUrl } from '../../core/docs';
import { DOCS_BASE } from '../paths';
import { arrayChunks } from './jsonStream';

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

/** SARIF 2.1.0: one reportingDescriptor per rule id, with its citation and documentation link. */
export function* sarifChunks(results: readonly FileResult[], cat: Catalogue, version: string): Generator<string> {
  const ids = [...cat.elements.keys(), ...cat.rules.keys()];
  const rules = ids.map((id) => {
    const e = cat.elements.get(id);
    const r = cat.rules.get(id);
    const cite = e?.cite ?? r?.cite ?? [];
    return {
      id,
      name: id.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase()),
      shortDescription: { text: e ? `${e.title} (${cite.join(', ')})` : r!.title },
      fullDescription: { text: e ? e.guidance.trim() : r!.description.trim() },
      helpUri: ruleDocUrl(id, DOCS_BASE),
      defaultConfiguration: { level: e ? (e.levels.some((l) => l.level === 'required') ? 'error' : 'warning') : LEVEL[r!.severity] },
      properties: { standard: cite.join(', '), citations: cite, tags: ['aaswg-standards'] },
    };
  });
  const index = new Map(ids.map((id, i) => [id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'group-records', semanticVersion: version, rules } },
      columnKind: 'utf16CodeUnits',
      results: RESULTS,
    }],
  };
  const [head, tail] = JSON.stringify(sarif, null, 2).split(JSON.stringify(RESULTS));
  yield head;
  // runs[0].results sits three levels deep; its items are written one at a time.
  yield* arrayChunks(sarifResults(results, index), 3);
  yield tail + '\n';
}

const RESULTS = '\u0000results\u0000';

function* sarifResults(results: readonly FileResult[], index: ReadonlyMap<string, number>) {
  for (const f of results) {
    for (const d of f.diagnostics) {
      yield {
        ruleId: d.code,
        ...(index.has(d.code) ? { ruleIndex: index.get(d.code) } : {}),
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: {
          artifactLocation: { uri: encodeURI(f.file) },
          region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
        } }],
        ...(d.standard ? { properties: { standard: d.standard } } : {}),
      };
    }
  }
}
