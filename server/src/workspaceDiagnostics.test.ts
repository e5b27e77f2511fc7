import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DocumentDiagnosticReportKind,
  FileChangeType,
  CancellationTokenSource,
  DidChangeWorkspaceFoldersNotification,
  type FullDocumentDiagnosticReport,
  type PreviousResultId,
  type WorkspaceDiagnosticReport,
  type WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import sudo from '../../shared/src/rules/dockerfile/sudo';
import { defineDockerfileRule } from '../../shared/src/rules/rule';
import { MemoryFileSystem } from '../../shared/src/workspace/memory-host';
import { LintWorkspaceRequest } from '../../shared/src/protocol';
import { PULL_CLIENT, PUSH_CLIENT, TestClient, uriOf, waitFor } from './testing/protocolClient';
import { BROKEN_COMPOSE, CLEAN_DOCKERFILE, SUDO_DOCKERFILE, TempWorkspace, byUri, fullReport } from './testing/workspace';

/** Only DG103 (and the engine's own findings) run: what a file shows does not depend on other rules. */
const server = { rules: [sudo], timing: { closeSettleMs: 20 } };

function previousIds(items: readonly WorkspaceDocumentDiagnosticReport[], known: PreviousResultId[] = []): PreviousResultId[] {
  const map = new Map(known.map((entry) => [entry.uri, entry.value]));
  for (const item of items) if (item.resultId) map.set(item.uri, item.resultId);
  return [...map].map(([uri, value]) => ({ uri, value }));
}

function codesOf(report: WorkspaceDocumentDiagnosticReport | undefined, what: string): string[] {
  return fullReport(report, what).items.map((item) => String(item.code));
}

