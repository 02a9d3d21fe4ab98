// Builds the VSIX with vsce (bundles only: --no-dependencies), then checks what went in and prints its size.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const { name, version } = JSON.parse(readFileSync('package.json', 'utf8'));
const out = `${name}-${version}.vsix`;
const vsce = spawnSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (vsce.status !== 0) { process.stderr.write(vsce.stdout); process.exit(vsce.status ?? 1); }
const list = spawnSync(process.execPath, ['node_modules/@vscode/vsce/vsce', 'ls', '--no-dependencies'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
const missing = ['out/extension.js', 'out/server.js', 'package.json'].filter((f) => !list.includes(f));
const stray = list.filter((f) => f.startsWith('node_modules/') || f.startsWith('out/test/') || f.endsWith('.ts'));
if (missing.length || stray.length) {
  process.stderr.write(`VSIX content is wrong:\n${missing.map((m) => `  missing ${m}`).join('\n')}\n${stray.map((s) => `  should not contain ${s}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`${out}: ${(statSync(out).size / 1024).toFixed(0)} KiB, ${list.length} files\n`);
