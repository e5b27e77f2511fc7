import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionKind, type CodeAction, type Diagnostic, type FullDocumentDiagnosticReport, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../shared/src/text/edits';
import { lint } from '../../shared/src/lint';
import sudo from '../../shared/src/rules/dockerfile/sudo';
import { FIX_ALL_KIND, ShowRuleDocumentationCommand } from '../../shared/src/protocol';
import { PULL_CLIENT, PUSH_CLIENT, TestClient, waitFor } from './testing/protocolClient';

const URI = 'untitled:Dockerfile-actions';
const TEXT = 'FROM alpine:3.20\n  RUN sudo apk add curl\nUSER app\n';

async function sudoDiagnostic(client: TestClient, uri = URI): Promise<Diagnostic> {
  const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
  const diagnostic = report.items.find((item) => item.code === 'DG103');
  assert.ok(diagnostic, 'a DG103 diagnostic');
  return diagnostic;
}

/** The edits of an action for one document, whichever form the server chose. */
function editsOf(action: CodeAction, uri = URI): TextEdit[] {
  const edit = action.edit;
  assert.ok(edit, `${action.title} has an edit`);
  if (edit.documentChanges) {
    const change = edit.documentChanges[0] as TextDocumentEdit;
    assert.equal(change.textDocument.uri, uri);
    return change.edits as TextEdit[];
  }
  return edit.changes![uri];
}

function dg103(text: string): number {
  return lint(text, { fileName: 'Dockerfile', kind: 'dockerfile' }).findings.filter((finding) => finding.ruleId === 'DG103').length;
}

