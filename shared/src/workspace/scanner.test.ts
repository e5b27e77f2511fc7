import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFileSystem } from './memory-host';
import { WorkspaceScanner, type ScanEvent, type ScanOptions } from './scanner';
import { ConfigFinder } from './config-finder';
import { comparePaths } from './host';

const FROM = 'FROM alpine:3.20\n';
const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n';

async function collect(options: ScanOptions): Promise<ScanEvent[]> {
  const events: ScanEvent[] = [];
  for await (const event of new WorkspaceScanner(options).scan()) events.push(event);
  return events;
}

async function files(options: ScanOptions): Promise<string[]> {
  return (await collect(options)).filter((event) => event.type === 'file').map((event) => `${event.path} ${event.type === 'file' ? event.kind : ''}`);
}

function withConfigs(host: MemoryFileSystem, roots: string[], extra: Partial<ScanOptions> = {}): ScanOptions {
  return { host, roots, configs: new ConfigFinder(host), ...extra };
}

test('finds Dockerfiles, compose files and configs by name, in path order, and nothing else', async () => {
  const host = new MemoryFileSystem()
    .file('/w/Dockerfile', FROM)
    .file('/w/api/Dockerfile.prod', FROM)
    .file('/w/api/app.dockerfile', FROM)
    .file('/w/api/Containerfile', FROM)
    .file('/w/a.txt', 'x')
    .file('/w/docker-compose.override.yml', COMPOSE)
    .file('/w/compose.yaml', COMPOSE)
    .file('/w/stack.compose.yaml', COMPOSE)
    .file('/w/other.yaml', COMPOSE) // only linted when named explicitly or matched by a compose glob
    .file('/w/.dockguard.yaml', 'rules: {}\n')
    .file('/w/README.md', '# hi')
    .file('/w/a/Dockerfile', FROM);
  assert.deepEqual(await files({ host, roots: ['/w'] }), [
    '/w/.dockguard.yaml config',
    '/w/Dockerfile dockerfile',
    '/w/a/Dockerfile dockerfile',
    '/w/api/Containerfile dockerfile',
    '/w/api/Dockerfile.prod dockerfile',
    '/w/api/app.dockerfile dockerfile',
    '/w/compose.yaml compose',
    '/w/docker-compose.override.yml compose',
    '/w/stack.compose.yaml compose',
  ]);
});

test('the order is the same as comparePaths gives, whatever order the host lists entries in', async () => {
  const host = new MemoryFileSystem();
  const names = ['b/Dockerfile', 'a.b/Dockerfile', 'a/Dockerfile', 'a/z/Dockerfile', 'Dockerfile', 'a-b/Dockerfile', 'B/Dockerfile'];
  for (const name of names) host.file(`/w/${name}`, FROM);
  const found = (await collect({ host, roots: ['/w'] })).map((event) => event.path);
  assert.deepEqual(found, [...found].sort(comparePaths));
  assert.equal(found.length, names.length);
});

test('skips .git, node_modules and other version-control folders', async () => {
  const host = new MemoryFileSystem()
    .file('/w/.git/Dockerfile', FROM)
    .file('/w/node_modules/pkg/Dockerfile', FROM)
    .file('/w/sub/node_modules/compose.yaml', COMPOSE)
    .file('/w/.hg/Dockerfile', FROM)
    .file('/w/.github/Dockerfile', FROM)
    .file('/w/node_modules.txt/Dockerfile', FROM);
  assert.deepEqual(await files({ host, roots: ['/w'] }), ['/w/.github/Dockerfile dockerfile', '/w/node_modules.txt/Dockerfile dockerfile']);
});

test('honours nested .gitignore files with git precedence', async () => {
  const host = new MemoryFileSystem()
    .file('/w/.gitignore', 'build/\n*.local.yaml\n/generated\n')
    .file('/w/build/Dockerfile', FROM)
    .file('/w/generated/Dockerfile', FROM)
    .file('/w/compose.local.yaml', COMPOSE)
    .file('/w/sub/generated/Dockerfile', FROM) // `/generated` is anchored to /w
    .file('/w/sub/.gitignore', '!compose.local.yaml\nDockerfile.*\n')
    .file('/w/sub/compose.local.yaml', COMPOSE) // re-included by the nearer file
    .file('/w/sub/Dockerfile.dev', FROM)
    .file('/w/sub/deeper/Dockerfile.dev', FROM)
    .file('/w/sub/Dockerfile', FROM);
  assert.deepEqual(await files({ host, roots: ['/w'] }), [
    '/w/sub/Dockerfile dockerfile',
    '/w/sub/compose.local.yaml compose',
    '/w/sub/generated/Dockerfile dockerfile',
  ]);
  assert.deepEqual(await files({ host, roots: ['/w'], gitignore: false }).then((list) => list.length), 8);
});

test('a folder ignored by a parent .gitignore stays ignored even if a nested file re-includes', async () => {
  const host = new MemoryFileSystem()
    .file('/w/.gitignore', 'vendor/\n')
    .file('/w/vendor/.gitignore', '!Dockerfile\n')
    .file('/w/vendor/Dockerfile', FROM);
  assert.deepEqual(await files({ host, roots: ['/w'] }), []);
});

