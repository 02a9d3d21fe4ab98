// Generates the files derived from the catalogue and the zod schemas (JSON Schemas, rule docs,
// the README rules table), or with --check fails when the committed ones have drifted.
import * as esbuild from 'esbuild';
import { yamlAsJson } from './yamlPlugin.mjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const out = join(mkdtempSync(join(tmpdir(), 'group-records-gen-')), 'gen.cjs');
await esbuild.build({ entryPoints: ['scripts/gen.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: out, plugins: [yamlAsJson], logLevel: 'warning' });
const { run } = await import(pathToFileURL(out).href);
process.exitCode = run(process.argv.includes('--check'));
