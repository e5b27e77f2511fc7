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
 * Every comment must survive.
 */
export function assertComposeFix(ruleId: string, marked: string, expected: string, change: (data: any) => void, setup: LintSetup = COMPOSE, title?: string | RegExp): string {
  const { text, fixed } = fixWithDataChange(ruleId, marked, expected, change, setup, title);
  for (const comment of commentsOf(text)) {
    assert.ok(fixed.includes(comment), `the comment ${JSON.stringify(comment)} was lost`);
  }
  return fixed;
}

/**
 * `assertComposeFix` for fixes that remove lines: a removed line takes its trailing comment with
 * it (that is the contract), so only the comments of the lines that stay must survive, and no
 * comment line of its own may go.
 */
export function assertRemovalFix(ruleId: string, marked: string, expected: string, change: (data: any) => void, setup: LintSetup = COMPOSE, title?: string | RegExp): string {
  const { text, fixed } = fixWithDataChange(ruleId, marked, expected, change, setup, title);
  const kept = new Set(fixed.split(/\r?\n|\r/));
  for (const line of text.split(/\r?\n|\r/)) {
    const comment = line.indexOf(' #') >= 0 ? line.slice(line.indexOf(' #') + 1) : line.trim().startsWith('#') ? line.trim() : undefined;
    if (comment && kept.has(line)) assert.ok(fixed.includes(comment), `the comment ${JSON.stringify(comment)} was lost`);
    // Every removed line must be part of what the fix meant to remove: not a comment line of its own.
    if (!kept.has(line)) assert.ok(!line.trim().startsWith('#'), `a comment line was removed: ${JSON.stringify(line)}`);
  }
  return fixed;
}

function fixWithDataChange(ruleId: string, marked: string, expected: string, change: (data: any) => void, setup: LintSetup, title?: string | RegExp): { text: string; fixed: string } {
  const { text } = stripMarkers(marked);
  const fixed = applyFixChecked(ruleId, text, setup, title);
  assert.equal(fixed, expected);
  const wanted = composeData(text) as any;
  change(wanted);
  assert.deepEqual(composeData(fixed), wanted, 'the fix changed more data than it should');
  return { text, fixed };
}
