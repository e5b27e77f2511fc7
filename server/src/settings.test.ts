import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, DocumentDiagnosticReportKind, type FullDocumentDiagnosticReport, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol';
import sudo from '../../shared/src/rules/dockerfile/sudo';
import { FIX_ALL_KIND, type DiagnosticData } from '../../shared/src/protocol';
import { applyEdits } from '../../shared/src/text/edits';
import { PULL_CLIENT, PUSH_CLIENT, TestClient, settle, uriOf, waitFor } from './testing/protocolClient';
import { CLEAN_DOCKERFILE, SUDO_DOCKERFILE, TempWorkspace } from './testing/workspace';

const server = { rules: [sudo] };
const URI = 'untitled:Dockerfile-settings';

async function pulled(client: TestClient, uri = URI): Promise<FullDocumentDiagnosticReport> {
  const report = await client.pull(uri);
  assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
  return report as FullDocumentDiagnosticReport;
}

test('rule severities from the settings apply, and a change refreshes the diagnostics', async () => {
  let dockguard: unknown = { rules: { DG103: 'off' } };
  const client = new TestClient({ capabilities: PULL_CLIENT, server, configuration: (item) => (item.section === 'dockguard' ? dockguard : null) });
  try {
    await client.initialize();
    await client.open(URI, SUDO_DOCKERFILE);
    assert.deepEqual((await pulled(client)).items, []);
    // A file outside every folder gets the workspace's settings.
    assert.ok(client.configurationRequests.some((item) => item.scopeUri === undefined && item.section === 'dockguard'));

    dockguard = { rules: { sudo: 'error' } };
    const refreshes = client.refreshes;
    await client.configurationChanged();
    await waitFor(() => client.refreshes > refreshes, 'a diagnostics refresh');
    const report = await pulled(client);
    assert.deepEqual(report.items.map((item) => [item.code, item.severity]), [['DG103', DiagnosticSeverity.Error]]);

    // A notification that changes nothing of ours costs nothing.
    const before = client.refreshes;
    await client.configurationChanged();
    await settle();
    assert.equal(client.refreshes, before);
  } finally {
    client.dispose();
  }
});

test('dockguard.enable turns a resource off', async () => {
  let enable = false;
  const client = new TestClient({ capabilities: PULL_CLIENT, server, configuration: (item) => (item.section === 'dockguard' ? { enable } : null) });
  try {
    await client.initialize();
    await client.open(URI, SUDO_DOCKERFILE);
    assert.deepEqual((await pulled(client)).items, []);
    await waitFor(() => client.statuses.find((status) => status.uri === URI), 'a status');
    assert.equal(client.statuses.at(-1)!.state, 'disabled');
    enable = true;
    await client.configurationChanged();
    await waitFor(() => client.refreshes > 0, 'a refresh');
    assert.deepEqual((await pulled(client)).items.map((item) => item.code), ['DG103']);
    assert.equal(client.statuses.at(-1)!.state, 'findings');
    assert.equal(client.statuses.at(-1)!.warnings, 1);
  } finally {
    client.dispose();
  }
});

test('dockguard.run onSave: typing changes nothing until the file is saved', async () => {
  const client = new TestClient({ capabilities: PULL_CLIENT, server, configuration: (item) => (item.section === 'dockguard' ? { run: 'onSave' } : null) });
  try {
    await client.initialize();
    await client.open(URI, SUDO_DOCKERFILE);
    const opened = await pulled(client);
    assert.deepEqual(opened.items.map((item) => item.code), ['DG103']);
    await client.change(URI, [{ text: CLEAN_DOCKERFILE }]);
    const typed = await client.pull(URI, opened.resultId);
    assert.equal(typed.kind, DocumentDiagnosticReportKind.Unchanged);
    await client.save(URI);
    const saved = await pulled(client);
    assert.deepEqual(saved.items, []);
    await client.change(URI, [{ text: SUDO_DOCKERFILE }]);
    assert.deepEqual((await pulled(client)).items, []);
    // Fix-on-save runs before the save: fix-all works on the buffer, not on the last save.
    const everything = { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } };
    const [fixAll] = await client.codeActions(URI, everything, [], [FIX_ALL_KIND]);
    assert.ok(fixAll, 'a fix-all action');
    const edits = (fixAll.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
    assert.equal(applyEdits(SUDO_DOCKERFILE, edits), CLEAN_DOCKERFILE);
  } finally {
    client.dispose();
  }
});

