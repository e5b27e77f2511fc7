import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { COMPOSE_RULES, DOCKERFILE_RULES } from '../registry';
import { lintText } from '../test-support/rule-test';
import { fixAll } from '../fix-all';
import { lint } from '../lint';

/**
 * Rules whose fixes choose a value for the user or can break a working service offer their fixes
 * as quick fixes but never as the preferred fix, so fix-all and `--fix` leave them alone.
 */

const COMPOSE = 'services:\n  db:\n    image: postgres:16\n    restart: always\n    volumes:\n      - ./data:/var/lib/postgresql/data\n';

test('exactly the review-only rules opt out of fix-all', () => {
  const optedOut = [...DOCKERFILE_RULES, ...COMPOSE_RULES].filter((rule) => rule.autoFix === false).map((rule) => rule.id);
  assert.deepEqual(optedOut, ['DG215', 'DG217', 'DG218', 'DG219', 'DG220', 'DG221']);
});

test('their findings offer fixes, none of them preferred', () => {
  const config = { rules: { DG221: 'info' as const } };
  const findings = lintText(COMPOSE, { fileName: 'compose.yaml', config }).filter((finding) => ['DG215', 'DG217', 'DG218', 'DG219', 'DG220', 'DG221'].includes(finding.ruleId));
  assert.deepEqual([...new Set(findings.map((finding) => finding.ruleId))].sort(), ['DG215', 'DG217', 'DG218', 'DG219', 'DG220', 'DG221']);
  for (const finding of findings) {
    assert.ok(finding.fixes.length > 0, `${finding.ruleId} offers a fix`);
    assert.ok(finding.fixes.every((fix) => !fix.preferred), `${finding.ruleId} has no preferred fix`);
  }
});

test('fix-all applies the others and leaves limits, mounts and restart policy as they were', () => {
  const outcome = fixAll(COMPOSE, (text) => lint(text, { fileName: 'compose.yaml' }));
  assert.ok(outcome.applied > 0);
  assert.match(outcome.text, /cap_drop:/);
  assert.match(outcome.text, /restart: always/);
  assert.match(outcome.text, /- \.\/data:\/var\/lib\/postgresql\/data\n/);
  assert.doesNotMatch(outcome.text, /mem_limit|cpus|pids_limit/);
});
