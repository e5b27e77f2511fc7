import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { StatusParams, WorkspaceStatusParams } from '../../shared/src/protocol/messages';
import { documentItem, formatDuration, workspaceItem } from './status';

const clock = (epochMs: number): string => `T${epochMs}`;

function status(overrides: Partial<StatusParams>): StatusParams {
  return {
    uri: 'file:///w/Dockerfile',
    version: 3,
    state: 'ok',
    findings: 0,
    errors: 0,
    warnings: 0,
    infos: 0,
    ruleErrors: 0,
    lintedAt: 1000,
    durationMs: 2.4,
    ...overrides,
  };
}

test('a file with findings: count, breakdown, time of the lint and how long it took', () => {
  const view = documentItem(status({ state: 'findings', findings: 4, errors: 1, warnings: 2, infos: 1 }), true, clock);
  assert.deepEqual(view, {
    text: 'dockguard: 4 findings',
    detail: '1 error, 2 warnings, 1 info. Linted at T1000 in 2 ms',
    severity: 'information',
    busy: false,
  });
  assert.equal(documentItem(status({ state: 'findings', findings: 1, warnings: 1 }), true, clock).text, 'dockguard: 1 finding');
});

test('a clean file, a disabled one, one dockguard does not lint', () => {
  assert.equal(documentItem(status({}), true, clock).text, 'dockguard: no findings');
  assert.equal(documentItem(status({}), true, clock).detail, 'Linted at T1000 in 2 ms');
  assert.equal(documentItem(status({ state: 'disabled' }), true, clock).text, 'dockguard: off');
  assert.equal(documentItem(status({ state: 'notLinted' }), true, clock).text, 'dockguard: not linted');
});

test('a rule that failed makes the item a warning that points to the output', () => {
  const view = documentItem(status({ state: 'ruleErrors', ruleErrors: 1, findings: 2, warnings: 2 }), true, clock);
  assert.equal(view.severity, 'warning');
  assert.equal(view.text, 'dockguard: 2 findings');
  assert.match(view.detail, /^1 rule failed on this file; see the output\./);
});

test('a stopped server is an error whatever the last status said; before the first lint the item is busy', () => {
  const view = documentItem(status({ state: 'findings', findings: 3 }), false, clock);
  assert.equal(view.severity, 'error');
  assert.match(view.text, /server not running/);
  assert.equal(documentItem(undefined, true, clock).busy, true);
});

function workspace(overrides: Partial<WorkspaceStatusParams>): WorkspaceStatusParams {
  return { busy: false, phase: 'idle', filesDone: 0, filesTotal: 0, filesWithFindings: 0, findings: 0, ...overrides };
}

test('the workspace item is busy while the scan runs and shows its progress', () => {
  const view = workspaceItem(workspace({ busy: true, phase: 'scanning', filesDone: 40, filesTotal: 120, findings: 7 }), clock);
  assert.deepEqual(view, { text: 'Workspace: scanning 40/120 files', detail: '7 findings so far', severity: 'information', busy: true });
  assert.equal(workspaceItem(workspace({ busy: true, phase: 'scanning', filesDone: 1 }), clock).text, 'Workspace: scanning 1 file');
});

test('after the scan: findings, files, when and how long', () => {
  const view = workspaceItem(
    workspace({ phase: 'idle', filesDone: 120, filesTotal: 120, filesWithFindings: 6, findings: 14, durationMs: 1500, finishedAt: 5000 }),
    clock,
  );
  assert.deepEqual(view, { text: 'Workspace: 14 findings in 6 files', detail: '120 files scanned at T5000 in 1.5 s', severity: 'information', busy: false });
  assert.equal(workspaceItem(workspace({ filesDone: 3, filesTotal: 3 }), clock).text, 'Workspace: no findings');
});

test('a cancelled scan, a scan that is off, and no report yet', () => {
  assert.equal(workspaceItem(workspace({ phase: 'cancelled', filesDone: 10, findings: 2, filesWithFindings: 1 }), clock).text, 'Workspace: scan cancelled');
  assert.equal(workspaceItem(workspace({ phase: 'disabled' }), clock).text, 'Workspace: open files only');
  assert.equal(workspaceItem(undefined, clock).text, 'Workspace: not scanned');
});

test('durations read naturally', () => {
  assert.equal(formatDuration(0.2), '<1 ms');
  assert.equal(formatDuration(12.6), '13 ms');
  assert.equal(formatDuration(2345), '2.3 s');
  assert.equal(formatDuration(65_000), '65 s');
});
