import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import picomatch from 'picomatch';
import { kindFromName } from '../../shared/src/file-kind';
import { compileGlobs } from '../../shared/src/workspace/globs';
import {
  FILE_GLOBS,
  caseInsensitive,
  composeFileGlob,
  documentFilters,
  documentSchemes,
  workspaceContainsEvents,
} from './file-patterns';

// picomatch stands in for VS Code's glob here: both read `**`, `*`, `?`, `[..]` and one level of
// `{a,b}` the same way.
const matches = (glob: string, path: string): boolean => picomatch(glob, { dot: true })(path);

const NAMES = [
  'Dockerfile',
  'dockerfile',
  'DOCKERFILE',
  'Dockerfile.prod',
  'dockerfile.dev.arm64',
  'api.Dockerfile',
  'api.dockerfile',
  '.dockerfile',
  'Containerfile',
  'containerfile.debian',
  'ContainerFile-old',
  'Containerfile-old',
  'dockerfile.js',
  'dockerfile.d.ts',
  'Dockerfile-old',
  'Dockerfiles',
  'my-dockerfile',
  'compose.yml',
  'compose.yaml',
  'Compose.YML',
  'compose.override.yml',
  'compose.prod.yaml',
  'compose.yml.bak',
  'compose..yml',
  'docker-compose.yml',
  'docker-compose.yaml',
  'docker-compose.override.yml',
  'docker-compose-prod.yaml',
  'docker-compose.yml.orig',
  'app.compose.yml',
  'app.compose.yaml',
  '.compose.yml',
  'compose.json',
  'docker-compose.json',
  'mycompose.yml',
  'stack.yml',
  '.dockguard.yaml',
  '.dockguard.yml',
  '.DOCKGUARD.YAML',
  'dockguard.yaml',
  '.dockguard.yaml.bak',
  'README.md',
  'values.yaml',
];

test('the file globs pick exactly the names the engine lints, at any depth and in any case', () => {
  for (const name of NAMES) {
    for (const path of [name, `services/api/${name}`]) {
      const kind = kindFromName(path);
      assert.equal(matches(FILE_GLOBS.dockerfiles, path), kind === 'dockerfile', `dockerfile glob on ${path}`);
      assert.equal(matches(FILE_GLOBS.compose, path), kind === 'compose', `compose glob on ${path}`);
      assert.equal(matches(FILE_GLOBS.config, path), kind === 'config', `config glob on ${path}`);
    }
  }
});

test('the activation events cover every name the engine lints and nothing else', () => {
  const globs = workspaceContainsEvents().map((event) => {
    assert.match(event, /^workspaceContains:\*\*\//);
    return event.slice('workspaceContains:'.length);
  });
  for (const name of NAMES) {
    const path = `deep/er/${name}`;
    assert.equal(
      globs.some((glob) => matches(glob, path)),
      kindFromName(path) !== undefined,
      path,
    );
  }
});

test('no glob nests a brace group, which VS Code globs do not support', () => {
  for (const glob of [...Object.values(FILE_GLOBS), ...workspaceContainsEvents()]) {
    const inner = glob.replace(/^[^{]*\{/, '');
    assert.ok(!/[{]/.test(inner.slice(0, -1)), glob);
  }
});

test('caseInsensitive folds letters only', () => {
  assert.equal(caseInsensitive('a-1*.Y'), '[aA]-1*.[yY]');
});

test('a composeFiles entry means in the editor what it means to the workspace scan', () => {
  const patterns = ['stack.yml', 'deploy/*.yml', '/top.yaml', './also-top.yaml', 'envs/**/', '**/*.stack.yaml', 'win\\style\\*.yml'];
  const paths = [
    'stack.yml',
    'a/b/stack.yml',
    'deploy/x.yml',
    'a/deploy/x.yml',
    'top.yaml',
    'sub/top.yaml',
    'also-top.yaml',
    'sub/also-top.yaml',
    'envs/dev/c.yml',
    'envs',
    'q/r.stack.yaml',
    'r.stack.yaml',
    'win/style/s.yml',
  ];
  for (const pattern of patterns) {
    const server = compileGlobs([pattern]);
    const glob = composeFileGlob(pattern);
    assert.ok(glob, pattern);
    for (const path of paths) assert.equal(matches(glob, path), server(path), `${pattern} on ${path} (as ${glob})`);
  }
});

test('composeFiles entries that cannot be a selector are left out', () => {
  assert.equal(composeFileGlob('!vendor/**'), undefined);
  assert.equal(composeFileGlob('   '), undefined);
  assert.equal(composeFileGlob('/'), undefined);
  assert.equal(composeFileGlob('./'), undefined);
});

test('the document selector: languages per scheme, config files, and compose globs relative to each folder', () => {
  const filters = documentFilters(
    ['file', 'untitled'],
    [
      { folderUri: 'file:///work/a', composeFiles: ['stack.yml', '!nope'] },
      { folderUri: 'file:///work/b', composeFiles: ['deploy/*.yml'] },
      { folderUri: 'vscode-vfs://github/x/y', composeFiles: ['z.yml'] },
    ],
  );
  assert.deepEqual(filters, [
    { scheme: 'file', language: 'dockerfile' },
    { scheme: 'file', language: 'dockercompose' },
    { scheme: 'file', language: 'yaml', pattern: FILE_GLOBS.config },
    { scheme: 'untitled', language: 'dockerfile' },
    { scheme: 'untitled', language: 'dockercompose' },
    { scheme: 'untitled', language: 'yaml', pattern: FILE_GLOBS.config },
    { scheme: 'file', language: 'yaml', pattern: { baseUri: 'file:///work/a', pattern: '**/stack.yml' } },
    { scheme: 'file', language: 'yaml', pattern: { baseUri: 'file:///work/b', pattern: 'deploy/*.yml' } },
  ]);
});

test('a virtual workspace adds its own scheme; diff and history schemes never appear', () => {
  assert.deepEqual(documentSchemes([]), ['file', 'untitled']);
  assert.deepEqual(documentSchemes(['file:///a', 'file:///b']), ['file', 'untitled']);
  assert.deepEqual(documentSchemes(['vscode-vfs://github/o/r', 'VSCODE-VFS://github/o/s']), ['file', 'untitled', 'vscode-vfs']);
  const filters = documentFilters(documentSchemes(['vscode-vfs://github/o/r']), [{ folderUri: 'vscode-vfs://github/o/r', composeFiles: ['s.yml'] }]);
  assert.ok(filters.some((filter) => filter.scheme === 'vscode-vfs' && typeof filter.pattern === 'object'));
  assert.ok(!filters.some((filter) => filter.scheme === 'git'));
});
