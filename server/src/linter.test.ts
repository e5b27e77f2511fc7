import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { defineDockerfileRule, type ProblemFix } from '../../shared/src/rules/rule';
import { PULL_CLIENT, TestClient, uriOf } from './testing/protocolClient';
import { SUDO_DOCKERFILE, TempWorkspace, byUri, fullReport } from './testing/workspace';

/**
 * Fixes are built only for what shows them: an open document's diagnostics carry its fixes in
 * `data`; the workspace report of a closed file carries none, so its lint builds none.
 */

let fixBuilds = 0;

/** Reports the first instruction of every Dockerfile, with fixes that count how often they are built. */
const counting = defineDockerfileRule({
  id: 'DG103',
  name: 'sudo',
  defaultSeverity: 'warning',
  cheatSheet: '–',
  fixable: true,
  summary: 'test rule',
  check({ model, report }) {
    const first = model.instructions[0];
    if (!first) return;
    const fixes = (): ProblemFix[] => {
      fixBuilds++;
      return [{ title: 'Add a comment', edits: [{ start: first.start, end: first.start, newText: '# x\n' }] }];
    };
    report({ start: first.start, end: first.end, message: 'first instruction', fixes });
  },
});

const server = { rules: [counting], timing: { closeSettleMs: 20 } };

test('the workspace scan of closed files builds no fixes; an open document gets them in its diagnostics', async () => {
  const workspace = new TempWorkspace({ Dockerfile: SUDO_DOCKERFILE, 'b/Dockerfile': SUDO_DOCKERFILE });
  const client = new TestClient({ capabilities: PULL_CLIENT, folders: [workspace.root], server });
  try {
    await client.initialize();
    fixBuilds = 0;
    const reports = byUri((await client.workspacePull()).items);
    const closed = uriOf(workspace.path('b/Dockerfile'));
    const shown = fullReport(reports.get(closed), 'closed Dockerfile').items;
    assert.deepEqual(shown.map((item) => [item.code, item.data]), [['DG103', undefined]]);
    assert.equal(fixBuilds, 0, 'no fix built for files that are not open');

    const open = uriOf(workspace.path('Dockerfile'));
    await client.open(open, SUDO_DOCKERFILE);
    const report = (await client.pull(open)) as FullDocumentDiagnosticReport;
    assert.deepEqual(report.items.map((item) => item.code), ['DG103']);
    const data = report.items[0].data as { fixes: { title: string }[]; suppress?: unknown };
    assert.deepEqual(data.fixes.map((fix) => fix.title), ['Add a comment']);
    assert.ok(data.suppress, 'the ignore edits come with it');
    assert.ok(fixBuilds > 0);
  } finally {
    client.dispose();
    workspace.dispose();
  }
});