test('onSave for a push client: pushes on open and save only', async () => {
  const client = new TestClient({
    capabilities: { ...PUSH_CLIENT, workspace: { ...PUSH_CLIENT.workspace, configuration: true } },
    server,
    configuration: (item) => (item.section === 'dockguard' ? { run: 'onSave' } : null),
  });
  try {
    await client.initialize();
    await client.open(URI, SUDO_DOCKERFILE);
    await waitFor(() => client.lastPublished(URI)?.diagnostics.length === 1, 'push on open');
    const count = client.published.length;
    await client.change(URI, [{ text: CLEAN_DOCKERFILE }]);
    await settle();
    assert.equal(client.published.length, count);
    await client.save(URI);
    await waitFor(() => client.published.length > count && client.lastPublished(URI)!.diagnostics.length === 0, 'push on save');
  } finally {
    client.dispose();
  }
});

test('settings are per resource: two folders, two answers', async () => {
  const workspace = new TempWorkspace({ 'a/Dockerfile': SUDO_DOCKERFILE, 'b/Dockerfile': SUDO_DOCKERFILE });
  const quiet = uriOf(workspace.path('a'));
  const client = new TestClient({
    capabilities: PULL_CLIENT,
    folders: [workspace.path('a'), workspace.path('b')],
    server,
    configuration: (item) => (item.section === 'dockguard' && item.scopeUri?.startsWith(quiet) ? { rules: { DG103: 'off' } } : null),
  });
  try {
    await client.initialize();
    const a = uriOf(workspace.path('a/Dockerfile'));
    const b = uriOf(workspace.path('b/Dockerfile'));
    await client.open(a, SUDO_DOCKERFILE);
    await client.open(b, SUDO_DOCKERFILE);
    assert.deepEqual((await pulled(client, a)).items, []);
    assert.deepEqual((await pulled(client, b)).items.map((item) => item.code), ['DG103']);
    // Asked once per folder, with the folder as the scope, however many files are open in it.
    const second = uriOf(workspace.write('a/sub/Dockerfile', SUDO_DOCKERFILE));
    await client.open(second, SUDO_DOCKERFILE);
    assert.deepEqual((await pulled(client, second)).items, []);
    const scopes = client.configurationRequests.filter((item) => item.section === 'dockguard').map((item) => item.scopeUri);
    assert.deepEqual([...scopes].sort(), [quiet, uriOf(workspace.path('b'))].sort());
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('invalid settings fall back to the defaults and say so in the output', async () => {
  const client = new TestClient({
    capabilities: PULL_CLIENT,
    server,
    configuration: (item) => (item.section === 'dockguard' ? { enable: 'yes', rules: { DG103: 'loud', nosuch: 'off' }, run: 'sometimes' } : null),
  });
  try {
    await client.initialize();
    await client.open(URI, SUDO_DOCKERFILE);
    assert.deepEqual((await pulled(client)).items.map((item) => item.code), ['DG103']);
    const messages = client.logs.map((log) => log.message).join('\n');
    assert.match(messages, /dockguard\.enable must be true or false/);
    assert.match(messages, /invalid severity for 'DG103'/);
    assert.match(messages, /unknown rule 'nosuch'/);
    assert.match(messages, /dockguard\.run must be one of onType, onSave/);
  } finally {
    client.dispose();
  }
});

test('a client without workspace/configuration passes settings at initialize and in didChangeConfiguration', async () => {
  const client = new TestClient({ capabilities: PUSH_CLIENT, server, initializationOptions: { settings: { rules: { DG103: 'off' } } } });
  try {
    await client.initialize();
    await client.open(URI, SUDO_DOCKERFILE);
    const first = await waitFor(() => client.lastPublished(URI), 'a push');
    assert.deepEqual(first.diagnostics, []);
    await client.configurationChanged({ dockguard: { rules: { DG103: 'error' } } });
    const second = await waitFor(() => client.lastPublished(URI)!.diagnostics.length > 0 && client.lastPublished(URI), 'a push after the change');
    assert.deepEqual(second.diagnostics.map((item) => [item.code, item.severity]), [['DG103', DiagnosticSeverity.Error]]);
    assert.equal((second.diagnostics[0].data as DiagnosticData).version, 1);
  } finally {
    client.dispose();
  }
});
