import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CancellationTokenSource,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  type FullDocumentDiagnosticReport,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { lint } from '../../shared/src/lint';
import sudo from '../../shared/src/rules/dockerfile/sudo';
import { defineDockerfileRule } from '../../shared/src/rules/rule';
import { LintWorkspaceRequest } from '../../shared/src/protocol';
import { NodeFileSystem } from './fileSystem';
import { toDiagnostic } from './diagnostics';
import { PULL_CLIENT, PUSH_CLIENT, TestClient, settle, uriOf, waitFor } from './testing/protocolClient';
import { SUDO_DOCKERFILE, TempWorkspace, byUri, fullReport } from './testing/workspace';

const URI = 'untitled:Dockerfile-robust';

const throwing = defineDockerfileRule({
  id: 'DG990',
  name: 'always-throws',
  defaultSeverity: 'error',
  cheatSheet: '–',
  fixable: false,
  summary: 'A rule with a bug.',
  check() {
    throw new Error('boom in the rule');
  },
});

/** What a fresh lint of the text says, as the server would show it. */
function freshDiagnostics(uri: string, text: string, version: number): unknown {
  return lint(text, { fileName: 'Dockerfile', kind: 'dockerfile', rules: [sudo] }).findings.map((finding) => toDiagnostic(finding, uri, version, true));
}

/** 1,000 edits: insertions, deletions and replacements, some adding or removing `sudo`. */
function randomEdits(start: string, count: number): { changes: TextDocumentContentChangeEvent[]; final: string } {
  let seed = 42;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const document = TextDocument.create('x', 'dockerfile', 1, start);
  const changes: TextDocumentContentChangeEvent[] = [];
  const pieces = ['sudo ', 'RUN sudo apt-get install x\n', 'a', '\n', ' ', 'USER app\n', '#'];
  for (let i = 0; i < count; i++) {
    const text = document.getText();
    const a = random(text.length + 1);
    const b = Math.min(text.length, a + random(4));
    const change = { range: { start: document.positionAt(a), end: document.positionAt(b) }, text: random(3) === 0 ? '' : pieces[random(pieces.length)] };
    TextDocument.update(document, [change], document.version + 1);
    changes.push(change);
  }
  return { changes, final: document.getText() };
}

test('an exception in one rule loses none of the others, is logged with the file and rule, and shows in the status', async () => {
  const client = new TestClient({ capabilities: PULL_CLIENT, server: { rules: [throwing, sudo] } });
  try {
    await client.initialize();
    await client.open(URI, SUDO_DOCKERFILE);
    const report = (await client.pull(URI)) as FullDocumentDiagnosticReport;
    assert.deepEqual(report.items.map((item) => item.code), ['DG103']);
    await waitFor(() => client.logs.some((log) => log.message.includes('DG990')), 'the rule error in the output');
    const logged = client.logs.filter((log) => log.message.includes('DG990'));
    assert.equal(logged.length, 1);
    assert.match(logged[0].message, /Rule DG990 failed on untitled:Dockerfile-robust/);
    assert.match(logged[0].message, /boom in the rule/);
    assert.equal(client.statuses.at(-1)!.state, 'ruleErrors');
    assert.equal(client.statuses.at(-1)!.ruleErrors, 1);
    // Linting again (a keystroke) does not log the same failure again.
    await client.change(URI, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '# x\n' }]);
    await client.pull(URI);
    await settle();
    assert.equal(client.logs.filter((log) => log.message.includes('DG990')).length, 1);
  } finally {
    client.dispose();
  }
});

test('1,000 rapid changes, then the pulled diagnostics equal a fresh lint of the final text', async () => {
  const client = new TestClient({ capabilities: PULL_CLIENT, server: { rules: [sudo] } });
  try {
    await client.initialize();
    await client.open(URI, SUDO_DOCKERFILE);
    const { changes, final } = randomEdits(SUDO_DOCKERFILE, 1000);
    // Interleaved pulls, as a client sends them while typing; none awaited.
    const pulls: Promise<unknown>[] = [];
    for (const [i, change] of changes.entries()) {
      void client.change(URI, [change]);
      if (i % 50 === 0) pulls.push(client.pull(URI).catch(() => undefined));
    }
    await Promise.all(pulls);
    const report = (await client.pull(URI)) as FullDocumentDiagnosticReport;
    assert.equal(client.version(URI), 1001);
    assert.deepEqual(report.items, freshDiagnostics(URI, final, 1001));
  } finally {
    client.dispose();
  }
});

