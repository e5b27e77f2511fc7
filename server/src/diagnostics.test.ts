import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, DocumentDiagnosticReportKind, type Diagnostic, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { lint } from '../../shared/src/lint';
import { defineComposeRule } from '../../shared/src/rules/rule';
import { DIAGNOSTIC_SOURCE, type DiagnosticData } from '../../shared/src/protocol';
import { PULL_CLIENT, PUSH_CLIENT, TestClient, waitFor } from './testing/protocolClient';

const SUDO = 'FROM alpine:3.20\nRUN sudo apk add curl\nUSER app\n';
const CLEAN = 'FROM alpine:3.20\nRUN apk add curl\nUSER app\n';
const URI = 'untitled:Dockerfile-1';

function full(report: unknown): FullDocumentDiagnosticReport {
  const value = report as FullDocumentDiagnosticReport;
  assert.equal(value.kind, DocumentDiagnosticReportKind.Full);
  return value;
}

function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((diagnostic) => String(diagnostic.code));
}

test('a pull client pulls the buffer: every field of a diagnostic', async () => {
  const client = new TestClient({ capabilities: PULL_CLIENT });
  try {
    await client.initialize();
    await client.open(URI, SUDO);
    const report = full(await client.pull(URI));
    const sudo = report.items.find((item) => item.code === 'DG103');
    assert.ok(sudo, `DG103 among ${codes(report.items).join(', ')}`);
    assert.deepEqual(sudo.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } });
    assert.equal(sudo.source, DIAGNOSTIC_SOURCE);
    assert.equal(sudo.severity, DiagnosticSeverity.Warning);
    assert.match(sudo.codeDescription!.href, /sudo\.md$/);
    assert.match(String(sudo.message), /sudo/);
    const data = sudo.data as DiagnosticData;
    assert.equal(data.version, 1);
    assert.equal(data.ruleName, 'sudo');
    assert.deepEqual(data.fixes.map((fix) => fix.title), [`Remove 'sudo'`]);
    assert.equal(data.fixes[0].preferred, true);
    assert.ok(data.suppress?.line && data.suppress.file);
    assert.ok(report.resultId);
    // Nothing pushed to a client that pulls.
    assert.equal(client.published.length, 0);
  } finally {
    client.dispose();
  }
});

test('diagnostics equal the engine on the same text, and follow open, change and close', async () => {
  const client = new TestClient({ capabilities: PULL_CLIENT });
  try {
    await client.initialize();
    await client.open(URI, SUDO);
    const before = full(await client.pull(URI));
    const expected = lint(SUDO, { fileName: 'Dockerfile', kind: 'dockerfile' }).findings;
    assert.deepEqual(codes(before.items), expected.map((finding) => finding.ruleId));
    assert.deepEqual(before.items.map((item) => item.range), expected.map((finding) => finding.range));

    // Incremental change: delete "sudo " on line 2.
    await client.change(URI, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } }, text: '' }]);
    const after = full(await client.pull(URI, before.resultId));
    const expectedAfter = lint(CLEAN, { fileName: 'Dockerfile', kind: 'dockerfile' }).findings;
    assert.deepEqual(codes(after.items), expectedAfter.map((finding) => finding.ruleId));
    assert.ok(!codes(after.items).includes('DG103'));

    // Same version pulled again: unchanged.
    const again = await client.pull(URI, after.resultId);
    assert.equal(again.kind, DocumentDiagnosticReportKind.Unchanged);
    assert.equal(again.resultId, after.resultId);

    // Closed, outside any workspace folder: nothing.
    await client.close(URI);
    const closed = full(await client.pull(URI));
    assert.deepEqual(closed.items, []);
  } finally {
    client.dispose();
  }
});

test('a client without pull support gets pushes, with the version', async () => {
  const client = new TestClient({ capabilities: PUSH_CLIENT });
  try {
    const init = await client.initialize();
    assert.equal(init.capabilities.diagnosticProvider, undefined);
    await client.open(URI, SUDO);
    const first = await waitFor(() => client.lastPublished(URI), 'first push');
    assert.equal(first.version, 1);
    assert.ok(codes(first.diagnostics).includes('DG103'));

    await client.change(URI, [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 9 } }, text: '' }]);
    const second = await waitFor(() => client.lastPublished(URI)?.version === 2 && client.lastPublished(URI), 'push for version 2');
    assert.ok(!codes(second.diagnostics).includes('DG103'));

    await client.change(URI, [{ text: SUDO }]);
    await waitFor(() => client.lastPublished(URI)?.version === 3 && client.lastPublished(URI)!.diagnostics.length > 0, 'push for version 3');
    const before = client.published.length;
    await client.close(URI);
    const cleared = await waitFor(() => client.published.length > before && client.lastPublished(URI), 'cleared on close');
    assert.deepEqual(cleared.diagnostics, []);
  } finally {
    client.dispose();
  }
});

test('a compose file is linted by its language id and name', async () => {
  const client = new TestClient({ capabilities: PULL_CLIENT });
  try {
    await client.initialize();
    const uri = 'untitled:compose.yaml';
    await client.open(uri, 'services:\n  web:\n    image: nginx\n    privileged: true\n', 'dockercompose');
    const report = full(await client.pull(uri));
    const expected = lint('services:\n  web:\n    image: nginx\n    privileged: true\n', { fileName: 'compose.yaml', kind: 'compose' }).findings;
    assert.deepEqual(codes(report.items), expected.map((finding) => finding.ruleId));

    // A YAML file that is not a compose file gets nothing.
    const other = 'untitled:values.yaml';
    await client.open(other, 'replicas: 3\n', 'yaml');
    assert.deepEqual(full(await client.pull(other)).items, []);
  } finally {
    client.dispose();
  }
});

test('a finding about a YAML anchor carries the places it affects as related information', async () => {
  // A stand-in for the compose rules that report through anchors: the finding is where the
  // value is written, the related locations are the services that merge it.
  const anchored = defineComposeRule({
    id: 'DG991',
    name: 'anchor-test',
    defaultSeverity: 'warning',
    cheatSheet: '–',
    fixable: false,
    summary: 'test',
    check({ model, report }) {
      const at = model.text.indexOf('privileged: true');
      const services = model.services.map((service) => ({ start: service.keyStart, end: service.keyEnd, message: `merged into service '${service.name}'` }));
      report({ start: at, end: at + 'privileged: true'.length, message: 'anchored', related: services });
    },
  });
  const text = 'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n  db:\n    <<: *base\n';
  const client = new TestClient({ capabilities: PULL_CLIENT, server: { rules: [anchored] } });
  try {
    await client.initialize();
    const uri = 'untitled:compose.yaml';
    await client.open(uri, text, 'dockercompose');
    const report = full(await client.pull(uri));
    const diagnostic = report.items.find((item) => item.code === 'DG991')!;
    assert.deepEqual(diagnostic.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 18 } });
    assert.deepEqual(diagnostic.relatedInformation, [
      { location: { uri, range: { start: { line: 3, character: 2 }, end: { line: 3, character: 5 } } }, message: `merged into service 'web'` },
      { location: { uri, range: { start: { line: 5, character: 2 }, end: { line: 5, character: 4 } } }, message: `merged into service 'db'` },
    ]);
  } finally {
    client.dispose();
  }
});
