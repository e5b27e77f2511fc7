import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { readZip, type ZipEntry } from './unzip';

/**
 * Packages the extension as `npm run package` does (vsce, --no-dependencies, the .vscodeignore
 * allow-list) from the bundles the build just made, then checks the VSIX: its exact file list,
 * its size, and that both bundles load and run from the unpacked VSIX with no node_modules
 * anywhere — the server answers `initialize` over IPC as VS Code starts it. Needs only what
 * `npm ci` installs (vsce is a dev dependency) and `npm run build`'s output.
 */

const ROOT = resolve(__dirname, '..', '..');
const MAX_VSIX_BYTES = 1_000_000;

let work: string;
let vsixPath: string;
let entries: ZipEntry[];
let unpacked: string;

function ruleDocs(): string[] {
  const docs: string[] = [];
  const walk = (directory: string): void => {
    for (const name of readdirSync(directory).sort()) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) docs.push(relative(ROOT, path).replace(/\\/g, '/'));
    }
  };
  walk(join(ROOT, 'shared', 'src', 'rules'));
  return docs;
}

before(() => {
  for (const bundle of ['dist/extension.js', 'dist/server.js']) {
    assert.ok(existsSync(join(ROOT, bundle)), `${bundle} is missing: run npm run build first (npm test does)`);
  }
  work = mkdtempSync(join(tmpdir(), 'dockguard-vsix-'));
  vsixPath = join(work, 'dockguard.vsix');
  const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsixPath], {
    cwd: ROOT,
    encoding: 'utf8',
    // vsce asks questions on stdin when something is off (no LICENSE, no repository): fail instead.
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  assert.equal(result.status, 0, `vsce package failed:\n${result.stdout}\n${result.stderr}`);
  entries = readZip(readFileSync(vsixPath));
  unpacked = join(work, 'unpacked');
  for (const entry of entries) {
    const target = join(unpacked, entry.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.data);
  }
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the VSIX holds exactly the bundles, the manifest, the docs and the assets', () => {
  const expected = [
    '[Content_Types].xml',
    'extension.vsixmanifest',
    'extension/package.json',
    'extension/readme.md',
    'extension/changelog.md',
    'extension/LICENSE.txt',
    'extension/ThirdPartyNotices.txt',
    'extension/dist/extension.js',
    'extension/dist/server.js',
    'extension/client/images/icon.png',
    'extension/client/schemas/dockguard-config.schema.json',
    'extension/syntaxes/dockguard-ignore.injection.tmLanguage.json',
    ...ruleDocs().map((doc) => `extension/${doc}`),
  ];
  assert.deepEqual(entries.map((entry) => entry.name).sort(), expected.sort());
  // The reader really unpacked the files: they are byte for byte the ones in the repository.
  assert.ok(readFileSync(join(unpacked, 'extension/dist/server.js')).equals(readFileSync(join(ROOT, 'dist/server.js'))));
});

test('every rule page the repository has is shipped, so "Show documentation" finds it', () => {
  const catalog = readFileSync(join(ROOT, 'client/src/rule-catalog.ts'), 'utf8');
  for (const [, docsPath] of catalog.matchAll(/"docsPath": "([^"]+)"/g)) {
    const inRepository = existsSync(join(ROOT, 'shared/src/rules', docsPath));
    const inPackage = existsSync(join(unpacked, 'extension/shared/src/rules', docsPath));
    assert.equal(inPackage, inRepository, docsPath);
  }
});

test(`the VSIX stays under ${MAX_VSIX_BYTES / 1_000_000} MB`, () => {
  const size = statSync(vsixPath).size;
  assert.ok(size <= MAX_VSIX_BYTES, `${size} bytes`);
});

test('the packaged manifest points at files that are in the package', () => {
  const manifest = JSON.parse(readFileSync(join(unpacked, 'extension/package.json'), 'utf8'));
  const paths = [
    manifest.main,
    manifest.icon,
    ...manifest.contributes.grammars.map((grammar: { path: string }) => grammar.path),
    ...manifest.contributes.yamlValidation.map((validation: { url: string }) => validation.url),
  ];
  for (const path of paths) assert.ok(existsSync(join(unpacked, 'extension', path)), path);
  const vsixManifest = readFileSync(join(unpacked, 'extension.vsixmanifest'), 'utf8');
  assert.match(vsixManifest, new RegExp(`<Identity [^>]*Id="${manifest.name}"[^>]*Version="${manifest.version.replace(/\./g, '\\.')}"[^>]*Publisher="${manifest.publisher}"`));
});

/** Logs every module a process resolves that is not built into Node, except its main module. */
const RESOLVE_HOOK = `
const Module = require('node:module');
const fs = require('node:fs');
const original = Module._resolveFilename;
const resolved = [];
Module._resolveFilename = function (request, parent, ...rest) {
  const file = original.call(this, request, parent, ...rest);
  if (parent && !Module.isBuiltin(request)) resolved.push({ request, file });
  return file;
};
process.on('exit', () => fs.writeFileSync(process.env.DOCKGUARD_RESOLVE_LOG, JSON.stringify(resolved)));
`;

