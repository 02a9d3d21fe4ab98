import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Catalogue } from '../../server/src/core/catalogue';
import type { Finding } from '../../server/src/core/findings';
import { parseRecord } from '../../server/src/core/record';
import { applyRoleAndRules, teachingNote } from '../../server/src/core/severity';
import { builtinCatalogue } from '../../server/src/core/standards';
import { checkRecordFile } from '../../server/src/workspace/checkFile';
import { findConfig, loadConfig, type LoadedConfig } from '../../server/src/workspace/config';
import { ProfileSet } from '../../server/src/workspace/profiles';
import { DEFAULT_GROUP, newElementPack, readFixture, ROOT } from '../helpers';

let tmp: string;
before(() => { tmp = realpathSync(mkdtempSync(join(tmpdir(), 'group-records-config-'))); });
after(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A fresh workspace folder with the given files; returns its root. */
function workspace(files: Record<string, string>): string {
  const root = join(tmp, `ws${++n}`, 'project');
  mkdirSync(root, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

function load(config: string, files: Record<string, string> = {}, opts: { trusted?: boolean } = {}): LoadedConfig {
  const root = workspace({ '.group-records.yaml': config, ...files });
  return loadConfig(join(root, '.group-records.yaml'), opts);
}

/** `line:column` (1-based) of a finding, and the text it covers. */
const at = (l: LoadedConfig, f: Finding) => {
  const p = l.lines.positionAt(f.span.start);
  return `${p.line + 1}:${p.character + 1} ${l.text.slice(f.span.start, f.span.end)}`;
};
const only = (l: LoadedConfig): Finding => {
  assert.equal(l.findings.length, 1, l.findings.map((f) => `${at(l, f)} ${f.message}`).join('\n'));
  return l.findings[0];
};

const CONTRACT = readFixture('contract.norms', 'fail-missing-norms.md');
function checkWith(cat: Catalogue, text = CONTRACT): Finding[] {
  const profiles = new ProfileSet();
  profiles.add('/virtual/group/group.yaml', DEFAULT_GROUP);
  return checkRecordFile('/virtual/group/contract.md', { text }, cat, profiles).findings;
}
const CONTRACT_WITH = (heading: string) => CONTRACT.replace('# Contract — Caregivers\' Support Circle <!-- expect: contract.norms -->', '# Contract').replace(/## Purpose of the group/, `## ${heading}`);

describe('config: reading .group-records.yaml', () => {
  it('an empty file means the defaults and the built-in catalogue itself', () => {
    const l = load('');
    assert.deepEqual(l.findings, []);
    assert.deepEqual(l.config, { profile: 'worker', rules: {}, standards: [], phrases: {}, privacy: { allow: [] } });
    assert.equal(l.catalogue, builtinCatalogue());
  });

  it('reads every key', () => {
    const l = load('profile: supervisor\nrules: { note.obstacles: off, contract.norms: error, privacy.identifier: information }\nprivacy:\n  allow: ["555-0100", "12 Main St"]\n');
    assert.deepEqual(l.findings, []);
    assert.equal(l.config.profile, 'supervisor');
    assert.deepEqual(l.config.rules, { 'note.obstacles': 'off', 'contract.norms': 'error', 'privacy.identifier': 'information' });
    assert.deepEqual(l.config.privacy.allow, ['555-0100', '12 Main St']);
  });

  it('settings that do not extend the catalogue keep the built-in catalogue object', () => {
    const l = load('profile: student\nrules: { contract.norms: error }\nprivacy: { allow: ["555-0100"] }\n');
    assert.equal(l.catalogue, builtinCatalogue());
  });

  it('profile defaults to worker', () => {
    assert.equal(load('rules: {}\n').config.profile, 'worker');
  });

  it('empty sections are not mistakes', () => {
    const l = load('rules:\nstandards:\nphrases:\nprivacy:\n  allow:\n');
    assert.deepEqual(l.findings, []);
    assert.deepEqual(l.config.privacy.allow, []);
  });

  it('an unknown top-level key is flagged at the key, with did-you-mean', () => {
    const l = load('profle: student\n');
    const f = only(l);
    assert.equal(f.ruleId, 'config.invalid');
    assert.equal(f.severity, 'error');
    assert.equal(at(l, f), '1:1 profle');
    assert.match(f.message, /Unknown key `profle`: did you mean `profile`\?/);
    assert.equal(l.config.profile, 'worker');
  });

  it('an unknown key with no near match lists the keys', () => {
    const f = only(load('colour: blue\n'));
    assert.match(f.message, /the keys are profile, rules, standards, phrases, privacy/);
  });

  it('a rule id written at the top level is pointed to rules:', () => {
    const l = load('profile: worker\ncontract.norms: off\n');
    const f = only(l);
    assert.equal(at(l, f), '2:1 contract.norms');
    assert.match(f.message, /go under `rules:`/);
  });

  it('a bad profile value is flagged at the value, with did-you-mean; the rest still applies', () => {
    const l = load('profile: studnet\nrules:\n  contract.norms: error\n');
    const f = only(l);
    assert.equal(at(l, f), '1:10 studnet');
    assert.match(f.message, /`studnet` is not a role profile: use student, worker, supervisor\. Did you mean `student`\?/);
    assert.equal(l.config.profile, 'worker');
    assert.deepEqual(l.config.rules, { 'contract.norms': 'error' });
  });

  it('a profile that is not text is flagged at the value', () => {
    const l = load('profile: 3\n');
    assert.equal(at(l, only(l)), '1:10 3');
  });

  it('a bad severity is flagged at the value, with did-you-mean; other rules still apply', () => {
    const l = load('rules:\n  contract.norms: warn\n  note.obstacles: off\n');
    const f = only(l);
    assert.equal(at(l, f), '2:19 warn');
    assert.match(f.message, /`warn` is not a rule setting: use off, information, warning, error\. Did you mean `warning`\?/);
    assert.deepEqual(l.config.rules, { 'note.obstacles': 'off' });
  });

  it('`info` suggests `information`', () => {
    assert.match(only(load('rules: { review.open: info }\n')).message, /Did you mean `information`\?/);
  });

  it('an unknown rule id is flagged at the key, with did-you-mean over rule and element ids', () => {
    const l = load('rules:\n  contract.purpse: error\n  privacy.identifer: off\n');
    assert.deepEqual(l.findings.map((f) => at(l, f)), ['2:3 contract.purpse', '3:3 privacy.identifer']);
    assert.match(l.findings[0].message, /Unknown rule id `contract.purpse`: did you mean `contract.purpose`\?/);
    assert.match(l.findings[1].message, /did you mean `privacy.identifier`\?/);
    assert.deepEqual(l.config.rules, {});
  });

  it('element ids are rule ids', () => {
    const l = load('rules: { contract.purpose: warning, config.invalid: warning, record.empty-section: off }\n');
    assert.deepEqual(l.findings, []);
  });

  it('a rule id that does not look like one is reported once, with did-you-mean', () => {
    const l = load('rules:\n  Contract.Norms: error\n');
    const f = only(l);
    assert.equal(at(l, f), '2:3 Contract.Norms');
    assert.match(f.message, /did you mean `contract.norms`\?/);
  });

  it('an unknown rule id with nothing close says so plainly', () => {
    assert.match(only(load('rules: { foo.bar: off }\n')).message, /^Unknown rule id `foo.bar`\.$/);
  });

  it('rules that are not a mapping are flagged at the value', () => {
    const l = load('rules: contract.norms\n');
    const f = only(l);
    assert.equal(at(l, f), '1:8 contract.norms');
    assert.match(f.message, /expected rule settings/);
  });

  it('an unknown element id in phrases is flagged at the key, with did-you-mean', () => {
    const l = load('phrases:\n  contract.purpse: ["Why we gather"]\n');
    const f = only(l);
    assert.equal(at(l, f), '2:3 contract.purpse');
    assert.match(f.message, /Unknown element id `contract.purpse`: did you mean `contract.purpose`\?/);
    assert.deepEqual(l.config.phrases, {});
    assert.equal(l.catalogue, builtinCatalogue());
  });

  it('a rule that is not an element cannot take phrases', () => {
    const l = load('phrases: { privacy.identifier: [Contacts] }\n');
    assert.match(only(l).message, /is a rule, not an element/);
  });

  it('phrases that are not a list are flagged at the value', () => {
    const l = load('phrases:\n  contract.purpose: Why we gather\n');
    const f = only(l);
    assert.equal(at(l, f), '2:21 Why we gather');
    assert.match(f.message, /expected a list of heading wordings/);
  });

  it('an empty phrase is flagged at the item', () => {
    const l = load('phrases:\n  contract.purpose: ["Why we gather", ""]\n');
    const f = only(l);
    assert.equal(l.lines.positionAt(f.span.start).line, 1);
    assert.equal(l.lines.positionAt(f.span.start).character, 38);
  });

  it('privacy.allow is read, and an unknown privacy key suggests allow', () => {
    const l = load('privacy:\n  alow: ["555-0100"]\n');
    const f = only(l);
    assert.equal(at(l, f), '2:3 alow');
    assert.match(f.message, /Unknown key `alow` in `privacy`: did you mean `allow`\?/);
  });

  it('a privacy.allow item that is not text is flagged at the item; the others stay', () => {
    const l = load('privacy:\n  allow: ["555-0100", 5550100, "12 Main St"]\n');
    const f = only(l);
    assert.equal(at(l, f), '2:23 5550100');
    assert.deepEqual(l.config.privacy.allow, ['555-0100', '12 Main St']);
  });

  it('standards that are not a list are flagged at the value', () => {
    const l = load('standards: ./agency/extra.yaml\n');
    const f = only(l);
    assert.equal(at(l, f), '1:12 ./agency/extra.yaml');
    assert.match(f.message, /expected a list of paths/);
  });

  it('invalid YAML is flagged at the position of the error, and the defaults apply', () => {
    const l = load('profile: supervisor\nprofile: student\n');
    const f = only(l);
    assert.equal(at(l, f), '2:1 p');
    assert.match(f.message, /^Invalid YAML: .*unique/i);
    assert.equal(l.config.profile, 'worker');
  });

  it('an unclosed flow mapping is invalid YAML at its position', () => {
    const l = load('profile: worker\nrules: { contract.norms: error\n');
    assert.ok(l.findings.length >= 1);
    assert.ok(l.findings.every((f) => f.message.startsWith('Invalid YAML')));
    assert.ok(l.lines.positionAt(l.findings[0].span.start).line >= 1);
  });

  it('an alias bomb is refused at its value; other keys still apply', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 6 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)];
    const text = `profile: supervisor\nprivacy:\n  allow: &p ["x"]\nphrases: { contract.purpose: *p }\nstandards:\n  - &z\n    ${bomb.join('\n    ')}\n`;
    const l = load(text);
    const alias = l.findings.filter((f) => /aliases are limited/.test(f.message));
    assert.equal(alias.length, 1, l.findings.map((f) => f.message).join('\n'));
    assert.equal(l.lines.positionAt(alias[0].span.start).line, 5);
    assert.equal(l.config.profile, 'supervisor');
  });

  it('a list instead of a mapping is flagged', () => {
    const l = load('- profile\n- worker\n');
    assert.match(only(l).message, /set of `key: value` lines/);
  });

  it('`__proto__` is an unknown key and changes nothing', () => {
    const l = load('__proto__: { profile: supervisor }\n');
    assert.match(only(l).message, /Unknown key `__proto__`/);
    assert.equal(l.config.profile, 'worker');
    assert.equal(({} as { profile?: string }).profile, undefined);
  });

  it('positions hold with CRLF line ends', () => {
    const l = load('profile: worker\r\nrules:\r\n  contract.purpse: error\r\n');
    assert.equal(at(l, only(l)), '3:3 contract.purpse');
  });

  it('a missing file is a finding, not an exception', () => {
    const l = loadConfig(join(tmp, 'nowhere', '.group-records.yaml'));
    assert.match(only(l).message, /was not found; the defaults apply/);
    assert.equal(l.config.profile, 'worker');
    assert.equal(l.catalogue, builtinCatalogue());
  });

  it('an oversize configuration is not parsed', () => {
    const l = loadConfig(join(tmp, 'virtual', '.group-records.yaml'), { text: `# ${'x'.repeat(1024 * 1024 + 10)}\nprofile: supervisor\n` });
    assert.match(only(l).message, /at most 1024 KB/);
    assert.equal(l.config.profile, 'worker');
  });

  it('text given by the editor is used instead of the file', () => {
    const root = workspace({ '.group-records.yaml': 'profile: student\n' });
    assert.equal(loadConfig(join(root, '.group-records.yaml'), { text: 'profile: supervisor\n' }).config.profile, 'supervisor');
  });
});

describe('config: docs/configuration.md', () => {
  it('its example file and pack load without a finding', () => {
    const blocks = [...readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8').matchAll(/```yaml\n([^]*?)```/g)].map((m) => m[1]);
    const l = load(blocks[0], { 'agency/extra-rules.yaml': blocks[1] });
    assert.deepEqual(l.findings.map((f) => f.message), []);
    assert.equal(l.catalogue.elements.get('contract.norms')!.levels[0].level, 'required');
    assert.ok(l.catalogue.elements.get('contract.purpose')!.phrases.includes('Why we meet'));
  });
});

describe('config: findConfig', () => {
  it('finds the file in the folder or above it, and from a file path', () => {
    const root = workspace({ '.group-records.yaml': '', 'groups/teen/notes/s1.md': '' });
    const want = join(root, '.group-records.yaml');
    assert.equal(findConfig(root), want);
    assert.equal(findConfig(join(root, 'groups/teen/notes')), want);
    assert.equal(findConfig(join(root, 'groups/teen/notes/s1.md')), want);
  });

  it('the nearest one wins', () => {
    const root = workspace({ '.group-records.yaml': '', 'agency/.group-records.yaml': '', 'agency/teen/x.md': '' });
    assert.equal(findConfig(join(root, 'agency/teen')), join(root, 'agency/.group-records.yaml'));
  });

  it('a folder named like the file is not the file', () => {
    const root = workspace({ 'a/.group-records.yaml/x': '', '.group-records.yaml': '' });
    assert.equal(findConfig(join(root, 'a')), join(root, '.group-records.yaml'));
  });
});

const PHRASE_PACK = `version: 1
patches:
  - id: contract.purpose
    phrases: ["Raison d'etre of the circle"]
`;
const LEVEL_PACK = `version: 1
patches:
  - id: contract.norms
    levels:
      - level: required
        because: by agency policy
`;
const NEW_ELEMENT_PACK = newElementPack('contract.agency-policy', 'Agency policy');

describe('config: standards packs', () => {
  it('a pack that adds a phrase makes an unrecognised heading name the element', () => {
    const before = parseRecord(CONTRACT_WITH("Raison d'etre of the circle"), builtinCatalogue());
    assert.ok(!before.sections.some((s) => s.elements.includes('contract.purpose')));
    const l = load('standards: [./agency/phrases.yaml]\n', { 'agency/phrases.yaml': PHRASE_PACK });
    assert.deepEqual(l.findings, []);
    assert.notEqual(l.catalogue, builtinCatalogue());
    const after = parseRecord(CONTRACT_WITH("Raison d'etre of the circle"), l.catalogue);
    assert.ok(after.sections.some((s) => s.elements.includes('contract.purpose')));
    assert.ok(checkWith(builtinCatalogue(), CONTRACT_WITH("Raison d'etre of the circle")).some((f) => f.ruleId === 'contract.purpose'));
    assert.ok(!checkWith(l.catalogue, CONTRACT_WITH("Raison d'etre of the circle")).some((f) => f.ruleId === 'contract.purpose'));
    assert.deepEqual(l.packs, [join(dirname(l.path), 'agency/phrases.yaml')]);
  });

  it('a pack that changes an element level changes the finding', () => {
    const builtin = checkWith(builtinCatalogue()).find((f) => f.ruleId === 'contract.norms')!;
    assert.equal(builtin.severity, 'warning');
    const l = load('standards:\n  - agency/level.yaml\n', { 'agency/level.yaml': LEVEL_PACK });
    assert.deepEqual(l.findings, []);
    const f = checkWith(l.catalogue).find((x) => x.ruleId === 'contract.norms')!;
    assert.equal(f.severity, 'error');
    assert.equal(f.level, 'required');
    assert.match(f.message, /by agency policy/);
    assert.equal(builtinCatalogue().elements.get('contract.norms')!.levels[0].level, 'recommended');
  });

  it('a pack that adds an element; its id is then a known rule id', () => {
    const l = load('standards: [agency/new.yaml]\nrules: { contract.agency-policy: warning }\nphrases: { contract.agency-policy: [Policies] }\n', { 'agency/new.yaml': NEW_ELEMENT_PACK });
    assert.deepEqual(l.findings, []);
    assert.deepEqual(l.config.rules, { 'contract.agency-policy': 'warning' });
    assert.ok(checkWith(l.catalogue).some((f) => f.ruleId === 'contract.agency-policy'));
    assert.ok(!checkWith(l.catalogue, CONTRACT + '\n## Policies\n\nMembers read and signed the agency policy.\n').some((f) => f.ruleId === 'contract.agency-policy'));
  });

  it('a pack outside the workspace via ../ is refused at its item and changes nothing', () => {
    const root = workspace({ '.group-records.yaml': 'standards:\n  - ../outside.yaml\n' });
    writeFileSync(join(root, '../outside.yaml'), PHRASE_PACK);
    const l = loadConfig(join(root, '.group-records.yaml'));
    const f = only(l);
    assert.equal(at(l, f), '2:5 ../outside.yaml');
    assert.match(f.message, /not applied: `..\/outside.yaml` is outside the workspace/);
    assert.equal(l.catalogue, builtinCatalogue());
    assert.deepEqual(l.packs, []);
  });

  it('a path that goes in and back out is refused too', () => {
    const l = load('standards: [agency/../../outside.yaml]\n');
    assert.match(only(l).message, /outside the workspace/);
  });

  it('a backslash escape is refused on every platform', () => {
    const l = load('standards: ["..\\\\outside.yaml"]\n');
    assert.match(only(l).message, /outside the workspace/);
  });

  it('an absolute path is refused', () => {
    const root = workspace({ 'agency/phrases.yaml': PHRASE_PACK });
    const abs = join(root, 'agency/phrases.yaml');
    writeFileSync(join(root, '.group-records.yaml'), `standards:\n  - ${abs}\n`);
    const l = loadConfig(join(root, '.group-records.yaml'));
    const f = only(l);
    assert.equal(at(l, f), `2:5 ${abs}`);
    assert.match(f.message, /is an absolute path/);
    assert.equal(l.catalogue, builtinCatalogue());
  });

  it('a Windows absolute path is refused', () => {
    assert.match(only(load('standards: ["C:\\\\agency\\\\x.yaml"]\n')).message, /is an absolute path/);
  });

  it('a symlink whose real path leaves the workspace is refused', () => {
    const root = workspace({ '.group-records.yaml': 'standards: [agency/linked.yaml]\n' });
    const outside = join(root, '..', 'secret.yaml');
    writeFileSync(outside, PHRASE_PACK);
    mkdirSync(join(root, 'agency'));
    symlinkSync(outside, join(root, 'agency/linked.yaml'));
    const l = loadConfig(join(root, '.group-records.yaml'));
    const f = only(l);
    assert.equal(at(l, f), '1:13 agency/linked.yaml');
    assert.match(f.message, /is a link to .*secret\.yaml, outside the workspace/);
    assert.equal(l.catalogue, builtinCatalogue());
  });

  it('a symlinked folder that leaves the workspace is refused', () => {
    const root = workspace({ '.group-records.yaml': 'standards: [shared/phrases.yaml]\n' });
    mkdirSync(join(root, '..', 'elsewhere'));
    writeFileSync(join(root, '..', 'elsewhere', 'phrases.yaml'), PHRASE_PACK);
    symlinkSync(join(root, '..', 'elsewhere'), join(root, 'shared'));
    assert.match(only(loadConfig(join(root, '.group-records.yaml'))).message, /outside the workspace/);
  });

  it('a symlink that stays inside the workspace is fine', () => {
    const root = workspace({ '.group-records.yaml': 'standards: [current.yaml]\n', 'agency/v2.yaml': PHRASE_PACK });
    symlinkSync(join(root, 'agency/v2.yaml'), join(root, 'current.yaml'));
    const l = loadConfig(join(root, '.group-records.yaml'));
    assert.deepEqual(l.findings, []);
    assert.notEqual(l.catalogue, builtinCatalogue());
  });

  it('a missing pack is refused at its item', () => {
    const l = load('profile: worker\nstandards:\n  - ./agency/missing.yaml\n');
    const f = only(l);
    assert.equal(at(l, f), '3:5 ./agency/missing.yaml');
    assert.match(f.message, /`.\/agency\/missing.yaml` was not found/);
  });

  it('a folder is not a pack', () => {
    const l = load('standards: [agency.yaml]\n', { 'agency.yaml/x': '' });
    assert.match(only(l).message, /is a folder/);
  });

  it('only YAML data files are packs', () => {
    const l = load('standards: [agency/rules.js]\n', { 'agency/rules.js': 'module.exports = {}' });
    assert.match(only(l).message, /not a YAML data file/);
  });

  it('a malformed YAML pack is refused with its own file:line:col', () => {
    const l = load('standards:\n  - agency/bad.yaml\n', { 'agency/bad.yaml': 'version: 1\npatches:\n  - id: contract.purpose\n   phrases: [x]\n' });
    const f = only(l);
    assert.equal(at(l, f), '2:5 agency/bad.yaml');
    assert.match(f.message, /Standards pack `agency\/bad.yaml` not applied: it does not fit the standards format \(agency\/bad.yaml:\d+:\d+: /);
    assert.equal(l.catalogue, builtinCatalogue());
  });

  it('a pack that fails the catalogue schema is refused with the problem and its position', () => {
    const l = load('standards: [agency/invalid.yaml]\n', { 'agency/invalid.yaml': 'version: 1\npatches:\n  - id: contract.purpose\n    phrases: Purpose\n' });
    const f = only(l);
    assert.match(f.message, /agency\/invalid.yaml:4:14: patches.0.phrases: /);
    assert.equal(l.catalogue, builtinCatalogue());
  });

  it('a pack that is not a pack at all is refused', () => {
    const l = load('standards: [notes.yaml]\n', { 'notes.yaml': 'shopping: [milk]\n' });
    assert.match(only(l).message, /does not fit the standards format/);
  });

  it('a pack that conflicts with the catalogue is refused', () => {
    const dup = NEW_ELEMENT_PACK.replace('contract.agency-policy', 'contract.purpose');
    const l = load('standards: [agency/dup.yaml]\n', { 'agency/dup.yaml': dup });
    assert.match(only(l).message, /conflicts with the standards already loaded \(agency\/dup.yaml: element contract.purpose is defined twice\)/);
    assert.equal(l.catalogue, builtinCatalogue());
  });

  it('a pack that patches an element nobody defines is refused', () => {
    const l = load('standards: [agency/ghost.yaml]\n', { 'agency/ghost.yaml': PHRASE_PACK.replace('contract.purpose', 'contract.ghost') });
    assert.match(only(l).message, /patches: no element contract.ghost/);
  });

  it('one refused pack costs only itself', () => {
    const l = load('standards:\n  - ../x.yaml\n  - agency/level.yaml\n  - agency/missing.yaml\n  - agency/phrases.yaml\n', { 'agency/level.yaml': LEVEL_PACK, 'agency/phrases.yaml': PHRASE_PACK });
    assert.deepEqual(l.findings.map((f) => at(l, f)), ['2:5 ../x.yaml', '4:5 agency/missing.yaml']);
    assert.equal(l.catalogue.elements.get('contract.norms')!.levels[0].level, 'required');
    assert.ok(l.catalogue.elements.get('contract.purpose')!.phrases.includes("Raison d'etre of the circle"));
    assert.equal(l.packs.length, 2);
  });

  it('a rule id from a refused pack says the pack may define it', () => {
    const l = load('standards: [agency/missing.yaml]\nrules: { contract.agency-policy: off }\n');
    assert.equal(l.findings.length, 2);
    assert.match(l.findings[1].message, /may be defined by a standards pack that was not applied/);
  });

  it('a pack listed twice is applied once', () => {
    const l = load('standards: [agency/phrases.yaml, ./agency/phrases.yaml]\n', { 'agency/phrases.yaml': PHRASE_PACK });
    const f = only(l);
    assert.equal(f.severity, 'warning');
    assert.equal(at(l, f), '1:34 ./agency/phrases.yaml');
  });

  it('a pack item that is not a path is flagged at the item', () => {
    const l = load('standards:\n  - 42\n  - agency/phrases.yaml\n', { 'agency/phrases.yaml': PHRASE_PACK });
    assert.equal(at(l, only(l)), '2:5 42');
    assert.notEqual(l.catalogue, builtinCatalogue());
  });
});

describe('config: phrases', () => {
  it('phrases become a patch: the heading now names the element', () => {
    const l = load('phrases:\n  contract.purpose: ["Raison d\'etre of the circle"]\n');
    assert.deepEqual(l.findings, []);
    assert.deepEqual(l.config.phrases, { 'contract.purpose': ["Raison d'etre of the circle"] });
    assert.ok(!checkWith(l.catalogue, CONTRACT_WITH("Raison d'etre of the circle")).some((f) => f.ruleId === 'contract.purpose'));
    assert.ok(!builtinCatalogue().elements.get('contract.purpose')!.phrases.includes("Raison d'etre of the circle"));
  });

  it('phrases add to the ones a pack brought', () => {
    const l = load('standards: [p.yaml]\nphrases: { contract.purpose: [Our north star] }\n', { 'p.yaml': PHRASE_PACK });
    const phrases = l.catalogue.elements.get('contract.purpose')!.phrases;
    assert.ok(phrases.includes("Raison d'etre of the circle") && phrases.includes('Our north star'));
  });
});

describe('config: Restricted Mode', () => {
  it('packs are not read and one information finding says so at the standards key', () => {
    const l = load('profile: worker\nstandards:\n  - agency/phrases.yaml\n  - ../outside.yaml\n', { 'agency/phrases.yaml': PHRASE_PACK }, { trusted: false });
    const f = only(l);
    assert.equal(f.severity, 'information');
    assert.equal(f.ruleId, 'config.invalid');
    assert.equal(at(l, f), '2:1 standards');
    assert.match(f.message, /Restricted Mode: the 2 standards packs named here were not loaded/);
    assert.equal(l.catalogue, builtinCatalogue());
    assert.deepEqual(l.packs, []);
  });

  it('ids a pack would define are not called unknown', () => {
    const l = load('standards: [agency/new.yaml]\nrules: { contract.agency-policy: warning }\n', { 'agency/new.yaml': NEW_ELEMENT_PACK }, { trusted: false });
    assert.equal(only(l).severity, 'information');
  });

  it('without packs there is nothing to say', () => {
    assert.deepEqual(load('profile: student\n', {}, { trusted: false }).findings, []);
  });

  it('phrases in the file itself still apply', () => {
    const l = load('phrases: { contract.purpose: [Our north star] }\n', {}, { trusted: false });
    assert.ok(l.catalogue.elements.get('contract.purpose')!.phrases.includes('Our north star'));
  });
});

describe('severity: role profiles and rule settings', () => {
  const cat = builtinCatalogue();
  const findings = () => checkWith(cat);
  const norms = (fs: Finding[]) => fs.find((f) => f.ruleId === 'contract.norms');
  const required: Finding = { ruleId: 'contract.purpose', severity: 'error', level: 'required', message: 'Missing: Group purpose (III.A.1) — required.', span: { start: 0, end: 1 } };
  const recommended: Finding = { ruleId: 'contract.norms', severity: 'warning', level: 'recommended', message: 'Missing: Norms of participation (III.A.3) — recommended.', span: { start: 0, end: 1 } };
  const other: Finding = { ruleId: 'privacy.identifier', severity: 'warning', message: 'A phone number.', span: { start: 5, end: 9 } };

  it('worker changes nothing', () => {
    const input = findings();
    const out = applyRoleAndRules(input, { profile: 'worker', rules: {} }, cat);
    assert.deepEqual(out, input);
    assert.notEqual(out, input);
  });

  it('student: recommended elements are information with a teaching note', () => {
    const [r, req, o] = applyRoleAndRules([recommended, required, other], { profile: 'student', rules: {} }, cat);
    assert.equal(r.severity, 'information');
    const teaching = cat.elements.get('contract.norms')!.teaching!.replace(/\s+/g, ' ').trim();
    assert.equal(r.message, `${recommended.message} Why it matters (AASWG III.A.3): ${teaching}`);
    assert.deepEqual(req, required);
    assert.deepEqual(o, other);
  });

  it('student: the guidance stands in when an element has no teaching text', () => {
    const e = cat.elements.get('contract.norms')!;
    const plain: Catalogue = { ...cat, elements: new Map(cat.elements).set('contract.norms', { ...e, teaching: undefined }) };
    const note = teachingNote('contract.norms', plain)!;
    assert.ok(note.startsWith('Why it matters (AASWG III.A.3): Help the group establish norms'), note);
    const [r] = applyRoleAndRules([recommended], { profile: 'student', rules: {} }, plain);
    assert.ok(r.message.endsWith(note));
  });

  it('student: a real record', () => {
    const f = norms(applyRoleAndRules(findings(), { profile: 'student', rules: {} }, cat))!;
    assert.equal(f.severity, 'information');
    assert.match(f.message, /Why it matters \(AASWG III\.A\.3\)/);
  });

  it('supervisor: recommended elements are errors; required and other findings keep theirs', () => {
    const [r, req, o] = applyRoleAndRules([recommended, required, other], { profile: 'supervisor', rules: {} }, cat);
    assert.equal(r.severity, 'error');
    assert.equal(r.message, recommended.message);
    assert.equal(req.severity, 'error');
    assert.equal(o.severity, 'warning');
  });

  it('guidance-level findings are left alone by every profile', () => {
    const guidance: Finding = { ...recommended, level: 'guidance', severity: 'information' };
    for (const profile of ['student', 'worker', 'supervisor'] as const) {
      assert.deepEqual(applyRoleAndRules([guidance], { profile, rules: {} }, cat), [guidance]);
    }
  });

  it('a rule set to off removes its findings', () => {
    const out = applyRoleAndRules([recommended, other, required], { profile: 'worker', rules: { 'privacy.identifier': 'off' } }, cat);
    assert.deepEqual(out.map((f) => f.ruleId), ['contract.norms', 'contract.purpose']);
  });

  it('a rule setting sets the severity', () => {
    const [o] = applyRoleAndRules([other], { profile: 'worker', rules: { 'privacy.identifier': 'error' } }, cat);
    assert.equal(o.severity, 'error');
  });

  it('the rule setting beats the profile', () => {
    const [s] = applyRoleAndRules([recommended], { profile: 'supervisor', rules: { 'contract.norms': 'information' } }, cat);
    assert.equal(s.severity, 'information');
    const [t] = applyRoleAndRules([recommended], { profile: 'student', rules: { 'contract.norms': 'error' } }, cat);
    assert.equal(t.severity, 'error');
    assert.deepEqual(applyRoleAndRules([recommended], { profile: 'student', rules: { 'contract.norms': 'off' } }, cat), []);
  });

  it('never changes its input', () => {
    const input = [recommended, required, other].map((f) => Object.freeze({ ...f, span: Object.freeze({ ...f.span }) }));
    const before = JSON.stringify(input);
    applyRoleAndRules(input, { profile: 'student', rules: { 'privacy.identifier': 'error' } }, cat);
    applyRoleAndRules(input, { profile: 'supervisor', rules: { 'contract.purpose': 'off' } }, cat);
    assert.equal(JSON.stringify(input), before);
  });

  it('a loaded configuration drives it end to end', () => {
    const l = load('profile: supervisor\nrules:\n  contract.norms: off\n  contract.process: information\n');
    const out = applyRoleAndRules(findings(), l.config, l.catalogue);
    assert.equal(norms(out), undefined);
    const process = out.find((f) => f.ruleId === 'contract.process');
    if (process) assert.equal(process.severity, 'information');
    assert.ok(out.filter((f) => f.level === 'recommended' && f.ruleId !== 'contract.process').every((f) => f.severity === 'error'));
  });

  it('a rule id inherited from Object.prototype is not a setting', () => {
    const f: Finding = { ...other, ruleId: 'constructor' };
    assert.deepEqual(applyRoleAndRules([f], { profile: 'worker', rules: {} }, cat), [f]);
  });
});
