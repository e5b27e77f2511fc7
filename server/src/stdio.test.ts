import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExitNotification,
  IPCMessageReader,
  IPCMessageWriter,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  type FullDocumentDiagnosticReport,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { PULL_CLIENT, PUSH_CLIENT, waitFor } from './testing/protocolClient';
import { SUDO_DOCKERFILE } from './testing/workspace';

/** The bundle the extension ships and other editors run (built by `npm run build`). */
const BUNDLE = join(__dirname, '..', '..', 'dist', 'server.js');

async function withServer(run: (connection: ReturnType<typeof createProtocolConnection>) => Promise<void>, args = ['--stdio']): Promise<number | null> {
  assert.ok(existsSync(BUNDLE), `${BUNDLE} exists (run npm run build)`);
  const child = spawn(process.execPath, [BUNDLE, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(child.stdout, child.stdin);
  connection.listen();
  try {
    await run(connection);
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    const code = await exited;
    assert.equal(stderr, '', 'nothing on stderr');
    return code;
  } finally {
    connection.dispose();
    child.kill();
  }
}

test('the bundled server over --stdio, as a separate process: pushes to a push client, exits cleanly', async () => {
  const code = await withServer(async (connection) => {
    const published: PublishDiagnosticsParams[] = [];
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      published.push(params);
    });
    const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: PUSH_CLIENT });
    assert.equal(init.capabilities.diagnosticProvider, undefined);
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: 'untitled:Dockerfile', languageId: 'dockerfile', version: 1, text: SUDO_DOCKERFILE } });
    const push = await waitFor(() => published.find((params) => params.uri === 'untitled:Dockerfile'), 'a push');
    assert.equal(push.version, 1);
    assert.ok(push.diagnostics.some((diagnostic) => diagnostic.code === 'DG103' && diagnostic.source === 'dockguard'));
  });
  assert.equal(code, 0);
});

test('the bundled server with no transport argument speaks stdio, and answers pulls', async () => {
  const code = await withServer(async (connection) => {
    const init = await connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, workspaceFolders: null, capabilities: PULL_CLIENT });
    assert.equal(init.capabilities.diagnosticProvider?.identifier, 'dockguard');
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: 'untitled:Dockerfile', languageId: 'dockerfile', version: 1, text: SUDO_DOCKERFILE } });
    const report = (await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: 'untitled:Dockerfile' } })) as FullDocumentDiagnosticReport;
    assert.ok(report.items.some((diagnostic) => diagnostic.code === 'DG103'));
  }, []);
  assert.equal(code, 0);
});

test('the bundled server over --node-ipc, as VS Code starts it', async () => {
  assert.ok(existsSync(BUNDLE), `${BUNDLE} exists (run npm run build)`);
  const child = fork(BUNDLE, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  connection.listen();
  try {
    const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: PULL_CLIENT });
    assert.equal(init.capabilities.diagnosticProvider?.identifier, 'dockguard');
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: 'untitled:Dockerfile', languageId: 'dockerfile', version: 1, text: SUDO_DOCKERFILE } });
    const report = (await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: 'untitled:Dockerfile' } })) as FullDocumentDiagnosticReport;
    assert.ok(report.items.some((diagnostic) => diagnostic.code === 'DG103'));
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
  } finally {
    connection.dispose();
    child.kill();
  }
});