/**
 * A stand-in for the `vscode` module with the API's top-level names (read from @types/vscode, as
 * the bundle's ESM interop copies the module's own properties); each name, and everything
 * reached from it, is a proxy that answers any property, call or `new` with itself.
 */
function vscodeStub(): string {
  const types = readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const names = new Set<string>();
  for (const [, name] of types.matchAll(/^(?:\t| {4})export (?:declare )?(?:namespace|class|enum|function|const|let|var) ([A-Za-z_$][\w$]*)/gm)) names.add(name);
  assert.ok(names.has('window') && names.has('LanguageStatusSeverity'), 'read the API names from @types/vscode');
  return `
const handler = { get: (_target, key) => (key === Symbol.toPrimitive ? () => '' : stub), apply: () => stub, construct: () => stub };
const stub = new Proxy(function vscode() {}, handler);
for (const name of ${JSON.stringify([...names])}) exports[name] = stub;
`;
}

function isolatedEnvironment(log: string, nodePath?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: work, DOCKGUARD_RESOLVE_LOG: log };
  if (nodePath) env.NODE_PATH = nodePath;
  return env;
}

test('the extension bundle loads with nothing but the vscode module', () => {
  const stubs = join(work, 'stubs');
  mkdirSync(join(stubs, 'vscode'), { recursive: true });
  writeFileSync(join(stubs, 'vscode', 'index.js'), vscodeStub());
  const hook = join(work, 'resolve-hook.js');
  writeFileSync(hook, RESOLVE_HOOK);
  const log = join(work, 'extension-resolved.json');
  const script = `
    const extension = require(${JSON.stringify(join(unpacked, 'extension/dist/extension.js'))});
    if (typeof extension.activate !== 'function' || typeof extension.deactivate !== 'function') {
      console.error('exports: ' + Object.keys(extension));
      process.exit(3);
    }`;
  const result = spawnSync(process.execPath, ['--require', hook, '-e', script], {
    cwd: work,
    env: isolatedEnvironment(log, stubs),
    encoding: 'utf8',
    timeout: 30_000,
  });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  const bundle = join(unpacked, 'extension/dist/extension.js');
  const resolved = (JSON.parse(readFileSync(log, 'utf8')) as { request: string; file: string }[]).filter((entry) => entry.file !== bundle);
  assert.deepEqual(resolved, [{ request: 'vscode', file: join(stubs, 'vscode', 'index.js') }]);
});

test('the server bundle starts from the VSIX alone and answers initialize over IPC, as VS Code starts it', async () => {
  const hook = join(work, 'resolve-hook.js');
  writeFileSync(hook, RESOLVE_HOOK);
  const log = join(work, 'server-resolved.json');
  const server = fork(join(unpacked, 'extension/dist/server.js'), ['--node-ipc'], {
    cwd: work,
    env: isolatedEnvironment(log),
    execArgv: ['--require', hook],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const responses = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
  server.on('message', (message: { id?: number; method?: string; result?: unknown; error?: unknown }) => {
    if (message.id !== undefined && message.method === undefined) responses.get(message.id)?.(message);
    // Requests from the server (configuration, registrations) are answered with nothing.
    else if (message.id !== undefined) server.send({ jsonrpc: '2.0', id: message.id, result: null });
  });
  const request = (id: number, method: string, params: unknown): Promise<{ result?: unknown; error?: unknown }> =>
    new Promise((resolveResponse) => {
      responses.set(id, resolveResponse);
      server.send({ jsonrpc: '2.0', id, method, params });
    });
  const exited = new Promise<number | null>((resolveExit) => server.on('exit', (code) => resolveExit(code)));
  const timeout = setTimeout(() => server.kill(), 30_000);
  try {
    const initialize = await request(1, 'initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {},
      initializationOptions: { statusNotifications: true, showDocumentationCommand: true },
    });
    assert.equal(initialize.error, undefined, JSON.stringify(initialize.error));
    const capabilities = (initialize.result as { capabilities?: Record<string, unknown> }).capabilities;
    assert.ok(capabilities?.textDocumentSync, `initialize result: ${JSON.stringify(initialize.result)}`);
    assert.ok(capabilities?.codeActionProvider, 'code actions');
    server.send({ jsonrpc: '2.0', method: 'initialized', params: {} });
    const shutdown = await request(2, 'shutdown', null);
    assert.equal(shutdown.error, undefined);
    server.send({ jsonrpc: '2.0', method: 'exit' });
    assert.equal(await exited, 0, stderr);
  } finally {
    clearTimeout(timeout);
    if (server.exitCode === null) server.kill();
  }
  const resolved = JSON.parse(readFileSync(log, 'utf8')) as { request: string; file: string }[];
  assert.deepEqual(resolved, [], 'the server resolves no module outside itself');
});
