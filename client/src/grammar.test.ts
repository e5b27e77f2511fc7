import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type IRawGrammar, type StateStack } from 'vscode-textmate';
import { SCOPES } from './grammar';

/**
 * Tokenizes sample lines with VS Code's own Dockerfile and YAML grammars (the built-in
 * extensions' resources, shipped on npm by @codingame) plus our injection grammar, wired the way
 * VS Code wires them from package.json's `grammars` contributions, and checks the scopes.
 */

const ROOT = resolve(__dirname, '..', '..');
const BUILTINS = ['@codingame/monaco-vscode-docker-default-extension', '@codingame/monaco-vscode-yaml-default-extension'];

interface GrammarContribution {
  language?: string;
  scopeName: string;
  path: string;
  injectTo?: string[];
}

/** scopeName → file, and language → scopeName, from the built-in extensions and from ours. */
function contributions(): { files: Map<string, string>; languages: Map<string, string>; injections: Map<string, string[]> } {
  const files = new Map<string, string>();
  const languages = new Map<string, string>();
  const injections = new Map<string, string[]>();
  for (const builtin of BUILTINS) {
    const resources = join(dirname(require.resolve(`${builtin}/package.json`)), 'resources');
    const manifest = JSON.parse(readFileSync(join(resources, 'package.json'), 'utf8'));
    for (const grammar of manifest.contributes.grammars as GrammarContribution[]) {
      // The npm package flattens `syntaxes/` into `resources/`.
      files.set(grammar.scopeName, join(resources, grammar.path.replace(/^\.\/syntaxes\//, '')));
      if (grammar.language) languages.set(grammar.language, grammar.scopeName);
    }
  }
  const ours = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  for (const grammar of ours.contributes.grammars as GrammarContribution[]) {
    files.set(grammar.scopeName, join(ROOT, grammar.path));
    for (const target of grammar.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), grammar.scopeName]);
  }
  return { files, languages, injections };
}

let grammars: Promise<Map<string, IGrammar>> | undefined;

function loadGrammars(): Promise<Map<string, IGrammar>> {
  grammars ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const { files, languages, injections } = contributions();
    const registry = new Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => oniguruma.createOnigScanner(patterns),
        createOnigString: (text: string) => oniguruma.createOnigString(text),
      }),
      loadGrammar: async (scopeName: string): Promise<IRawGrammar | null> => {
        const file = files.get(scopeName);
        return file ? parseRawGrammar(readFileSync(file, 'utf8'), file) : null;
      },
      getInjections: (scopeName: string) => injections.get(scopeName),
    });
    const byLanguage = new Map<string, IGrammar>();
    for (const language of ['dockerfile', 'dockercompose', 'yaml']) {
      const scopeName = languages.get(language);
      assert.ok(scopeName, `VS Code has a grammar for ${language}`);
      const grammar = await registry.loadGrammar(scopeName);
      assert.ok(grammar, scopeName);
      byLanguage.set(language, grammar);
    }
    return byLanguage;
  })();
  return grammars;
}

interface Token {
  text: string;
  scopes: string[];
}

async function tokenize(language: string, text: string): Promise<Token[][]> {
  const grammar = (await loadGrammars()).get(language)!;
  let state: StateStack = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((token) => ({ text: line.slice(token.startIndex, token.endIndex), scopes: token.scopes }));
  });
}

/** The scopes of the token that is exactly `text` on the line `line`. */
function scopesOf(lines: Token[][], line: number, text: string): string[] {
  const token = lines[line].find((candidate) => candidate.text === text);
  assert.ok(token, `no token '${text}' on line ${line}: ${JSON.stringify(lines[line].map((t) => t.text))}`);
  return token.scopes;
}

function hasScope(scopes: string[], scope: string): boolean {
  return scopes.some((candidate) => candidate.split(' ').includes(scope));
}

function assertScope(lines: Token[][], line: number, text: string, scope: string): void {
  const scopes = scopesOf(lines, line, text);
  assert.ok(hasScope(scopes, scope), `'${text}' on line ${line} should be ${scope}, is ${scopes.join(' ')}`);
}

/** No token of the line carries a dockguard scope. */
function assertPlain(lines: Token[][], line: number): void {
  for (const token of lines[line]) {
    assert.ok(!token.scopes.some((scope) => scope.endsWith('.dockguard')), `'${token.text}' on line ${line}: ${token.scopes.join(' ')}`);
  }
}

test('VS Code uses the grammars we inject into for Dockerfiles, compose files and YAML', () => {
  const { languages, injections } = contributions();
  for (const language of ['dockerfile', 'dockercompose', 'yaml']) {
    const scopeName = languages.get(language)!;
    assert.ok(injections.get(scopeName)?.includes('dockguard-ignore.injection'), `${language} (${scopeName})`);
  }
});

test('Dockerfile: the directive, rule ids and names, commas and the reason', async () => {
  const lines = await tokenize(
    'dockerfile',
    [
      'FROM alpine:3.20',
      '# dockguard-ignore DG103,user-root dg102 -- the build needs root here',
      'RUN sudo apk add curl',
      '  # dockguard-ignore-file sudo',
      '#dockguard-ignore',
      'USER app',
    ].join('\n'),
  );
  assert.ok(hasScope(scopesOf(lines, 0, 'FROM'), 'keyword.other.special-method.dockerfile'));
  assertScope(lines, 1, '#', 'punctuation.definition.comment.dockerfile');
  assertScope(lines, 1, 'dockguard-ignore', SCOPES.directive);
  assertScope(lines, 1, 'DG103', SCOPES.ruleId);
  assertScope(lines, 1, ',', SCOPES.comma);
  assertScope(lines, 1, 'user-root', SCOPES.ruleName);
  assertScope(lines, 1, 'dg102', SCOPES.ruleId);
  assertScope(lines, 1, '--', SCOPES.reasonSeparator);
  assertScope(lines, 1, ' the build needs root here', SCOPES.reason);
  for (const token of lines[1]) assert.ok(hasScope(token.scopes, 'comment.line.number-sign.dockerfile'), `'${token.text}' is in the comment`);
  // The next instruction is tokenized as usual.
  assert.ok(hasScope(scopesOf(lines, 2, 'RUN'), 'keyword.other.special-method.dockerfile'));
  assertScope(lines, 3, 'dockguard-ignore-file', SCOPES.directive);
  assertScope(lines, 3, 'sudo', SCOPES.ruleName);
  assertScope(lines, 4, 'dockguard-ignore', SCOPES.directive);
  assert.ok(hasScope(scopesOf(lines, 5, 'USER'), 'keyword.other.special-method.dockerfile'));
});

