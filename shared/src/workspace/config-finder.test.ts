import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFileSystem } from './memory-host';
import { ConfigFinder, isConfigFileName } from './config-finder';
import { resolveConfig } from '../config/config';

test('the nearest config walking up from a file applies, and only it', async () => {
  const host = new MemoryFileSystem()
    .file('/w/.dockguard.yaml', 'rules:\n  sudo: off\n')
    .file('/w/a/.dockguard.yml', 'rules:\n  DG101: error\n')
    .file('/w/a/b/c/Dockerfile', 'FROM alpine\n')
    .file('/w/x/Dockerfile', 'FROM alpine\n');
  const finder = new ConfigFinder(host);
  const deep = await finder.configForFile('/w/a/b/c/Dockerfile');
  assert.equal(deep?.path, '/w/a/.dockguard.yml');
  assert.equal(deep?.directory, '/w/a');
  assert.deepEqual(deep?.config.rules, { DG101: 'error' });
  const effective = resolveConfig(deep?.config);
  assert.equal(effective.severities.get('DG103'), undefined, 'the outer config does not cascade into a folder with its own');
  assert.equal((await finder.configForFile('/w/x/Dockerfile'))?.path, '/w/.dockguard.yaml');
  assert.equal(await finder.configForFile('/elsewhere/Dockerfile'), undefined);
});

test('.dockguard.yaml wins over .dockguard.yml in the same folder', async () => {
  const host = new MemoryFileSystem().file('/w/.dockguard.yml', 'rules: {}\n').file('/w/.dockguard.yaml', 'rules: {}\n');
  assert.equal((await new ConfigFinder(host).configFor('/w'))?.path, '/w/.dockguard.yaml');
});

test('the search stops at the root that holds the file', async () => {
  const host = new MemoryFileSystem().file('/.dockguard.yaml', 'rules: {}\n').file('/w/app/Dockerfile', 'FROM alpine\n');
  assert.equal((await new ConfigFinder(host).configForFile('/w/app/Dockerfile'))?.path, '/.dockguard.yaml');
  assert.equal(await new ConfigFinder(host, { roots: ['/w'] }).configForFile('/w/app/Dockerfile'), undefined);
  // A file outside every root is searched up to the file-system root.
  assert.equal((await new ConfigFinder(host, { roots: ['/w'] }).configForFile('/other/Dockerfile'))?.path, '/.dockguard.yaml');
});

test('answers are cached per folder until invalidated', async () => {
  const host = new MemoryFileSystem().file('/w/.dockguard.yaml', 'rules: {sudo: off}\n');
  const finder = new ConfigFinder(host);
  const first = await finder.configFor('/w/a/b');
  const reads = host.reads.readFile;
  assert.equal(await finder.configFor('/w/a/b'), first, 'the same object comes back');
  await finder.configFor('/w/a');
  assert.equal(host.reads.readFile, reads, 'nothing is read again');

  host.file('/w/a/.dockguard.yaml', 'rules: {sudo: error}\n');
  assert.equal((await finder.configFor('/w/a/b'))?.path, '/w/.dockguard.yaml', 'stale until told');
  finder.invalidate('/w/a/.dockguard.yaml');
  assert.equal((await finder.configFor('/w/a/b'))?.path, '/w/a/.dockguard.yaml');
  assert.equal((await finder.configFor('/w'))?.path, '/w/.dockguard.yaml');

  host.file('/w/.dockguard.yaml', 'rules: {sudo: info}\n');
  finder.invalidate('/w/.dockguard.yaml');
  assert.deepEqual((await finder.configFor('/w'))?.config.rules, { sudo: 'info' });

  host.remove('/w/a/.dockguard.yaml');
  finder.invalidate('/w/a'); // a folder: everything at or below it
  assert.equal((await finder.configFor('/w/a/b'))?.path, '/w/.dockguard.yaml');

  host.remove('/w/.dockguard.yaml');
  finder.invalidate();
  assert.equal(await finder.configFor('/w/a/b'), undefined);
});

test('a broken config keeps its valid parts and reports its mistakes with positions', async () => {
  const text = 'rules:\n  sudo: off\n  nope: error\nmax-file-size: lots\n';
  const host = new MemoryFileSystem().file('/w/.dockguard.yaml', text);
  const finder = new ConfigFinder(host);
  const config = await finder.configFor('/w');
  assert.deepEqual(config?.config.rules, { sudo: 'off' });
  assert.deepEqual(
    config?.problems.map((problem) => text.slice(problem.start, problem.end)),
    ['nope', 'lots'],
  );
  const broken = await finder.configFor('/w/sub');
  assert.equal(broken, config);
  assert.deepEqual((await finder.loadedConfigs()).map((loaded) => loaded.path), ['/w/.dockguard.yaml']);

  const yaml = new MemoryFileSystem().file('/y/.dockguard.yaml', 'rules: [\n');
  const parsed = await new ConfigFinder(yaml).configFor('/y');
  assert.equal(parsed?.problems[0]?.kind, 'syntax');
});

test('isConfigFileName', () => {
  assert.equal(isConfigFileName('/w/.dockguard.yaml'), true);
  assert.equal(isConfigFileName('.dockguard.yml'), true);
  assert.equal(isConfigFileName('/w/dockguard.yaml'), false);
});
