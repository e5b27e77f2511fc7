import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import * as fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { ALL_RULES } from '../../shared/src/registry';
import { parseConfig } from '../../shared/src/config/config';
import { DEFAULT_SETTINGS, sanitizeSettings } from '../../shared/src/protocol/settings';
import { COMMANDS } from './commands';
import { CONFIG_SCHEMA_PATH, ICON_PATH } from './contributions';
import { NOTICES_PATH, packageDirectory, thirdPartyNotices } from './notices';
import { blockEnd, blockStart, generatedFiles, ruleTable, settingsTable, updateManifest, updateUserGuide } from './generate';

const ROOT = resolve(__dirname, '..', '..');
const read = (path: string): string | undefined => {
  const file = join(ROOT, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
};
const manifest = (): any => JSON.parse(read('package.json')!);
const schema = (): any => JSON.parse(read(CONFIG_SCHEMA_PATH)!);

test('package.json, the config schema, the grammar and the rule table are up to date with the registry', () => {
  for (const file of generatedFiles(read, ALL_RULES)) {
    assert.ok(
      read(file.path) === file.text,
      `${file.path} is out of date with the rule registry or the settings; run: node --import tsx client/scripts/generate.ts`,
    );
  }
});

test('ThirdPartyNotices.txt lists exactly the packages bundled into the extension and the server', async () => {
  assert.ok(
    read(NOTICES_PATH) === (await thirdPartyNotices(ROOT)),
    `${NOTICES_PATH} is out of date with the bundles' dependencies; run: node --import tsx client/scripts/generate.ts`,
  );
  const notices = read(NOTICES_PATH)!;
  for (const bundled of ['vscode-languageclient', 'vscode-languageserver', 'yaml', 'dockerfile-ast']) assert.match(notices, new RegExp(`^${bundled} \\d`, 'm'));
  assert.doesNotMatch(notices, /^(typescript|esbuild|mocha) \d/m);
});

test('packageDirectory finds the innermost package of a bundled file', () => {
  assert.equal(packageDirectory('node_modules/yaml/dist/index.js'), 'node_modules/yaml');
  assert.equal(packageDirectory('node_modules/@scope/pkg/lib/a.js'), 'node_modules/@scope/pkg');
  assert.equal(packageDirectory('node_modules/a/node_modules/b/x.js'), 'node_modules/a/node_modules/b');
  assert.equal(packageDirectory('shared/src/lint.ts'), undefined);
});

test('every setting the server reads is contributed, with its default, a description and a scope', () => {
  const properties = manifest().contributes.configuration.properties;
  const expected = ['enable', 'run', 'rules', 'workspaceDiagnostics', 'exclude', 'composeFiles', 'trace.server'];
  assert.deepEqual(Object.keys(properties).sort(), expected.map((key) => `dockguard.${key}`).sort());
  // What VS Code would send for untouched settings is what the server takes as its defaults.
  const asSent: Record<string, unknown> = { trace: {} };
  for (const [key, property] of Object.entries<any>(properties)) {
    assert.ok(property.markdownDescription || property.description, `${key} has a description`);
    assert.ok(['resource', 'window'].includes(property.scope), `${key} has a scope`);
    const path = key.split('.').slice(1);
    if (path.length === 2) (asSent[path[0]] as Record<string, unknown>)[path[1]] = property.default;
    else asSent[path[0]] = property.default;
    if (property.enum) assert.ok(property.enum.includes(property.default), `${key}: default is one of its values`);
  }
  const { settings, problems } = sanitizeSettings(asSent);
  assert.deepEqual(problems, []);
  assert.deepEqual(settings, DEFAULT_SETTINGS);
  for (const key of expected.filter((key) => key !== 'trace.server')) assert.equal(properties[`dockguard.${key}`].scope, 'resource', key);
});

test('dockguard.rules knows every rule id and name, and nothing else', () => {
  const rules = manifest().contributes.configuration.properties['dockguard.rules'];
  assert.equal(rules.additionalProperties, false);
  const keys = new Set(Object.keys(rules.properties));
  const expected = new Set(ALL_RULES.flatMap((rule) => [rule.id, rule.name]));
  assert.deepEqual([...keys].sort(), [...expected].sort());
  for (const rule of ALL_RULES) {
    assert.deepEqual(rules.properties[rule.id].enum, ['error', 'warning', 'info', 'off']);
    assert.match(rules.properties[rule.id].description, new RegExp(`^${rule.name} `));
    assert.match(rules.properties[rule.name].description, new RegExp(`${rule.id} `));
  }
  // A name two rules share describes both.
  const userRoot = ALL_RULES.filter((rule) => rule.name === 'user-root');
  if (userRoot.length > 1) for (const rule of userRoot) assert.match(rules.properties['user-root'].description, new RegExp(rule.id));
});

test('the manifest: activation, commands, capabilities, schema, grammar and icon', () => {
  const pkg = manifest();
  assert.ok(pkg.activationEvents.includes('onLanguage:dockerfile'));
  assert.ok(pkg.activationEvents.includes('onLanguage:dockercompose'));
  assert.ok(pkg.activationEvents.some((event: string) => event.startsWith('workspaceContains:')));
  assert.deepEqual(
    pkg.contributes.commands.map((command: { command: string }) => command.command).sort(),
    Object.values(COMMANDS).sort(),
  );
  assert.deepEqual(pkg.capabilities.untrustedWorkspaces, { supported: true });
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
  for (const contribution of [...pkg.contributes.yamlValidation.map((entry: { url: string }) => entry.url), ...pkg.contributes.grammars.map((entry: { path: string }) => entry.path)]) {
    assert.ok(existsSync(join(ROOT, contribution)), `${contribution} exists`);
  }
  assert.equal(pkg.icon, ICON_PATH);
  assert.equal(pkg.main, './dist/extension.js');
  // Everything is bundled, and the bundles are minified for the package.
  assert.match(pkg.scripts.package, /--production/);
  assert.match(pkg.scripts.package, /vsce package --no-dependencies/);
  assert.match(pkg.engines.vscode, /^\^1\.\d+\.\d+$/);
});

test('updateManifest keeps the other fields and their order, and puts new fields after main', () => {
  const before = JSON.stringify({ name: 'x', main: './dist/extension.js', scripts: { test: 'y' }, contributes: { old: true } });
  const after = JSON.parse(updateManifest(before, ALL_RULES));
  assert.deepEqual(Object.keys(after), ['name', 'main', 'icon', 'activationEvents', 'capabilities', 'scripts', 'contributes']);
  assert.deepEqual(after.scripts, { test: 'y' });
  assert.equal(after.contributes.old, undefined);
});

test('the rule table has one row per rule, linked to its page, and replaces only the text between its markers', () => {
  const table = ruleTable(ALL_RULES);
  const rows = table.split('\n').slice(2);
  assert.equal(rows.length, ALL_RULES.length);
  for (const [index, rule] of ALL_RULES.entries()) {
    assert.ok(rows[index].startsWith(`| ${rule.id} | [${rule.name}](https://`), rows[index]);
    assert.equal(rows[index].split(/(?<!\\)\|/).length, 9, `7 cells in ${rows[index]}`);
  }
  const [start, end] = [blockStart('rule-table'), blockEnd('rule-table')];
  const guide = `# Guide\n\n${start}\nold table\n${end}\n\nAfter.\n`;
  assert.equal(updateUserGuide(guide, ALL_RULES), `# Guide\n\n${start}\n${table}\n${end}\n\nAfter.\n`);
  assert.equal(updateUserGuide('# Guide without markers\n', ALL_RULES), undefined);
});

test('the settings table has a row per contributed setting with its default', () => {
  const rows = settingsTable(ALL_RULES).split('\n').slice(2);
  const properties = manifest().contributes.configuration.properties;
  assert.deepEqual(
    rows.map((row) => /^\| `([^`]+)` \| `([^`]*)` \|/.exec(row)?.slice(1)),
    Object.entries<any>(properties).map(([key, property]) => [key, JSON.stringify(property.default)]),
  );
  const both = `${blockStart('settings-table')}\nx\n${blockEnd('settings-table')}\n${blockStart('rule-table')}\ny\n${blockEnd('rule-table')}`;
  const updated = updateUserGuide(both, ALL_RULES)!;
  assert.ok(updated.includes(settingsTable(ALL_RULES)) && updated.includes(ruleTable(ALL_RULES)));
});

// ----- the .dockguard.yaml schema -----

function validator(): (value: unknown) => boolean {
  const ajv = new Ajv({ allowUnionTypes: true, strict: true });
  const validate = ajv.compile(schema());
  return (value) => validate(value) as boolean;
}

const VALID = [
  '',
  '# only a comment\n',
  'rules:\n',
  'rules:\n  DG201: off\n  privileged: warning\n  user-root: error\n  DG000: info\n',
  'ignore-paths: [vendor/**, "*.generated.yaml"]\nnon-root-base-images: [myorg/base:*]\nallow-inline-ignores: false\nmax-file-size: 512KB\n',
  'max-file-size: 1048576\n',
  'max-file-size: 1.5 mb\n',
  'max-file-size: 2GiB\n',
  'non-root-base-images: []\n',
];

const INVALID = [
  'rules:\n  DG999: off\n',
  'rules:\n  sudo: loud\n',
  'rules:\n  sudo: 1\n',
  'rules: [DG101]\n',
  'rule:\n  DG101: off\n',
  'ignore-paths: vendor/**\n',
  'ignore-paths:\n',
  'non-root-base-images: [1, 2]\n',
  'allow-inline-ignores: "yes"\n',
  'max-file-size: big\n',
  'max-file-size: 0\n',
  'max-file-size: -5\n',
  '- rules\n',
  'just text\n',
];

test('the schema accepts the configurations the engine accepts, and rejects the ones it reports', () => {
  const valid = validator();
  for (const text of VALID) {
    assert.deepEqual(parseConfig(text).problems, [], `the engine accepts ${JSON.stringify(text)}`);
    assert.ok(valid(parse(text) ?? null), `the schema accepts ${JSON.stringify(text)}`);
  }
  for (const text of INVALID) {
    assert.notDeepEqual(parseConfig(text).problems, [], `the engine reports ${JSON.stringify(text)}`);
    assert.ok(!valid(parse(text) ?? null), `the schema rejects ${JSON.stringify(text)}`);
  }
});

test('schema and engine agree on generated configurations', () => {
  const valid = validator();
  const ruleKey = fc.oneof(fc.constantFrom(...ALL_RULES.map((rule) => rule.id), ...ALL_RULES.map((rule) => rule.name)), fc.constantFrom('DG999', 'nope'));
  const severity = fc.oneof(fc.constantFrom('error', 'warning', 'info', 'off'), fc.constantFrom('loud', 1, true, null));
  const globList = fc.oneof(fc.array(fc.constantFrom('vendor/**', '*.yaml', 'a b', 'x')), fc.constantFrom('vendor', 3, null, [1]));
  // Sizes as the engine reads them; zero-sized values ("0", "0.1") are a known difference: the
  // schema cannot tell a size that rounds to zero bytes.
  const size = fc.oneof(fc.integer({ min: 1, max: 1e9 }), fc.constantFrom('5MB', '512 kb', '1.5mib', '7', '2G', 'lots', '5 MB extra', -1, 0, true));
  const config = fc.record(
    {
      rules: fc.oneof(fc.dictionary(ruleKey, severity, { maxKeys: 4 }), fc.constant(null), fc.constant(['DG101'])),
      'ignore-paths': globList,
      'non-root-base-images': globList,
      'allow-inline-ignores': fc.oneof(fc.boolean(), fc.constantFrom('true', 0)),
      'max-file-size': size,
      unknown: fc.constant('x'),
    },
    { requiredKeys: [] },
  );
  fc.assert(
    fc.property(config, (value) => {
      const text = stringify(value);
      const engineAccepts = parseConfig(text).problems.length === 0;
      assert.equal(valid(parse(text) ?? null), engineAccepts, text);
    }),
    { numRuns: 400 },
  );
});
