import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, dockguardDiagnostics, fileUri, open, waitForDiagnostic, waitForNoDiagnostic, writeText } from '../helpers';

describe('multi-root workspace', () => {
  before(activateExtension);

  it('has two folders', () => {
    assert.deepEqual(vscode.workspace.workspaceFolders?.map((f) => f.name), ['alpha', 'beta']);
  });

  it('reports never-opened files of both folders, each with its own nearest .dockguard.yaml', async () => {
    const alpha = fileUri('Dockerfile', 'alpha');
    const beta = fileUri('Dockerfile', 'beta');
    await waitForDiagnostic(alpha, 'DG103', (d) => d.severity === vscode.DiagnosticSeverity.Error);
    await waitForDiagnostic(beta, 'DG103', (d) => d.severity === vscode.DiagnosticSeverity.Warning);
  });

  it('applies a folder setting to that folder only', async () => {
    const alpha = fileUri('Dockerfile', 'alpha');
    const beta = fileUri('Dockerfile', 'beta');
    await waitForDiagnostic(alpha, 'DG101');
    await open(beta);
    await waitForDiagnostic(beta, 'DG103');
    assert.equal(dockguardDiagnostics(beta, 'DG101').length, 0, 'beta turns DG101 off in its folder settings');
  });

  it('a config change in one folder leaves the other alone', async () => {
    const alpha = fileUri('Dockerfile', 'alpha');
    const beta = fileUri('Dockerfile', 'beta');
    await writeText(fileUri('.dockguard.yaml', 'alpha'), 'rules:\n  sudo: off\n');
    await waitForNoDiagnostic(alpha, 'DG103');
    await waitForDiagnostic(beta, 'DG103', (d) => d.severity === vscode.DiagnosticSeverity.Warning);
  });
});
