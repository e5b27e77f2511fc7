import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, DocumentDiagnosticReportKind, FileChangeType, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import sudo from '../../shared/src/rules/dockerfile/sudo';
import { PULL_CLIENT, TestClient, uriOf, waitFor } from './testing/protocolClient';
import { SUDO_DOCKERFILE, TempWorkspace, byUri, fullReport } from './testing/workspace';

const server = { rules: [sudo], timing: { closeSettleMs: 20 } };

async function pulled(client: TestClient, uri: string): Promise<FullDocumentDiagnosticReport> {
  const report = await client.pull(uri);
  assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
  return report as FullDocumentDiagnosticReport;
}

function severities(report: FullDocumentDiagnosticReport | { items: FullDocumentDiagnosticReport['items'] }): [string, number | undefined][] {
  return report.items.map((item) => [String(item.code), item.severity]);
}

test('the nearest .dockguard.yaml applies, per folder of a two-folder workspace and per package of a monorepo', async () => {
  const workspace = new TempWorkspace({
    'a/.dockguard.yaml': 'rules:\n  DG103: off\n',
    'a/Dockerfile': SUDO_DOCKERFILE,
    'b/Dockerfile': SUDO_DOCKERFILE,
    'b/packages/api/.dockguard.yml': 'rules:\n  sudo: error\n',
    'b/packages/api/Dockerfile': SUDO_DOCKERFILE,
    'b/packages/web/Dockerfile': SUDO_DOCKERFILE,
  });
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.path('a'), workspace.path('b')], server });
  try {
    await client.initialize();
    const files = {
      a: uriOf(workspace.path('a/Dockerfile')),
      b: uriOf(workspace.path('b/Dockerfile')),
      api: uriOf(workspace.path('b/packages/api/Dockerfile')),
      web: uriOf(workspace.path('b/packages/web/Dockerfile')),
    };
    const expected: Record<keyof typeof files, [string, number][]> = {
      a: [],
      b: [['DG103', DiagnosticSeverity.Warning]],
      api: [['DG103', DiagnosticSeverity.Error]],
      web: [['DG103', DiagnosticSeverity.Warning]],
    };
    // Closed files, through the workspace ...
    const reports = byUri((await client.workspacePull()).items);
    for (const [name, uri] of Object.entries(files)) {
      assert.deepEqual(severities(fullReport(reports.get(uri), name)), expected[name as keyof typeof files], `${name} on disk`);
    }
    // ... and open ones, from the buffer: the same answer.
    for (const [name, uri] of Object.entries(files)) {
      await client.open(uri, SUDO_DOCKERFILE);
      assert.deepEqual(severities(await pulled(client, uri)), expected[name as keyof typeof files], `${name} open`);
    }
    // The valid config files have nothing to say about themselves.
    assert.deepEqual(fullReport(reports.get(uriOf(workspace.path('a/.dockguard.yaml'))), 'a/.dockguard.yaml').items, []);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('a config file that is invalid shows its mistakes on itself; fixed on disk, everything follows', async () => {
  const workspace = new TempWorkspace({
    '.dockguard.yaml': 'rules:\n  DG103: loud\n',
    Dockerfile: SUDO_DOCKERFILE,
  });
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.root], server });
  try {
    await client.initialize();
    const config = uriOf(workspace.path('.dockguard.yaml'));
    const dockerfile = uriOf(workspace.path('Dockerfile'));
    const first = await client.workspacePull();
    const reports = byUri(first.items);
    const mistakes = fullReport(reports.get(config), 'config');
    assert.deepEqual(mistakes.items.map((item) => item.code), ['DG002']);
    assert.deepEqual(mistakes.items[0].range.start, { line: 1, character: 9 });
    // The invalid entry is ignored: DG103 keeps its default severity.
    assert.deepEqual(severities(fullReport(reports.get(dockerfile), 'Dockerfile')), [['DG103', DiagnosticSeverity.Warning]]);

    // Opened, the config is linted from the buffer while it is edited.
    await client.open(config, 'rules:\n  DG103: loud\n', 'yaml');
    assert.deepEqual((await pulled(client, config)).items.map((item) => item.code), ['DG002']);
    await client.change(config, [{ text: 'rules:\n  DG103: error\n' }]);
    assert.deepEqual((await pulled(client, config)).items, []);
    await client.open(dockerfile, SUDO_DOCKERFILE);
    // Other files follow the config once it is saved.
    assert.deepEqual(severities(await pulled(client, dockerfile)), [['DG103', DiagnosticSeverity.Warning]]);
    workspace.write('.dockguard.yaml', 'rules:\n  DG103: error\n');
    const refreshes = client.refreshes;
    await client.filesChanged([{ uri: config, type: FileChangeType.Changed }]);
    await waitFor(() => client.refreshes > refreshes, 'a refresh after the config changed');
    assert.deepEqual(severities(await pulled(client, dockerfile)), [['DG103', DiagnosticSeverity.Error]]);

    // Closed, both files show the disk again: the config has no more mistakes.
    await client.close(config);
    await client.close(dockerfile);
    const after = byUri((await client.workspacePull()).items);
    assert.deepEqual(fullReport(after.get(config), 'fixed config').items, []);
    assert.deepEqual(severities(fullReport(after.get(dockerfile), 'Dockerfile')), [['DG103', DiagnosticSeverity.Error]]);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('a config file created and deleted on disk', async () => {
  const workspace = new TempWorkspace({ Dockerfile: SUDO_DOCKERFILE });
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.root], server });
  try {
    await client.initialize();
    const dockerfile = uriOf(workspace.path('Dockerfile'));
    await client.open(dockerfile, SUDO_DOCKERFILE);
    assert.equal((await pulled(client, dockerfile)).items.length, 1);
    const config = uriOf(workspace.write('.dockguard.yaml', 'rules:\n  sudo: off\n'));
    await client.filesChanged([{ uri: config, type: FileChangeType.Created }]);
    await waitFor(() => client.refreshes > 0, 'a refresh');
    assert.deepEqual((await pulled(client, dockerfile)).items, []);
    workspace.remove('.dockguard.yaml');
    await client.filesChanged([{ uri: config, type: FileChangeType.Deleted }]);
    await waitFor(() => client.refreshes > 1, 'another refresh');
    assert.equal((await pulled(client, dockerfile)).items.length, 1);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('ignore-paths of the config and dockguard.exclude keep files out of the workspace', async () => {
  const workspace = new TempWorkspace({
    '.dockguard.yaml': 'ignore-paths:\n  - vendor/**\n',
    'vendor/x/Dockerfile': SUDO_DOCKERFILE,
    'generated/Dockerfile': SUDO_DOCKERFILE,
    'app/Dockerfile': SUDO_DOCKERFILE,
    'stacks/prod.yml': 'services:\n  web: [\n',
  });
  const client = new TestClient({
    capabilities: PULL_CLIENT,
    folders: [workspace.root],
    server,
    configuration: (item) =>
      item.section === 'dockguard' ? { exclude: ['generated/**'], composeFiles: ['stacks/*.yml'] } : item.section === 'files.exclude' ? { '**/tmp': true, '**/*.js': { when: '$(basename).ts' } } : null,
  });
  try {
    await client.initialize();
    const uris = (await client.workspacePull()).items.map((item) => item.uri).sort();
    assert.deepEqual(uris, [uriOf(workspace.path('.dockguard.yaml')), uriOf(workspace.path('app/Dockerfile')), uriOf(workspace.path('stacks/prod.yml'))].sort());
    // Opened as plain YAML, a file named by dockguard.composeFiles is linted as a compose file.
    const stack = uriOf(workspace.path('stacks/prod.yml'));
    await client.open(stack, 'services:\n  web: [\n', 'yaml');
    assert.deepEqual((await pulled(client, stack)).items.map((item) => item.code), ['DG000']);
    const other = uriOf(workspace.write('other/prod.yml', 'services:\n  web: [\n'));
    await client.open(other, 'x: [\n', 'yaml');
    assert.deepEqual((await pulled(client, other)).items, []);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});
