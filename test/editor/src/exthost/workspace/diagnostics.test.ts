import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  codeOf,
  dockguardDiagnostics,
  fileUri,
  filesWithDiagnostics,
  open,
  replaceAll,
  waitFor,
  waitForDiagnostic,
  waitForNoDiagnostic,
  writeText,
} from '../helpers';

describe('diagnostics', () => {
  before(activateExtension);

  it('a Dockerfile gets its finding on open, with rule id, docs link, severity and range', async () => {
    const uri = fileUri('Dockerfile');
    await open(uri);
    const diagnostic = await waitForDiagnostic(uri, 'DG101');
    assert.equal(diagnostic.source, 'dockguard');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    // A "missing" finding points at the final FROM line.
    assert.deepEqual(
      [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character],
      [0, 0, 0, 'FROM debian:bookworm-slim'.length],
    );
    assert.match(diagnostic.message, /USER/);
    const code = diagnostic.code;
    assert.ok(typeof code === 'object' && code.target instanceof vscode.Uri, 'the code links to the rule documentation');
    assert.match(code.target.toString(), /user-missing\.md$/);
  });

  it('a compose file gets its findings on open', async () => {
    const uri = fileUri('compose.yaml');
    await open(uri);
    const capDrop = await waitForDiagnostic(uri, 'DG204');
    const readOnly = await waitForDiagnostic(uri, 'DG214');
    // Per-service "missing" findings point at the service key.
    for (const diagnostic of [capDrop, readOnly]) {
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
      assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character], [1, 2, 5]);
    }
  });

  it('a Dockerfile edit updates its diagnostics from the buffer, before any save', async () => {
    const uri = fileUri('edit/Dockerfile');
    const editor = await open(uri);
    const clean = editor.document.getText();
    // The clean file may have been reported by the workspace scan already; wait for the open
    // document's own (empty) result before editing, so the next change is what we observe.
    await waitForNoDiagnostic(uri);
    await replaceAll(editor, clean.replace('USER 10001:10001\n', 'RUN sudo apk add --no-cache git\nUSER 10001:10001\n'));
    const sudo = await waitForDiagnostic(uri, 'DG103');
    assert.deepEqual([sudo.range.start.line, sudo.range.start.character, sudo.range.end.character], [1, 4, 8]);
    assert.ok(editor.document.isDirty, 'the finding came from the unsaved buffer');
    await replaceAll(editor, clean);
    await waitForNoDiagnostic(uri, 'DG103');
  });

  it('a compose edit updates its diagnostics', async () => {
    const uri = fileUri('edit/compose.yaml');
    const editor = await open(uri);
    const original = editor.document.getText();
    await waitForDiagnostic(uri, 'DG204');
    await replaceAll(editor, original.replace('    command:', '    cap_drop: [ALL]\n    command:'));
    await waitForNoDiagnostic(uri, 'DG204');
    await replaceAll(editor, original);
    await waitForDiagnostic(uri, 'DG204');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('files never opened are reported for the whole workspace, node_modules excepted', async () => {
    const api = fileUri('services/api/Dockerfile');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === api.toString()), 'services/api/Dockerfile must not be open');
    await waitFor(
      () => vscode.languages.getDiagnostics().some(([uri, list]) => uri.toString() === api.toString() && list.some((d) => codeOf(d) === 'DG103')),
      () => `services/api/Dockerfile in languages.getDiagnostics(); files: ${filesWithDiagnostics().join(', ')}`,
    );
    const reported = filesWithDiagnostics();
    assert.ok(!reported.some((path) => path.includes('node_modules')), `node_modules reported: ${reported.join(', ')}`);
  });

  it('a created file is reported and a deleted one disappears', async () => {
    const uri = fileUri('created/Dockerfile');
    await writeText(uri, 'FROM alpine:3.20\nRUN sudo apk add --no-cache jq\nUSER 10001:10001\n');
    await waitForDiagnostic(uri, 'DG103');
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(uri, '..'), { recursive: true });
    await waitForNoDiagnostic(uri);
  });

  it('a file changed on disk, not open, is re-linted', async () => {
    const uri = fileUri('services/api/Dockerfile');
    await waitForDiagnostic(uri, 'DG103');
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    await writeText(uri, original.replace('sudo ', ''));
    await waitForNoDiagnostic(uri, 'DG103');
    await writeText(uri, original);
    await waitForDiagnostic(uri, 'DG103');
  });

  it('the dockguard.rules setting changes a severity and turns a rule off', async () => {
    const uri = fileUri('severity/Dockerfile');
    await open(uri);
    await waitForDiagnostic(uri, 'DG103', (d) => d.severity === vscode.DiagnosticSeverity.Warning);
    const settings = vscode.workspace.getConfiguration('dockguard', uri);
    try {
      await settings.update('rules', { DG103: 'error' }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostic(uri, 'DG103', (d) => d.severity === vscode.DiagnosticSeverity.Error);
      // Rule names work as well as ids.
      await settings.update('rules', { sudo: 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitForNoDiagnostic(uri, 'DG103');
      // Never-opened files follow the setting too.
      await waitForNoDiagnostic(fileUri('services/api/Dockerfile'), 'DG103');
    } finally {
      await settings.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostic(uri, 'DG103', (d) => d.severity === vscode.DiagnosticSeverity.Warning);
  });

  it('a .dockguard.yaml change applies to the files below it, and its own errors are shown on it', async () => {
    const compose = fileUri('config/compose.yaml');
    const rootCompose = fileUri('compose.yaml');
    const config = fileUri('config/.dockguard.yaml');
    await waitForDiagnostic(compose, 'DG214');
    await writeText(config, 'rules:\n  read-only-rootfs: off\n');
    await waitForNoDiagnostic(compose, 'DG214');
    // Nearest config only: the root compose file is not under config/.
    assert.ok(dockguardDiagnostics(rootCompose, 'DG214').length > 0, 'config/.dockguard.yaml must not affect ./compose.yaml');

    // A bad severity is reported on the config file itself, and the defaults apply again.
    await writeText(config, 'rules:\n  read-only-rootfs: loud\n');
    const problem = await waitFor(
      () => dockguardDiagnostics(config).find((d) => d.range.start.line === 1),
      () => `a diagnostic on line 2 of config/.dockguard.yaml; ${filesWithDiagnostics().join(', ')}`,
    );
    assert.match(problem.message, /read-only-rootfs/);
    await waitForDiagnostic(compose, 'DG214');

    await vscode.workspace.fs.delete(config);
    await waitForNoDiagnostic(config);
    await waitForDiagnostic(compose, 'DG214');
  });
});