test('Dockerfile: what the engine would call an unknown rule shows as invalid', async () => {
  const lines = await tokenize('dockerfile', '# dockguard-ignore DG999, privileged --no-reason sudo');
  assertScope(lines, 0, 'DG999', SCOPES.unknownRule);
  // A compose rule's name does not apply in a Dockerfile (its id would).
  assertScope(lines, 0, 'privileged', SCOPES.unknownRule);
  // `--` starts the reason only as a word of its own.
  assertScope(lines, 0, '--no-reason', SCOPES.unknownRule);
  assertScope(lines, 0, 'sudo', SCOPES.ruleName);
  // Ids match whole tokens only.
  const glued = await tokenize('dockerfile', '# dockguard-ignore DG1033 sudo2 DG201');
  assertScope(glued, 0, 'DG1033', SCOPES.unknownRule);
  assertScope(glued, 0, 'sudo2', SCOPES.unknownRule);
  assertScope(glued, 0, 'DG201', SCOPES.ruleId);
});

test('Dockerfile: look-alikes are left alone', async () => {
  const lines = await tokenize(
    'dockerfile',
    [
      '# dockguard-ignored DG103',
      '# see dockguard-ignore DG103',
      'RUN make # dockguard-ignore DG103',
      'RUN echo "# dockguard-ignore DG103"',
      '# plain comment',
    ].join('\n'),
  );
  for (let line = 0; line < lines.length; line++) assertPlain(lines, line);
  assert.ok(hasScope(scopesOf(lines, 0, '#'), 'punctuation.definition.comment.dockerfile'));
  assert.ok(hasScope(scopesOf(lines, 0, ' dockguard-ignored DG103'), 'comment.line.number-sign.dockerfile'));
});

test('Dockerfile: a directive with only a reason, and one with nothing after it', async () => {
  const lines = await tokenize('dockerfile', '# dockguard-ignore -- vendored file\n# dockguard-ignore-file');
  assertScope(lines, 0, '--', SCOPES.reasonSeparator);
  assertScope(lines, 0, ' vendored file', SCOPES.reason);
  assertScope(lines, 1, 'dockguard-ignore-file', SCOPES.directive);
});

const COMPOSE = [
  '# dockguard-ignore-file cpu-limit,DG218',
  'services:',
  '  app:',
  '    image: nginx:1.27',
  '    # dockguard-ignore DG201, privileged -- the agent needs the host devices',
  '    privileged: true',
  '    cap_add: [SYS_ADMIN]  # dockguard-ignore DG205',
  '    command: |',
  '      # dockguard-ignore DG201',
  '      echo hi',
  '    user: root',
].join('\n');

for (const language of ['dockercompose', 'yaml']) {
  test(`${language}: the directive, ids, names and reason inside whole-line comments`, async () => {
    const lines = await tokenize(language, COMPOSE);
    assertScope(lines, 0, 'dockguard-ignore-file', SCOPES.directive);
    assertScope(lines, 0, 'cpu-limit', SCOPES.ruleName);
    assertScope(lines, 0, 'DG218', SCOPES.ruleId);
    assertScope(lines, 4, 'dockguard-ignore', SCOPES.directive);
    assertScope(lines, 4, 'DG201', SCOPES.ruleId);
    assertScope(lines, 4, 'privileged', SCOPES.ruleName);
    assertScope(lines, 4, '--', SCOPES.reasonSeparator);
    assertScope(lines, 4, ' the agent needs the host devices', SCOPES.reason);
    for (const token of lines[4].filter((candidate) => candidate.text.trim() !== '')) {
      assert.ok(hasScope(token.scopes, 'comment.line.number-sign.yaml'), `'${token.text}' is in the comment`);
    }
    // The YAML around it is tokenized as usual.
    assert.ok(hasScope(scopesOf(lines, 5, 'privileged'), 'entity.name.tag.yaml'));
    assert.ok(hasScope(scopesOf(lines, 10, 'user'), 'entity.name.tag.yaml'));
  });

  test(`${language}: trailing comments and block scalars are not directives`, async () => {
    const lines = await tokenize(language, COMPOSE);
    assertPlain(lines, 6);
    assert.ok(lines[6].some((token) => hasScope(token.scopes, 'comment.line.number-sign.yaml')), 'the trailing comment is still a comment');
    assertPlain(lines, 8);
  });
}

test('YAML: a Dockerfile rule name is unknown there; ids are known everywhere', async () => {
  const lines = await tokenize('dockercompose', '# dockguard-ignore sudo DG103 invalid-config');
  assertScope(lines, 0, 'sudo', SCOPES.unknownRule);
  assertScope(lines, 0, 'DG103', SCOPES.ruleId);
  // `.dockguard.yaml` is YAML too, and its rule names are valid there.
  assertScope(lines, 0, 'invalid-config', SCOPES.ruleName);
});