test('the repository ignore files above the root apply, unless they ignore the root itself', async () => {
  const host = new MemoryFileSystem()
    .directory('/repo/.git')
    .file('/repo/.git/info/exclude', 'scratch/\n')
    .file('/repo/.gitignore', 'services/out/\nignored-root/\n')
    .file('/repo/services/.gitignore', 'tmp/\n')
    .file('/repo/services/api/Dockerfile', FROM)
    .file('/repo/services/api/scratch/Dockerfile', FROM)
    .file('/repo/services/api/tmp/Dockerfile', FROM)
    .file('/repo/services/out/Dockerfile', FROM)
    .file('/repo/ignored-root/Dockerfile', FROM)
    .file('/repo/ignored-root/build/.keep', '');
  assert.deepEqual(await files({ host, roots: ['/repo/services/api'] }), ['/repo/services/api/Dockerfile dockerfile']);
  assert.deepEqual(await files({ host, roots: ['/repo/services'] }), ['/repo/services/api/Dockerfile dockerfile']);
  assert.deepEqual(await files({ host, roots: ['/repo/ignored-root'] }), ['/repo/ignored-root/Dockerfile dockerfile']);
});

test("skips the nearest config's ignore-paths, relative to the config's folder", async () => {
  const host = new MemoryFileSystem()
    .file('/w/.dockguard.yaml', 'ignore-paths:\n  - vendor/**\n  - "**/testdata/**"\n  - Dockerfile.old\n  - /top.compose.yaml\n')
    .file('/w/vendor/Dockerfile', FROM)
    .file('/w/app/testdata/Dockerfile', FROM)
    .file('/w/app/Dockerfile.old', FROM)
    .file('/w/app/Dockerfile', FROM)
    .file('/w/top.compose.yaml', COMPOSE)
    .file('/w/app/top.compose.yaml', COMPOSE)
    // A nearer config replaces the outer one: its files follow its own ignore-paths only.
    .file('/w/own/.dockguard.yaml', 'ignore-paths: [skip/**]\n')
    .file('/w/own/testdata/Dockerfile', FROM)
    .file('/w/own/skip/Dockerfile', FROM)
    .file('/w/own/Dockerfile.old', FROM);
  assert.deepEqual(await files(withConfigs(host, ['/w'])), [
    '/w/.dockguard.yaml config',
    '/w/app/Dockerfile dockerfile',
    '/w/app/top.compose.yaml compose',
    '/w/own/.dockguard.yaml config',
    '/w/own/Dockerfile.old dockerfile',
    '/w/own/testdata/Dockerfile dockerfile',
  ]);
});

test("a folder's ignore-paths are the outer config's business: an outer pattern can skip a folder that has its own config", async () => {
  const host = new MemoryFileSystem()
    .file('/w/.dockguard.yaml', 'ignore-paths: [legacy]\n')
    .file('/w/legacy/.dockguard.yaml', 'rules: {}\n')
    .file('/w/legacy/Dockerfile', FROM);
  assert.deepEqual(await files(withConfigs(host, ['/w'])), ['/w/.dockguard.yaml config']);
});

test('host excludes and extra compose globs, relative to the root', async () => {
  const host = new MemoryFileSystem()
    .file('/w/Dockerfile', FROM)
    .file('/w/dist/Dockerfile', FROM)
    .file('/w/deep/er/dist/Dockerfile', FROM)
    .file('/w/stacks/prod.yml', COMPOSE)
    .file('/w/stacks/notes.yml', 'a: 1\n')
    .file('/w/other/prod.yml', COMPOSE);
  assert.deepEqual(await files({ host, roots: ['/w'], exclude: ['**/dist'], composeFiles: ['stacks/*.yml'] }), [
    '/w/Dockerfile dockerfile',
    '/w/stacks/notes.yml compose',
    '/w/stacks/prod.yml compose',
  ]);
  // A pattern without a slash matches a name at any depth.
  assert.deepEqual(await files({ host, roots: ['/w'], exclude: ['dist', 'stacks'], composeFiles: ['prod.yml'] }), [
    '/w/Dockerfile dockerfile',
    '/w/other/prod.yml compose',
  ]);
});

test('follows symlinks but enters each real folder once: loops end, nothing is reported twice', async () => {
  const host = new MemoryFileSystem()
    .file('/w/a/Dockerfile', FROM)
    .symlink('/w/a/loop', '..') // /w/a/loop -> /w
    .symlink('/w/b', 'a') // same folder as /w/a
    .symlink('/w/c/self', '/w/c')
    .file('/w/c/compose.yaml', COMPOSE)
    .symlink('/w/link.Dockerfile', 'a/Dockerfile') // same file as /w/a/Dockerfile
    .symlink('/w/dangling.Dockerfile', 'nowhere')
    .symlink('/w/ext', '/outside')
    .file('/outside/Dockerfile', FROM);
  assert.deepEqual(await files({ host, roots: ['/w'] }), [
    '/w/a/Dockerfile dockerfile',
    '/w/c/compose.yaml compose',
    '/w/ext/Dockerfile dockerfile',
  ]);
});

