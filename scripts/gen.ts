import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { builtinCatalogue } from '../server/src/core/standards';
import { packSchema } from '../server/src/core/schema/catalogue';
import { groupSchema } from '../server/src/core/schema/group';
import { configSchema } from '../server/src/core/schema/config';
import { frontMatterSchema } from '../server/src/core/schema/record';
import { ruleDocs, rulesTable } from './ruleDocs';
import { snippetFiles } from './snippets';

/** Every generated file: path → content. */
function generate(): Map<string, string> {
  const cat = builtinCatalogue();
  const files = new Map<string, string>();
  const schema = (s: z.ZodType, id: string) => JSON.stringify({ $id: id, ...z.toJSONSchema(s, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) }, null, 2) + '\n';
  files.set('standards/schema/catalogue.schema.json', schema(packSchema, 'group-records/catalogue.schema.json'));
  files.set('standards/schema/group.schema.json', schema(groupSchema, 'group-records/group.schema.json'));
  files.set('standards/schema/config.schema.json', schema(configSchema, 'group-records/config.schema.json'));
  const fields = [...cat.elements.values()].flatMap((e) => e.fields);
  files.set('standards/schema/record.schema.json', schema(frontMatterSchema(fields), 'group-records/record.schema.json'));
  for (const [path, text] of ruleDocs(cat, fixtureExamples)) files.set(path, text);
  for (const [path, text] of snippetFiles(cat)) files.set(path, text);
  const readme = readFileSync('README.md', 'utf8');
  const table = rulesTable(cat);
  const replaced = readme.replace(/(<!-- rules:start -->\n)[^]*?(<!-- rules:end -->)/, `$1${table}$2`);
  files.set('README.md', replaced);
  return files;
}

function fixtureExamples(id: string): { pass?: string; fail?: string } {
  const dir = join('test/fixtures/rules', id);
  if (!existsSync(dir)) return {};
  const names = readdirSync(dir).sort();
  const pick = (prefix: string) => {
    const n = names.find((f) => f.startsWith(prefix) && f.endsWith('.md'));
    return n ? readFileSync(join(dir, n), 'utf8') : undefined;
  };
  return { pass: pick('pass-'), fail: pick('fail-') };
}

export function run(check: boolean): number {
  const files = generate();
  const drifted: string[] = [];
  for (const [path, text] of files) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === text) continue;
    if (check) drifted.push(path);
    else { mkdirSync(dirname(path), { recursive: true }); writeFileSync(path, text); }
  }
  const docs = new Set([...files.keys()].filter((p) => p.startsWith('docs/rules/')));
  if (existsSync('docs/rules')) {
    for (const f of readdirSync('docs/rules')) {
      if (docs.has(`docs/rules/${f}`)) continue;
      if (check) drifted.push(`docs/rules/${f} (no longer generated: delete it)`);
      else rmSync(`docs/rules/${f}`);
    }
  }
  if (drifted.length) {
    process.stderr.write(`Generated files are out of date; run \`npm run gen\` and commit:\n${drifted.map((d) => `  ${d}`).join('\n')}\n`);
    return 1;
  }
  if (!check) process.stdout.write(`generated ${files.size} files\n`);
  return 0;
}
