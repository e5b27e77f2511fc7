import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  applyAction,
  applyQuickFix,
  codeOf,
  dockguardDiagnostics,
  fileUri,
  open,
  waitFor,
  waitForDiagnostic,
  waitForActions,
  waitForNoDiagnostic,
} from '../helpers';

/** Applies a fix in an open editor, then checks the finding is gone and the text is exact. */
async function fixAndCheck(path: string, ruleId: string, title: string | RegExp, expected: string): Promise<void> {
  const uri = fileUri(path);
  const editor = await open(uri);
  const diagnostic = await waitForDiagnostic(uri, ruleId);
  const action = await applyQuickFix(uri, diagnostic, title);
  assert.ok(action.isPreferred, `"${action.title}" should be the preferred fix`);
  await waitForNoDiagnostic(uri, ruleId);
  assert.equal(editor.document.getText(), expected);
  // The other findings of the file are still there: the fix touched only its own problem.
  assert.ok(dockguardDiagnostics(uri).every((d) => codeOf(d) !== ruleId));
}

describe('code actions', () => {
  before(activateExtension);

  it('add USER: the non-root user fix clears DG101', async () => {
    await fixAndCheck(
      'user/Dockerfile',
      'DG101',
      'Run as numeric user 10001:10001',
      'FROM debian:bookworm-slim\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n' +
        '    && rm -rf /var/lib/apt/lists/*\n' +
        'COPY app /app\n' +
        'USER 10001:10001\n' +
        'CMD ["/app/run"]\n',
    );
  });

  it('add cap_drop: [ALL] clears DG204', async () => {
    await fixAndCheck(
      'capdrop/compose.yaml',
      'DG204',
      "Add 'cap_drop: [ALL]'",
      'services:\n  api:\n    image: node:20-alpine\n    cap_drop: [ALL]\n    command: ["node", "server.js"]\n',
    );
  });

  it('add read_only: true clears DG214', async () => {
    await fixAndCheck(
      'readonly/compose.yaml',
      'DG214',
      "Add 'read_only: true'",
      'services:\n  api:\n    image: node:20-alpine\n    read_only: true\n    command: ["node", "server.js"]\n',
    );
  });

  it('the actions for a finding come in order: fixes, ignore for this line, ignore in this file, documentation', async () => {
    const uri = fileUri('ignore/Dockerfile');
    await open(uri);
    const diagnostic = await waitForDiagnostic(uri, 'DG103');
    const actions = await waitForActions(uri, diagnostic.range, (a) => a.title === "Remove 'sudo'", 'the fixes for DG103');
    const titles = actions.map((a) => a.title);
    const at = (pattern: RegExp): number => titles.findIndex((t) => pattern.test(t));
    const order = [at(/^Remove 'sudo'$/), at(/^Ignore DG103 for this line$/), at(/^Ignore DG103 in this file$/), at(/^Show documentation for DG103$/)];
    assert.ok(order.every((i) => i >= 0), `missing actions in: ${titles.join(' | ')}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order, `order: ${titles.join(' | ')}`);
  });

  it('"Ignore DG103 for this line" writes the comment above the line and the finding goes', async () => {
    const uri = fileUri('ignore/Dockerfile');
    const editor = await open(uri);
    const diagnostic = await waitForDiagnostic(uri, 'DG103');
    await applyQuickFix(uri, diagnostic, 'Ignore DG103 for this line');
    await waitForNoDiagnostic(uri, 'DG103');
    assert.equal(
      editor.document.getText(),
      'FROM alpine:3.20\nWORKDIR /app\n# dockguard-ignore DG103\nRUN sudo apk add --no-cache curl\nUSER 10001:10001\n',
    );
  });

  it('fix-all (source.fixAll.dockguard) applies every preferred fix at once', async () => {
    const uri = fileUri('fixall/Dockerfile');
    const editor = await open(uri);
    await waitForDiagnostic(uri, 'DG101');
    await waitForDiagnostic(uri, 'DG103');
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const isFixAll = (a: vscode.CodeAction): boolean => a.kind?.value === 'source.fixAll.dockguard';
    const actions = await waitForActions(uri, whole, isFixAll, 'a source.fixAll.dockguard action', 'source.fixAll.dockguard');
    const fixAll = actions.find(isFixAll)!;
    await applyAction(fixAll);
    await waitFor(() => editor.document.getText().includes('USER 10001:10001'), 'the fix-all edit');
    assert.equal(editor.document.getText(), 'FROM debian:bookworm-slim\nRUN apt-get update\nUSER 10001:10001\nCMD ["bash"]\n');
    await waitForNoDiagnostic(uri, 'DG101');
    await waitForNoDiagnostic(uri, 'DG103');
  });
});