test('the actions of a finding, in order, and what each edit does', async () => {
  const client = new TestClient({ capabilities: PULL_CLIENT });
  try {
    await client.initialize();
    await client.open(URI, TEXT);
    const diagnostic = await sudoDiagnostic(client);
    const actions = await client.codeActions(URI, diagnostic.range, [diagnostic], [CodeActionKind.QuickFix]);
    assert.deepEqual(
      actions.map((action) => action.title),
      [`Remove 'sudo'`, 'Ignore DG103 for this line', 'Ignore DG103 in this file', 'Show documentation for DG103'],
    );
    // The light bulb (automatic, no kind asked for) gets the same; a menu the user opened also
    // offers fix-all, last.
    const automatic = await client.codeActions(URI, diagnostic.range, [diagnostic], undefined, 2);
    assert.deepEqual(automatic.map((action) => action.title), actions.map((action) => action.title));
    const invoked = await client.codeActions(URI, diagnostic.range, [diagnostic], undefined, 1);
    assert.deepEqual(invoked.map((action) => action.title), [...actions.map((action) => action.title), 'Fix all dockguard problems']);
    assert.equal(invoked[4].kind, FIX_ALL_KIND);
    assert.ok(actions.every((action) => action.kind === CodeActionKind.QuickFix));
    assert.equal(actions[0].isPreferred, true);
    assert.ok(actions.slice(1).every((action) => !action.isPreferred));
    for (const action of actions) assert.deepEqual(action.diagnostics, [diagnostic]);

    // The versioned edit is refused by the editor if the document moved on.
    assert.equal((actions[0].edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, 1);

    const fixed = applyEdits(TEXT, editsOf(actions[0]));
    assert.equal(fixed, 'FROM alpine:3.20\n  RUN apk add curl\nUSER app\n');

    const ignoredLine = applyEdits(TEXT, editsOf(actions[1]));
    // At the instruction's indentation, just above it.
    assert.equal(ignoredLine, 'FROM alpine:3.20\n  # dockguard-ignore DG103\n  RUN sudo apk add curl\nUSER app\n');
    assert.equal(dg103(ignoredLine), 0);

    const ignoredFile = applyEdits(TEXT, editsOf(actions[2]));
    assert.match(ignoredFile, /^# dockguard-ignore-file DG103\n/);
    assert.equal(dg103(ignoredFile), 0);

    const command = actions[3].command!;
    assert.equal(command.command, ShowRuleDocumentationCommand.id);
    const argument = command.arguments![0] as ShowRuleDocumentationCommand.Arguments;
    assert.equal(argument.ruleId, 'DG103');
    assert.equal(argument.ruleName, 'sudo');
    assert.equal(argument.url, diagnostic.codeDescription!.href);
  } finally {
    client.dispose();
  }
});

test('actions come only for diagnostics in the requested range, and only for the current version', async () => {
  const client = new TestClient({ capabilities: PULL_CLIENT });
  try {
    await client.initialize();
    await client.open(URI, TEXT);
    const diagnostic = await sudoDiagnostic(client);
    const elsewhere = { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } };
    assert.deepEqual(await client.codeActions(URI, elsewhere, [diagnostic], [CodeActionKind.QuickFix]), []);
    // Someone else's diagnostic gets nothing from us.
    assert.deepEqual(await client.codeActions(URI, diagnostic.range, [{ ...diagnostic, source: 'hadolint' }], [CodeActionKind.QuickFix]), []);

    // After an edit (a new line at the top), the old diagnostic's edits would land one line off.
    await client.change(URI, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# comment\n' }]);
    assert.deepEqual(await client.codeActions(URI, diagnostic.range, [diagnostic], [CodeActionKind.QuickFix]), []);
    const fresh = await sudoDiagnostic(client);
    const actions = await client.codeActions(URI, fresh.range, [fresh], [CodeActionKind.QuickFix]);
    assert.equal(actions.length, 4);
    assert.equal((actions[0].edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, 2);
  } finally {
    client.dispose();
  }
});

test('a diagnostic the workspace scan reported for a file just opened still gets its fixes', async () => {
  const client = new TestClient({ capabilities: PULL_CLIENT });
  try {
    await client.initialize();
    await client.open(URI, TEXT);
    const diagnostic = await sudoDiagnostic(client);
    // Workspace reports of files on disk carry no fixes and no document version.
    for (const scanned of [{ ...diagnostic, data: undefined }, { ...diagnostic, data: { version: null, ruleName: 'sudo', fixes: [] } }]) {
      const actions = await client.codeActions(URI, diagnostic.range, [scanned], [CodeActionKind.QuickFix]);
      assert.deepEqual(
        actions.map((action) => action.title),
        [`Remove 'sudo'`, 'Ignore DG103 for this line', 'Ignore DG103 in this file', 'Show documentation for DG103'],
      );
      assert.equal((actions[0].edit!.documentChanges![0] as TextDocumentEdit).textDocument.version, 1);
    }
  } finally {
    client.dispose();
  }
});

test('two findings of one rule on one line share the ignore actions', async () => {
  const client = new TestClient({ capabilities: PULL_CLIENT });
  try {
    await client.initialize();
    const text = 'FROM alpine:3.20\nRUN sudo apk add curl && sudo rm -rf /tmp/x\nUSER app\n';
    await client.open(URI, text);
    const report = (await client.pull(URI)) as FullDocumentDiagnosticReport;
    const sudo = report.items.filter((item) => item.code === 'DG103');
    assert.equal(sudo.length, 2);
    const line = { start: { line: 1, character: 0 }, end: { line: 1, character: 40 } };
    const actions = await client.codeActions(URI, line, sudo, [CodeActionKind.QuickFix]);
    const titles = actions.map((action) => action.title);
    assert.deepEqual(titles, [`Remove 'sudo'`, 'Ignore DG103 for this line', 'Ignore DG103 in this file', 'Show documentation for DG103', `Remove 'sudo'`]);
    // The shared actions name both diagnostics.
    assert.equal(actions[1].diagnostics!.length, 2);
  } finally {
    client.dispose();
  }
});

test('fix-all applies every preferred fix at once, and only when asked for', async () => {
  // Only DG103 runs, so "nothing left to fix" does not depend on the other rules' fixes.
  const client = new TestClient({ capabilities: PULL_CLIENT, server: { rules: [sudo] } });
  try {
    await client.initialize();
    const text = 'FROM alpine:3.20\nRUN sudo apk add curl\nRUN echo hi && sudo rm -f /tmp/x\nUSER app\n';
    await client.open(URI, text);
    const everything = { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } };

    const quickFixesOnly = await client.codeActions(URI, everything, [], [CodeActionKind.QuickFix]);
    assert.ok(quickFixesOnly.every((action) => action.kind !== FIX_ALL_KIND));

    for (const only of [[FIX_ALL_KIND], [CodeActionKind.SourceFixAll], [CodeActionKind.Source]]) {
      const actions = await client.codeActions(URI, everything, [], only);
      assert.equal(actions.length, 1, `one action for ${only}`);
      assert.equal(actions[0].kind, FIX_ALL_KIND);
      const fixed = applyEdits(text, editsOf(actions[0]));
      assert.equal(fixed, 'FROM alpine:3.20\nRUN apk add curl\nRUN echo hi && rm -f /tmp/x\nUSER app\n');
      assert.equal(dg103(fixed), 0);
    }

    // Nothing to fix: no fix-all.
    await client.change(URI, [{ text: 'FROM alpine:3.20\nRUN apk add curl\nUSER app\n' }]);
    assert.deepEqual(await client.codeActions(URI, everything, [], [FIX_ALL_KIND]), []);
  } finally {
    client.dispose();
  }
});

test('a client that does not implement the documentation command gets it from the server', async () => {
  const client = new TestClient({ capabilities: PULL_CLIENT, initializationOptions: {} });
  try {
    const init = await client.initialize();
    assert.deepEqual(init.capabilities.executeCommandProvider?.commands, [ShowRuleDocumentationCommand.id]);
    await client.open(URI, TEXT);
    const diagnostic = await sudoDiagnostic(client);
    const actions = await client.codeActions(URI, diagnostic.range, [diagnostic]);
    const docs = actions.find((action) => action.command?.command === ShowRuleDocumentationCommand.id)!;
    await client.executeCommand(docs.command!.command, docs.command!.arguments!);
    assert.deepEqual(client.shownDocuments, [diagnostic.codeDescription!.href]);
    // Not a way to open arbitrary links.
    await client.executeCommand(ShowRuleDocumentationCommand.id, [{ ruleId: 'x', ruleName: 'x', url: 'https://example.com/' }]);
    assert.equal(client.shownDocuments.length, 1);
  } finally {
    client.dispose();
  }
});

test('code actions work for a push client too, with plain changes when it has no versioned edits', async () => {
  const client = new TestClient({ capabilities: PUSH_CLIENT });
  try {
    await client.initialize();
    await client.open(URI, TEXT);
    const published = await waitFor(() => client.lastPublished(URI), 'diagnostics');
    const diagnostic = published.diagnostics.find((item) => item.code === 'DG103')!;
    const actions = await client.codeActions(URI, diagnostic.range, [diagnostic]);
    assert.equal(actions[0].title, `Remove 'sudo'`);
    assert.ok(actions[0].edit!.changes, 'plain changes');
    assert.equal(applyEdits(TEXT, editsOf(actions[0])), 'FROM alpine:3.20\n  RUN apk add curl\nUSER app\n');
  } finally {
    client.dispose();
  }
});