test('every file of the workspace, with result ids: unchanged on repeat, then created, changed and deleted files', async () => {
  const workspace = new TempWorkspace({
    Dockerfile: SUDO_DOCKERFILE,
    'deploy/compose.yaml': BROKEN_COMPOSE,
    'node_modules/pkg/Dockerfile': SUDO_DOCKERFILE,
    'ignored/Dockerfile': SUDO_DOCKERFILE,
    '.gitignore': 'ignored/\n',
    'README.md': 'not linted\n',
  });
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.root], server });
  try {
    await client.initialize();
    const dockerfile = uriOf(workspace.path('Dockerfile'));
    const compose = uriOf(workspace.path('deploy/compose.yaml'));

    const first = await client.workspacePull();
    const reports = byUri(first.items);
    assert.deepEqual([...reports.keys()].sort(), [compose, dockerfile].sort());
    assert.deepEqual(codesOf(reports.get(dockerfile), 'Dockerfile'), ['DG103']);
    assert.ok(codesOf(reports.get(compose), 'compose.yaml').includes('DG000'));
    for (const report of first.items) {
      assert.equal(report.version, null);
      assert.ok(report.resultId);
    }

    // Asked again with what it has: nothing changed.
    let known = previousIds(first.items);
    const second = await client.workspacePull(known);
    assert.equal(second.items.length, 2);
    assert.ok(second.items.every((item) => item.kind === DocumentDiagnosticReportKind.Unchanged));

    // Changed on disk.
    workspace.write('Dockerfile', CLEAN_DOCKERFILE);
    await client.filesChanged([{ uri: dockerfile, type: FileChangeType.Changed }]);
    const third = byUri((await client.workspacePull(known)).items);
    assert.deepEqual(codesOf(third.get(dockerfile), 'changed Dockerfile'), []);
    assert.equal(third.get(compose)?.kind, DocumentDiagnosticReportKind.Unchanged);
    known = previousIds([...third.values()], known);

    // Created.
    const created = uriOf(workspace.write('api/Dockerfile.dev', SUDO_DOCKERFILE));
    await client.filesChanged([{ uri: created, type: FileChangeType.Created }]);
    const fourth = byUri((await client.workspacePull(known)).items);
    assert.deepEqual(codesOf(fourth.get(created), 'created Dockerfile.dev'), ['DG103']);
    known = previousIds([...fourth.values()], known);

    // Deleted: its problems disappear.
    workspace.remove('api');
    await client.filesChanged([{ uri: uriOf(workspace.path('api')), type: FileChangeType.Deleted }]);
    const fifth = byUri((await client.workspacePull(known)).items);
    assert.deepEqual(fullReport(fifth.get(created), 'deleted file').items, []);
    known = previousIds([...fifth.values()], known);
    // ... once: then it is unchanged (empty) and no longer mentioned.
    const sixth = byUri((await client.workspacePull(known)).items);
    assert.equal(sixth.get(created), undefined);
    assert.equal(sixth.get(dockerfile)?.kind, DocumentDiagnosticReportKind.Unchanged);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('a streaming client gets the scan as partial results, and each change as it happens, on one open request', async () => {
  const workspace = new TempWorkspace({ Dockerfile: SUDO_DOCKERFILE, 'b/Dockerfile': CLEAN_DOCKERFILE });
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.root], server });
  try {
    await client.initialize();
    const partials: WorkspaceDocumentDiagnosticReport[] = [];
    let answered = false;
    const source = new CancellationTokenSource();
    const request = client.workspacePull([], (partial) => partials.push(...partial.items), source).then((result) => {
      answered = true;
      return result;
    });
    await waitFor(() => partials.length >= 2, 'both files as partial results');
    const dockerfile = uriOf(workspace.path('Dockerfile'));
    assert.deepEqual(codesOf(partials.find((item) => item.uri === dockerfile), 'Dockerfile'), ['DG103']);
    // Nothing changes: the request stays open instead of answering "unchanged" again and again.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(answered, false);

    const count = partials.length;
    workspace.write('b/Dockerfile', SUDO_DOCKERFILE);
    await client.filesChanged([{ uri: uriOf(workspace.path('b/Dockerfile')), type: FileChangeType.Changed }]);
    // The change arrives at once, on the same request, which stays open.
    await waitFor(() => partials.length > count, 'the changed file');
    const update = partials.slice(count);
    assert.deepEqual(update.map((item) => item.uri), [uriOf(workspace.path('b/Dockerfile'))]);
    assert.deepEqual(codesOf(update[0], 'b/Dockerfile'), ['DG103']);
    assert.equal(answered, false);
    source.cancel();
    const result: WorkspaceDiagnosticReport = await request;
    assert.deepEqual(result.items, []);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('a held workspace request ends when the client cancels it', async () => {
  const workspace = new TempWorkspace({ Dockerfile: SUDO_DOCKERFILE });
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.root], server });
  try {
    await client.initialize();
    const partials: WorkspaceDocumentDiagnosticReport[] = [];
    const source = new CancellationTokenSource();
    const request = client.workspacePull([], (partial) => partials.push(...partial.items), source);
    await waitFor(() => partials.length >= 1, 'the file');
    source.cancel();
    const result = await request.catch((error: unknown) => error);
    assert.ok(result !== undefined);
    // The server still answers.
    const again = await client.workspacePull();
    assert.equal(again.items.length, 1);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('open buffers win over the disk; on close the disk comes back', async () => {
  const workspace = new TempWorkspace({ Dockerfile: SUDO_DOCKERFILE });
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.root], server });
  try {
    await client.initialize();
    const uri = uriOf(workspace.path('Dockerfile'));
    await client.open(uri, CLEAN_DOCKERFILE);
    const document = (await client.pull(uri)) as FullDocumentDiagnosticReport;
    assert.deepEqual(document.items, []);
    // The workspace does not report an open file: the editor shows the buffer's diagnostics.
    const workspaceAnswer = await client.workspacePull();
    assert.equal(byUri(workspaceAnswer.items).get(uri), undefined);

    await client.close(uri);
    // A document pull after close (as VS Code does) answers from the disk.
    const closed = (await client.pull(uri)) as FullDocumentDiagnosticReport;
    assert.deepEqual(closed.items.map((item) => item.code), ['DG103']);
    const after = byUri((await client.workspacePull(previousIds(workspaceAnswer.items))).items);
    assert.deepEqual(codesOf(after.get(uri), 'closed Dockerfile'), ['DG103']);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('a closed file that the workspace does not report is cleared', async () => {
  const workspace = new TempWorkspace({ 'Dockerfile.txt': 'x' });
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.root], server });
  try {
    await client.initialize();
    const uri = 'untitled:Untitled-1';
    await client.open(uri, SUDO_DOCKERFILE);
    const open = (await client.pull(uri)) as FullDocumentDiagnosticReport;
    assert.equal(open.items.length, 1);
    const known = previousIds([{ kind: 'full', uri, resultId: open.resultId, items: open.items, version: 1 }]);
    await client.close(uri);
    const answer = byUri((await client.workspacePull(known.filter((entry) => entry.uri !== uri))).items);
    assert.deepEqual(fullReport(answer.get(uri), 'closed untitled').items, []);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('workspace-wide reporting can be turned off', async () => {
  const workspace = new TempWorkspace({ Dockerfile: SUDO_DOCKERFILE });
  const client = new TestClient({
    capabilities: PULL_CLIENT,
    folders: [workspace.root],
    server,
    configuration: (item) => (item.section === 'dockguard' ? { workspaceDiagnostics: false } : null),
  });
  try {
    await client.initialize();
    assert.deepEqual((await client.workspacePull()).items, []);
    // Open files are still linted.
    const uri = uriOf(workspace.path('Dockerfile'));
    await client.open(uri, SUDO_DOCKERFILE);
    const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
    assert.deepEqual(report.items.map((item) => item.code), ['DG103']);
    // Turned back on: the file appears.
    client.configuration = () => null;
    await client.configurationChanged();
    await client.close(uri);
    const answer = byUri((await client.workspacePull()).items);
    assert.deepEqual(codesOf(answer.get(uri), 'Dockerfile'), ['DG103']);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('a push client gets the workspace as pushes; a deleted file is emptied', async () => {
  const workspace = new TempWorkspace({ Dockerfile: SUDO_DOCKERFILE, 'x/compose.yml': BROKEN_COMPOSE });
  const client = new TestClient({ capabilities: PUSH_CLIENT, folders: [workspace.root], server });
  try {
    await client.initialize();
    const dockerfile = uriOf(workspace.path('Dockerfile'));
    const compose = uriOf(workspace.path('x/compose.yml'));
    const pushed = await waitFor(() => client.lastPublished(dockerfile), 'Dockerfile pushed');
    assert.deepEqual(pushed.diagnostics.map((item) => item.code), ['DG103']);
    assert.equal(pushed.version, undefined);
    await waitFor(() => client.lastPublished(compose), 'compose pushed');

    workspace.remove('x/compose.yml');
    await client.filesChanged([{ uri: compose, type: FileChangeType.Deleted }]);
    await waitFor(() => client.lastPublished(compose)?.diagnostics.length === 0, 'compose emptied');

    // Opened, the buffer wins (pushed with its version); closed, the disk again.
    await client.open(dockerfile, CLEAN_DOCKERFILE);
    await waitFor(() => client.lastPublished(dockerfile)?.version === 1 && client.lastPublished(dockerfile)!.diagnostics.length === 0, 'buffer pushed');
    await client.close(dockerfile);
    await waitFor(() => client.lastPublished(dockerfile)?.diagnostics.length === 1, 'disk pushed after close');
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('the scan reports progress and status, and the workspace can be linted on request', async () => {
  const workspace = new TempWorkspace({ Dockerfile: SUDO_DOCKERFILE, 'a/Dockerfile': CLEAN_DOCKERFILE });
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.root], server });
  try {
    await client.initialize();
    const result = await client.connection.sendRequest(LintWorkspaceRequest.type, {});
    assert.equal(result.cancelled, false);
    assert.equal(result.files, 2);
    assert.equal(result.findings, 1);
    await waitFor(() => client.workspaceStatuses.some((status) => !status.busy && status.phase === 'idle'), 'an idle status');
    const idle = [...client.workspaceStatuses].reverse().find((status) => !status.busy)!;
    assert.equal(idle.filesWithFindings, 1);
    assert.equal(idle.findings, 1);
    assert.ok(client.workspaceStatuses.some((status) => status.busy && status.phase === 'scanning'));
    await waitFor(() => client.progress.some((value) => value.kind === 'end'), 'progress ended');
    assert.equal(client.progress[0].kind, 'begin');
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('a long scan does not hold up the editor: an open document is linted and answered while the scan runs', async () => {
  // A rule that takes 3 ms a file makes the scan of 600 files last about two seconds of busy work.
  const slow = defineDockerfileRule({
    ...sudo,
    check(context) {
      const until = performance.now() + 3;
      while (performance.now() < until);
      sudo.check(context);
    },
  });
  const fileSystem = new MemoryFileSystem();
  for (let i = 0; i < 600; i++) fileSystem.file(`/workspace/app${i}/Dockerfile`, SUDO_DOCKERFILE);
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: ['/workspace'], server: { ...server, rules: [slow], fileSystem } });
  try {
    await client.initialize();
    let scanFinished = false;
    const scan = client.connection.sendRequest(LintWorkspaceRequest.type, {}).then((result) => {
      scanFinished = true;
      return result;
    });
    await waitFor(() => client.workspaceStatuses.some((status) => status.busy && status.filesDone > 0), 'the scan under way');
    const uri = 'untitled:Dockerfile-typed';
    await client.open(uri, SUDO_DOCKERFILE);
    const opened = (await client.pull(uri)) as FullDocumentDiagnosticReport;
    assert.equal(scanFinished, false, 'the open document waited for the scan');
    assert.deepEqual(opened.items.map((item) => item.code), ['DG103']);
    await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '# ' }]);
    const edited = (await client.pull(uri)) as FullDocumentDiagnosticReport;
    assert.equal(scanFinished, false, 'the edit waited for the scan');
    assert.deepEqual(edited.items, []);
    const result = await scan;
    assert.equal(result.files, 600);
    assert.equal(result.findings, 600);
  } finally {
    client.dispose();
  }
});

test('a pull client that never asks for the workspace gets no scan', async () => {
  const workspace = new TempWorkspace({ Dockerfile: SUDO_DOCKERFILE });
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.root], server });
  try {
    await client.initialize();
    const uri = uriOf(workspace.path('Dockerfile'));
    await client.open(uri, SUDO_DOCKERFILE);
    assert.equal(((await client.pull(uri)) as FullDocumentDiagnosticReport).items.length, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(client.workspaceStatuses.length, 0);
    assert.equal(client.progressTokens.length, 0);
    // The first request starts it.
    assert.equal((await client.workspacePull()).items.length, 0); // the only file is open
    assert.ok(client.workspaceStatuses.some((status) => status.busy));
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('an open file is recognised however the client spells its URI', async () => {
  const workspace = new TempWorkspace({ 'Dockerfile.a(b)': SUDO_DOCKERFILE });
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.root], server });
  try {
    await client.initialize();
    // VS Code percent-encodes parentheses; the scan does not.
    const vscodeUri = uriOf(workspace.path('Dockerfile.a(b)')).replace('(', '%28').replace(')', '%29');
    assert.notEqual(vscodeUri, uriOf(workspace.path('Dockerfile.a(b)')));
    await client.open(vscodeUri, CLEAN_DOCKERFILE);
    assert.deepEqual(((await client.pull(vscodeUri)) as FullDocumentDiagnosticReport).items, []);
    assert.deepEqual((await client.workspacePull()).items, []);
    await client.close(vscodeUri);
    const after = (await client.workspacePull()).items;
    assert.equal(after.length, 1);
    assert.deepEqual(codesOf(after[0], 'the file after close'), ['DG103']);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('workspace folders added and removed', async () => {
  const workspace = new TempWorkspace({ 'a/Dockerfile': SUDO_DOCKERFILE, 'b/Dockerfile': SUDO_DOCKERFILE });
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.path('a')], server });
  try {
    await client.initialize();
    const a = uriOf(workspace.path('a/Dockerfile'));
    const b = uriOf(workspace.path('b/Dockerfile'));
    const first = await client.workspacePull();
    assert.deepEqual(first.items.map((item) => item.uri), [a]);
    const folder = (name: string) => ({ uri: uriOf(workspace.path(name)), name });
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [folder('b')], removed: [folder('a')] } });
    const second = byUri((await client.workspacePull(previousIds(first.items))).items);
    assert.deepEqual(codesOf(second.get(b), 'b/Dockerfile'), ['DG103']);
    // The removed folder's file is emptied.
    assert.deepEqual(fullReport(second.get(a), 'a/Dockerfile').items, []);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});