test('overlapping roots report each file once', async () => {
  const host = new MemoryFileSystem().file('/w/Dockerfile', FROM).file('/w/sub/Dockerfile', FROM);
  assert.deepEqual(await files({ host, roots: ['/w/sub', '/w', '/w/sub'] }), ['/w/sub/Dockerfile dockerfile', '/w/Dockerfile dockerfile']);
});

test('an unreadable folder or a missing root is a problem, and the scan goes on', async () => {
  const host = new MemoryFileSystem().file('/w/locked/Dockerfile', FROM).file('/w/open/Dockerfile', FROM).deny('/w/locked');
  const events = await collect({ host, roots: ['/missing', '/w', '/w/open/Dockerfile'] });
  assert.deepEqual(
    events.map((event) => `${event.type} ${event.path}`),
    ['problem /missing', 'problem /w/locked', 'file /w/open/Dockerfile', 'problem /w/open/Dockerfile'],
  );
  assert.match((events[1] as { message: string }).message, /EACCES/);
  assert.match((events[3] as { message: string }).message, /not a folder/);
});

test('stops when cancelled, and when the consumer stops iterating', async () => {
  const host = new MemoryFileSystem();
  for (let i = 0; i < 50; i++) host.file(`/w/d${String(i).padStart(2, '0')}/Dockerfile`, FROM);
  const token = { isCancellationRequested: false };
  const seen: string[] = [];
  for await (const event of new WorkspaceScanner({ host, roots: ['/w'] }).scan(token)) {
    seen.push(event.path);
    if (seen.length === 3) token.isCancellationRequested = true;
  }
  assert.equal(seen.length, 3);
  const before = host.reads.readDirectory;
  for await (const _event of new WorkspaceScanner({ host, roots: ['/w'] }).scan()) break;
  assert.ok(host.reads.readDirectory - before <= 2, 'a stopped scan reads no further folders');
});

test('classify agrees with scan for every path of a tree', async () => {
  const host = new MemoryFileSystem()
    .directory('/repo/.git')
    .file('/repo/.gitignore', 'build/\n*.tmp.yaml\n')
    .file('/repo/w/.dockguard.yaml', 'ignore-paths: [vendor/**, Dockerfile.skip]\n')
    .file('/repo/w/Dockerfile', FROM)
    .file('/repo/w/Dockerfile.skip', FROM)
    .file('/repo/w/vendor/Dockerfile', FROM)
    .file('/repo/w/build/Dockerfile', FROM)
    .file('/repo/w/a/build/compose.yaml', COMPOSE)
    .file('/repo/w/a/compose.tmp.yaml', COMPOSE)
    .file('/repo/w/a/compose.yaml', COMPOSE)
    .file('/repo/w/a/.gitignore', '!compose.tmp.yaml\n')
    .file('/repo/w/a/dist/Dockerfile', FROM)
    .file('/repo/w/a/stack.yml', COMPOSE)
    .file('/repo/w/node_modules/x/Dockerfile', FROM)
    .file('/repo/w/notes.txt', '');
  const options = withConfigs(host, ['/repo/w'], { exclude: ['**/dist/**'], composeFiles: ['**/stack.yml'] });
  const scanned = new Map((await collect(options)).filter((event) => event.type === 'file').map((event) => [event.path, event.type === 'file' ? event.kind : undefined]));
  assert.ok(scanned.size >= 4);
  const scanner = new WorkspaceScanner(options);
  const all = [
    '/repo/w/.dockguard.yaml', '/repo/w/Dockerfile', '/repo/w/Dockerfile.skip', '/repo/w/vendor/Dockerfile', '/repo/w/build/Dockerfile',
    '/repo/w/a/build/compose.yaml', '/repo/w/a/compose.tmp.yaml', '/repo/w/a/compose.yaml', '/repo/w/a/dist/Dockerfile',
    '/repo/w/a/stack.yml', '/repo/w/node_modules/x/Dockerfile', '/repo/w/notes.txt', '/elsewhere/Dockerfile',
  ];
  for (const path of all) {
    assert.equal(await scanner.classify(path), scanned.get(path), path);
  }
});

test('classify sees a changed .gitignore after invalidate', async () => {
  const host = new MemoryFileSystem().file('/w/.gitignore', '').file('/w/Dockerfile', FROM);
  const scanner = new WorkspaceScanner({ host, roots: ['/w'] });
  assert.equal(await scanner.classify('/w/Dockerfile'), 'dockerfile');
  host.file('/w/.gitignore', 'Dockerfile\n');
  assert.equal(await scanner.classify('/w/Dockerfile'), 'dockerfile', 'cached until invalidated');
  scanner.invalidate('/w/.gitignore');
  assert.equal(await scanner.classify('/w/Dockerfile'), undefined);
});
