import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { docsPath, docsUrl, ruleById, ALL_RULES as REGISTRY } from '../../shared/src/registry';
import { documentationSegments, ruleForDocumentation, rulePickItems } from './documentation';
import { RULE_CATALOG as ALL_RULES } from './rule-catalog';

test('the rule comes from the code action arguments, an id or a name, in any case', () => {
  assert.equal(ruleForDocumentation({ ruleId: 'DG103', ruleName: 'sudo', url: 'https://x' }, ALL_RULES)?.id, 'DG103');
  assert.equal(ruleForDocumentation('dg201', ALL_RULES)?.id, 'DG201');
  assert.equal(ruleForDocumentation(' Sudo ', ALL_RULES)?.id, 'DG103');
  assert.equal(ruleForDocumentation({ ruleName: 'cap-drop-all' }, ALL_RULES)?.id, 'DG204');
  // An unknown id falls back to the name that came with it.
  assert.equal(ruleForDocumentation({ ruleId: 'DG999', ruleName: 'privileged' }, ALL_RULES)?.id, 'DG201');
});

test('nothing usable means: ask the user', () => {
  for (const argument of [undefined, null, 42, {}, { ruleId: 7 }, 'DG999', ['DG103']]) {
    assert.equal(ruleForDocumentation(argument, ALL_RULES), undefined, JSON.stringify(argument));
  }
});

test('the catalog the extension carries is the registry (ids, names, pages)', () => {
  assert.deepEqual(
    ALL_RULES.map((rule) => [rule.id, rule.name, rule.kind, rule.docsPath, rule.docsUrl]),
    REGISTRY.map((rule) => [rule.id, rule.name, rule.kind, docsPath(rule), docsUrl(rule)]),
  );
});

test('the page path inside the extension is the rule page of the repository', () => {
  const sudo = ALL_RULES.find((rule) => rule.id === 'DG103')!;
  assert.deepEqual(documentationSegments(sudo), ['shared', 'src', 'rules', 'dockerfile', 'sudo.md']);
  const root = resolve(__dirname, '..', '..');
  assert.ok(existsSync(join(root, ...documentationSegments(sudo))));
});

test('the palette lists every rule with its summary', () => {
  const items = rulePickItems(ALL_RULES);
  assert.equal(items.length, ALL_RULES.length);
  assert.deepEqual(items.find((item) => item.ruleId === 'DG103'), {
    label: 'DG103 sudo',
    description: 'dockerfile',
    detail: ruleById('DG103')!.summary,
    ruleId: 'DG103',
  });
});
