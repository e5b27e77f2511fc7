import * as assert from 'node:assert/strict';
import { applyFixChecked, stripMarkers, type LintSetup } from '../test-support/rule-test';
import { composeData, COMPOSE } from '../test-support/compose-fix';

/**
 * A helper for rule tests (a `.test.ts` file so the browser build leaves it out; it holds no tests).
 * `assertComposeFix` for fixes that remove lines: a removed line takes its trailing comment with
 * it (that is the contract), so only the comments of the lines that stay must survive.
 */
export function assertRemovalFix(ruleId: string, marked: string, expected: string, change: (data: any) => void, setup: LintSetup = COMPOSE, title?: string | RegExp): string {
  const { text } = stripMarkers(marked);
  const fixed = applyFixChecked(ruleId, text, setup, title);
  assert.equal(fixed, expected);
  const wanted = composeData(text) as any;
  change(wanted);
  assert.deepEqual(composeData(fixed), wanted, 'the fix changed more data than it should');
  const kept = new Set(fixed.split(/\r?\n|\r/));
  for (const line of text.split(/\r?\n|\r/)) {
    const comment = line.indexOf(' #') >= 0 ? line.slice(line.indexOf(' #') + 1) : line.trim().startsWith('#') ? line.trim() : undefined;
    if (comment && kept.has(line)) assert.ok(fixed.includes(comment), `the comment ${JSON.stringify(comment)} was lost`);
  }
  const removed = text.split(/\r?\n|\r/).filter((line) => !kept.has(line));
  for (const line of removed) {
    // Every removed line must be part of what the fix meant to remove: not a comment line of its own.
    assert.ok(!line.trim().startsWith('#'), `a comment line was removed: ${JSON.stringify(line)}`);
  }
  return fixed;
}
