import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { applyFixChecked, stripMarkers, type LintSetup } from './rule-test';

/**
 * Checks for compose quick fixes beyond `applyFixChecked`: the fixed file must hold the same data
 * as before apart from the one intended change, and every comment must survive.
 */

export const COMPOSE: LintSetup = { fileName: 'compose.yaml' };

/** The file's data as Compose sees it: merge keys resolved, aliases expanded. */
export function composeData(text: string): unknown {
  const document = parseDocument(text, { merge: true, uniqueKeys: false });
  assert.deepEqual(document.errors.map((error) => error.message), [], `does not parse:\n${text}`);
  return document.toJS({ maxAliasCount: -1 });
}

function commentsOf(text: string): string[] {
  return text
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line.startsWith('#') || / #/.test(line))
    .map((line) => line.slice(line.indexOf('#')));
}

/**
 * Applies the rule's fix (the preferred one, or the one titled `title`), checks it with
 * `applyFixChecked`, compares the result with `expected`, and checks that the data changed
 * exactly as `change` changes the data of the original (a function that mutates its argument).
 */
export function assertComposeFix(
  ruleId: string,
  marked: string,
  expected: string,
  change: (data: any) => void,
  setup: LintSetup = COMPOSE,
  title?: string | RegExp,
): string {
  const { text } = stripMarkers(marked);
  const fixed = applyFixChecked(ruleId, text, setup, title);
  assert.equal(fixed, expected);
  const wanted = composeData(text) as any;
  change(wanted);
  assert.deepEqual(composeData(fixed), wanted, 'the fix changed more data than it should');
  for (const comment of commentsOf(text)) {
    assert.ok(fixed.includes(comment), `the comment ${JSON.stringify(comment)} was lost`);
  }
  return fixed;
}
