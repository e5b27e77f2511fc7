import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lint } from './lint';
import { defineComposeRule, type ProblemFix } from './rules/rule';
import type { Finding } from './types';

/** `LintOptions.fixes` and `suppressEdits`: what findings carry, and when lazy fixes are built. */

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n  api:\n    image: api:1\n';

function withoutFixes(finding: Finding): Omit<Finding, 'fixes' | 'suppress'> {
  const { fixes: _fixes, suppress: _suppress, ...rest } = finding;
  return rest;
}

test("fixes: 'none' and suppressEdits: false leave every finding as it was, without fixes and ignore edits", () => {
  const all = lint(COMPOSE, { fileName: 'compose.yaml' }).findings;
  assert.ok(all.some((finding) => finding.fixes.length > 0) && all.every((finding) => finding.suppress));
  const bare = lint(COMPOSE, { fileName: 'compose.yaml', fixes: 'none', suppressEdits: false }).findings;
  assert.deepEqual(bare, all.map((finding) => ({ ...withoutFixes(finding), fixes: [] })));
  // The two options are independent.
  const suppressOnly = lint(COMPOSE, { fileName: 'compose.yaml', fixes: 'none' }).findings;
  assert.deepEqual(suppressOnly.map((finding) => finding.suppress), all.map((finding) => finding.suppress));
  const fixesOnly = lint(COMPOSE, { fileName: 'compose.yaml', suppressEdits: false }).findings;
  assert.deepEqual(fixesOnly.map((finding) => finding.fixes), all.map((finding) => finding.fixes));
  assert.ok(fixesOnly.every((finding) => finding.suppress === undefined));
});

test("fixes: 'preferred' keeps exactly the fix fix-all would apply, none for rules that never apply unattended", () => {
  const all = lint(COMPOSE, { fileName: 'compose.yaml' }).findings;
  const preferred = lint(COMPOSE, { fileName: 'compose.yaml', fixes: 'preferred' }).findings;
  assert.deepEqual(preferred.map(withoutFixes), all.map(withoutFixes));
  assert.deepEqual(
    preferred.map((finding) => finding.fixes),
    all.map((finding) => finding.fixes.filter((fix) => fix.preferred)),
  );
  // DG217 (memory-limit) has fixes, but none fix-all applies.
  assert.ok(all.some((finding) => finding.ruleId === 'DG217' && finding.fixes.length > 0));
  assert.ok(preferred.filter((finding) => finding.ruleId === 'DG217').every((finding) => finding.fixes.length === 0));
});

function countingRule(autoFix: boolean, build: () => ProblemFix[]) {
  return defineComposeRule({
    id: 'DG201',
    name: 'privileged',
    defaultSeverity: 'error',
    cheatSheet: '3',
    fixable: true,
    autoFix,
    summary: 'test rule',
    check({ model, report }) {
      for (const service of model.services) report({ start: service.keyStart, end: service.keyEnd, message: service.name, fixes: build });
    },
  });
}

test('fixes given as a function are built only when wanted, once per finding', () => {
  let calls = 0;
  const build = (): ProblemFix[] => {
    calls++;
    return [
      { title: 'first', edits: [{ start: 0, end: 0, newText: '# a\n' }] },
      { title: 'second', edits: [{ start: 0, end: 0, newText: '# b\n' }], preferred: true },
    ];
  };
  const lintWith = (autoFix: boolean, fixes: 'all' | 'preferred' | 'none'): Finding[] => {
    calls = 0;
    return lint(COMPOSE, { fileName: 'compose.yaml', rules: [countingRule(autoFix, build)], fixes }).findings;
  };
  assert.equal(lintWith(true, 'none').length, 2);
  assert.equal(calls, 0);
  assert.deepEqual(
    lintWith(true, 'all')[0].fixes.map((fix) => [fix.title, fix.preferred]),
    [
      ['first', false],
      ['second', true],
    ],
  );
  assert.equal(calls, 2);
  assert.deepEqual(lintWith(true, 'preferred')[0].fixes.map((fix) => [fix.title, fix.preferred]), [['second', true]]);
  assert.equal(calls, 2);
  // A rule whose fixes are never applied unattended has no preferred fix: nothing to build.
  assert.deepEqual(lintWith(false, 'preferred')[0].fixes, []);
  assert.equal(calls, 0);
  assert.deepEqual(lintWith(false, 'all')[0].fixes.map((fix) => fix.preferred), [false, false]);
});

test('fixes that throw while they are built cost the finding its fixes only, reported as the rule error', () => {
  const rule = countingRule(true, () => {
    throw new Error('no edit');
  });
  const output = lint(COMPOSE, { fileName: 'compose.yaml', rules: [rule] });
  assert.deepEqual(
    output.findings.map((finding) => [finding.message, finding.fixes]),
    [
      ['web', []],
      ['api', []],
    ],
  );
  assert.deepEqual(output.ruleErrors.map((error) => [error.ruleId, error.message]), [
    ['DG201', 'while building its fixes: no edit'],
    ['DG201', 'while building its fixes: no edit'],
  ]);
  assert.deepEqual(lint(COMPOSE, { fileName: 'compose.yaml', rules: [rule], fixes: 'none' }).ruleErrors, []);
});
