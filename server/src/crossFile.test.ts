import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FileChangeType, type FullDocumentDiagnosticReport, type PreviousResultId } from 'vscode-languageserver-protocol';
import userUnset from '../../shared/src/rules/compose/user-unset';
import { PULL_CLIENT, PUSH_CLIENT, TestClient, uriOf, waitFor } from './testing/protocolClient';
import { TempWorkspace, byUri, fullReport } from './testing/workspace';

// DG208 reads the Dockerfile a compose service builds; it is opt-in, so the settings turn it on.
const COMPOSE = 'services:\n  app:\n    build: .\n';
const ROOT_DOCKERFILE = 'FROM alpine:3.20\nRUN echo hi\n';
const NON_ROOT_DOCKERFILE = 'FROM alpine:3.20\nRUN echo hi\nUSER 10001\n';
const options = (workspace: TempWorkspace, capabilities = PULL_CLIENT) => ({
  capabilities,
  folders: [workspace.root],
  server: { rules: [userUnset], timing: { closeSettleMs: 20 } },
  configuration: (item: { section?: string }) => (item.section === 'dockguard' ? { rules: { DG208: 'warning' } } : null),
});

async function codes(client: TestClient, uri: string): Promise<string[]> {
  const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
  return report.items.map((item) => String(item.code));
}

test('a compose file follows the Dockerfile it builds: its buffer while open, the disk once closed', async () => {
  const workspace = new TempWorkspace({ 'compose.yaml': COMPOSE, Dockerfile: ROOT_DOCKERFILE });
  const client = new TestClient(options(workspace));
  try {
    await client.initialize();
    const compose = uriOf(workspace.path('compose.yaml'));
    const dockerfile = uriOf(workspace.path('Dockerfile'));
    await client.open(compose, COMPOSE, 'dockercompose');
    assert.deepEqual(await codes(client, compose), ['DG208']);

    await client.open(dockerfile, ROOT_DOCKERFILE);
    const refreshes = client.refreshes;
    await client.change(dockerfile, [{ text: NON_ROOT_DOCKERFILE }]);
    await waitFor(() => client.refreshes > refreshes, 'a refresh for the dependent compose file');
    assert.deepEqual(await codes(client, compose), []);

    // Closed without saving: the disk still runs as root.
    await client.close(dockerfile);
    assert.deepEqual(await codes(client, compose), ['DG208']);

    // Saved by someone else: the file watcher tells the server.
    workspace.write('Dockerfile', NON_ROOT_DOCKERFILE);
    await client.filesChanged([{ uri: dockerfile, type: FileChangeType.Changed }]);
    assert.deepEqual(await codes(client, compose), []);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('a closed compose file in the workspace is linted again when its Dockerfile changes on disk', async () => {
  const workspace = new TempWorkspace({ 'compose.yaml': COMPOSE, Dockerfile: ROOT_DOCKERFILE });
  const client = new TestClient(options(workspace));
  try {
    await client.initialize();
    const compose = uriOf(workspace.path('compose.yaml'));
    const first = byUri((await client.workspacePull()).items);
    assert.deepEqual(fullReport(first.get(compose), 'compose').items.map((item) => item.code), ['DG208']);
    const known: PreviousResultId[] = [...first.values()].map((item) => ({ uri: item.uri, value: item.resultId! }));

    workspace.write('Dockerfile', NON_ROOT_DOCKERFILE);
    await client.filesChanged([{ uri: uriOf(workspace.path('Dockerfile')), type: FileChangeType.Changed }]);
    const second = byUri((await client.workspacePull(known)).items);
    assert.deepEqual(fullReport(second.get(compose), 'compose after the change').items, []);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('a push client gets a new push for the dependent compose file', async () => {
  const workspace = new TempWorkspace({ 'compose.yaml': COMPOSE, Dockerfile: ROOT_DOCKERFILE });
  const client = new TestClient(options(workspace, { ...PUSH_CLIENT, workspace: { ...PUSH_CLIENT.workspace, configuration: true } }));
  try {
    await client.initialize();
    const compose = uriOf(workspace.path('compose.yaml'));
    const dockerfile = uriOf(workspace.path('Dockerfile'));
    await client.open(compose, COMPOSE, 'dockercompose');
    await waitFor(() => client.lastPublished(compose)?.version === 1 && client.lastPublished(compose)!.diagnostics.length === 1, 'DG208 pushed');
    await client.open(dockerfile, ROOT_DOCKERFILE);
    await client.change(dockerfile, [{ text: NON_ROOT_DOCKERFILE }]);
    await waitFor(() => client.lastPublished(compose)?.diagnostics.length === 0, 'the compose file pushed again');
  } finally {
    client.dispose();
    workspace.dispose();
  }
});