test('1,000 rapid changes to a push client: the last push is for the last version and equals a fresh lint', async () => {
  const client = new TestClient({ capabilities: PUSH_CLIENT, server: { rules: [sudo] } });
  try {
    await client.initialize();
    await client.open(URI, SUDO_DOCKERFILE);
    const { changes, final } = randomEdits(SUDO_DOCKERFILE, 1000);
    for (const change of changes) void client.change(URI, [change]);
    const last = await waitFor(() => client.lastPublished(URI)?.version === 1001 && client.lastPublished(URI), 'the push for version 1001');
    assert.deepEqual(last.diagnostics, freshDiagnostics(URI, final, 1001));
    // Versions only go forward: no stale result arrives after a newer one.
    const versions = client.published.filter((push) => push.uri === URI).map((push) => push.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
    await settle();
    assert.equal(client.lastPublished(URI)!.version, 1001);
  } finally {
    client.dispose();
  }
});

test('a document closed while its lint waits for settings gets no diagnostics afterwards', async () => {
  const capabilities = { ...PUSH_CLIENT, workspace: { ...PUSH_CLIENT.workspace, configuration: true } };
  const client = new TestClient({ capabilities, server: { rules: [sudo] } });
  try {
    await client.initialize();
    let release!: () => void;
    client.configurationGate = new Promise((resolve) => (release = resolve));
    await client.open(URI, SUDO_DOCKERFILE);
    await waitFor(() => client.configurationRequests.length > 0, 'the settings request');
    await client.close(URI);
    await waitFor(() => client.lastPublished(URI), 'the clear on close');
    release();
    client.configurationGate = undefined;
    await settle(50);
    const pushes = client.published.filter((push) => push.uri === URI);
    assert.deepEqual(pushes.map((push) => push.diagnostics), [[]]);
  } finally {
    client.dispose();
  }
});

test('a pull cancelled before it is answered is answered as cancelled, and the server goes on', async () => {
  const client = new TestClient({ capabilities: PULL_CLIENT, server: { rules: [sudo] } });
  try {
    await client.initialize();
    let release!: () => void;
    client.configurationGate = new Promise((resolve) => (release = resolve));
    await client.open(URI, SUDO_DOCKERFILE);
    const source = new CancellationTokenSource();
    const pending = client.pull(URI, undefined, source);
    await waitFor(() => client.configurationRequests.length > 0, 'the settings request');
    source.cancel();
    release();
    client.configurationGate = undefined;
    const error = await pending.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    assert.ok(error instanceof ResponseError);
    assert.equal(error.code, LSPErrorCodes.ServerCancelled);
    assert.deepEqual((error.data as { retriggerRequest: boolean }).retriggerRequest, true);
    const report = await client.pull(URI);
    assert.equal(report.kind, DocumentDiagnosticReportKind.Full);
    assert.deepEqual((report as FullDocumentDiagnosticReport).items.map((item) => item.code), ['DG103']);
  } finally {
    client.dispose();
  }
});

/** A disk that can be slowed down, and that cannot read some files. */
class TestFileSystem extends NodeFileSystem {
  gate: Promise<void> | undefined;
  readonly unreadable = new Set<string>();

  override async readFile(path: string): Promise<string | undefined> {
    if (this.gate && /Dockerfile/.test(path)) await this.gate;
    if (this.unreadable.has(path)) return undefined;
    return super.readFile(path);
  }
}

test('an unreadable file is skipped and logged; the rest of the workspace is reported', async () => {
  const workspace = new TempWorkspace({ 'a/Dockerfile': SUDO_DOCKERFILE, 'locked/Dockerfile': SUDO_DOCKERFILE, 'c/Dockerfile': SUDO_DOCKERFILE });
  const fileSystem = new TestFileSystem();
  fileSystem.unreadable.add(workspace.path('locked/Dockerfile'));
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.root], server: { rules: [sudo], fileSystem } });
  try {
    await client.initialize();
    const reports = byUri((await client.workspacePull()).items);
    assert.deepEqual([...reports.keys()].sort(), [uriOf(workspace.path('a/Dockerfile')), uriOf(workspace.path('c/Dockerfile'))].sort());
    for (const report of reports.values()) assert.deepEqual(fullReport(report, report.uri).items.map((item) => item.code), ['DG103']);
    assert.ok(client.logs.some((log) => log.message.includes(`cannot read ${workspace.path('locked/Dockerfile')}`)));
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('the workspace scan can be cancelled from its progress, and a new one runs to the end', async () => {
  const workspace = new TempWorkspace({ 'a/Dockerfile': SUDO_DOCKERFILE, 'b/Dockerfile': SUDO_DOCKERFILE });
  const fileSystem = new TestFileSystem();
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.root], server: { rules: [sudo], fileSystem } });
  try {
    await client.initialize();
    let release!: () => void;
    fileSystem.gate = new Promise((resolve) => (release = resolve));
    const tokens = client.progressTokens.length;
    const begins = client.progress.filter((value) => value.kind === 'begin').length;
    const scan = client.connection.sendRequest(LintWorkspaceRequest.type, {});
    await waitFor(() => client.progressTokens.length > tokens, 'the scan progress');
    await waitFor(() => client.progress.filter((value) => value.kind === 'begin').length > begins, 'the progress to begin');
    await client.cancelProgress(client.progressTokens.at(-1)!);
    await settle();
    release();
    fileSystem.gate = undefined;
    const result = await scan;
    assert.equal(result.cancelled, true);
    await waitFor(() => client.workspaceStatuses.at(-1)?.phase === 'cancelled', 'a cancelled status');

    const again = await client.connection.sendRequest(LintWorkspaceRequest.type, {});
    assert.equal(again.cancelled, false);
    assert.equal(again.files, 2);
    assert.equal(again.findings, 2);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});

