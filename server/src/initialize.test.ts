import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, TextDocumentSyncKind, type TextDocumentSyncOptions } from 'vscode-languageserver-protocol';
import { DIAGNOSTIC_IDENTIFIER, FIX_ALL_KIND, ShowRuleDocumentationCommand } from '../../shared/src/protocol';
import { PULL_CLIENT, PUSH_CLIENT, TestClient, waitFor } from './testing/protocolClient';
import { WATCHERS } from './watchedFiles';
import picomatch from 'picomatch';

test('initialize: a pull client gets pull diagnostics with workspace reports, incremental sync, code action kinds', async () => {
  const client = new TestClient({ capabilities: PULL_CLIENT });
  try {
    const { capabilities, serverInfo } = await client.initialize();
    assert.equal(serverInfo?.name, 'dockguard');
    const sync = capabilities.textDocumentSync as TextDocumentSyncOptions;
    assert.equal(sync.change, TextDocumentSyncKind.Incremental);
    assert.equal(sync.openClose, true);
    assert.deepEqual(sync.save, { includeText: false });
    assert.deepEqual(capabilities.diagnosticProvider, { identifier: DIAGNOSTIC_IDENTIFIER, interFileDependencies: false, workspaceDiagnostics: true });
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false });
    // The client said it implements the documentation command: the server must not claim it too.
    assert.equal(capabilities.executeCommandProvider, undefined);
    assert.deepEqual(capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });

    // After `initialized`: the server registers what it wants to hear about.
    await waitFor(() => client.registrations.length >= 2, 'two registrations');
    const configuration = client.registrations.find((registration) => registration.method === DidChangeConfigurationNotification.method);
    assert.deepEqual(configuration?.registerOptions, { section: ['dockguard', 'files.exclude'] });
    const watchers = client.registrations.find((registration) => registration.method === DidChangeWatchedFilesNotification.method);
    assert.deepEqual(watchers?.registerOptions, { watchers: WATCHERS });
  } finally {
    client.dispose();
  }
});

test('initialize: a push client gets no diagnostic provider, and the documentation command is the server’s', async () => {
  const client = new TestClient({ capabilities: PUSH_CLIENT, initializationOptions: {} });
  try {
    const { capabilities } = await client.initialize();
    assert.equal(capabilities.diagnosticProvider, undefined);
    assert.deepEqual(capabilities.executeCommandProvider, { commands: [ShowRuleDocumentationCommand.id] });
    // Nothing dynamic to register with a client that cannot take it.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(client.registrations, []);
  } finally {
    client.dispose();
  }
});

test('the watcher globs catch the names the engine lints, in any case', () => {
  const matchers = WATCHERS.filter((watcher) => watcher.kind === undefined).map((watcher) => picomatch.makeRe(watcher.globPattern as string, { dot: true }));
  const matches = (path: string): boolean => matchers.some((matcher) => matcher.test(path));
  for (const path of ['a/Dockerfile', 'DOCKERFILE', 'b/Dockerfile.prod', 'x/api.dockerfile', 'Containerfile', 'compose.yaml', 'c/docker-compose.override.YML', '.dockguard.yml', 'x/.gitignore', 'stack.yaml']) {
    assert.ok(matches(path), path);
  }
  for (const path of ['README.md', 'src/index.ts']) assert.ok(!matches(path), path);
});