test('hostile documents: binary, huge, odd schemes and malformed requests never break the server', async () => {
  const client = new TestClient({ capabilities: PULL_CLIENT, server: { rules: [sudo] } });
  try {
    await client.initialize();
    await client.open('untitled:binary', 'FROM x\0\0\0', 'dockerfile');
    const binary = (await client.pull('untitled:binary')) as FullDocumentDiagnosticReport;
    assert.deepEqual(binary.items.map((item) => item.code), ['DG003']);
    await client.open('vscode-notebook-cell:/x#1', '\uFEFFFROM alpine\r\nRUN sudo x\r\n', 'dockerfile');
    const cell = (await client.pull('vscode-notebook-cell:/x#1')) as FullDocumentDiagnosticReport;
    assert.deepEqual(cell.items.map((item) => item.code), ['DG103']);
    // Code actions with data that is not ours, or garbage.
    const range = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    const actions = await client.codeActions('untitled:binary', range, [
      { range, message: 'x', source: 'dockguard', code: 'DG103', data: 'garbage' },
      { range, message: 'x', source: 'dockguard', code: 'DG103', data: { version: 1, fixes: 'nope' } },
      { range, message: 'x', source: 'dockguard', code: 'DG103' },
    ], ['quickfix']);
    assert.deepEqual(actions, []);
    // A pull for a document that was never opened, with any URI.
    const unknown = await client.pull('weird-scheme://host/%E0%A4%A');
    assert.deepEqual((unknown as FullDocumentDiagnosticReport).items, []);
    // Still alive.
    await client.open(URI, SUDO_DOCKERFILE);
    assert.equal(((await client.pull(URI)) as FullDocumentDiagnosticReport).items.length, 1);
  } finally {
    client.dispose();
  }
});
