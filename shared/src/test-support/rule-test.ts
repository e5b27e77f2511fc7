import * as assert from 'node:assert/strict';
import { lint, type LintOptions } from '../lint';
import { resolveConfig, type ConfigLayer } from '../config/config';
import { applyEdits } from '../text/edits';
import { LineIndex } from '../text/line-index';
import type { Finding, Range } from '../types';
import { buildComposeModel } from '../compose/model';

/**
 * Helpers for rule tests. Expected ranges are written into the test text with «guillemets»:
 * `RUN «sudo» apt-get update` expects one finding on `sudo`. The markers are removed before
 * linting.
 */

export interface LintSetup {
  fileName?: string;
  config?: ConfigLayer;
}

export function stripMarkers(marked: string): { text: string; ranges: Range[] } {
  let text = '';
  const offsets: [number, number][] = [];
  const open: number[] = [];
  for (const char of marked) {
    if (char === '«') open.push(text.length);
    else if (char === '»') offsets.push([open.pop()!, text.length]);
    else text += char;
  }
  assert.equal(open.length, 0, 'unbalanced « » markers');
  const index = new LineIndex(text);
  const ranges = offsets.sort((a, b) => a[0] - b[0]).map(([start, end]) => index.rangeOf(start, end));
  return { text, ranges };
}

export function lintText(text: string, setup: LintSetup = {}): Finding[] {
  const options: LintOptions = { fileName: setup.fileName ?? 'Dockerfile', config: resolveConfig(setup.config) };
  const output = lint(text, options);
  assert.deepEqual(output.ruleErrors, [], 'a rule threw');
  return output.findings;
}

export function findingsOf(ruleId: string, text: string, setup: LintSetup = {}): Finding[] {
  return lintText(text, setup).filter((finding) => finding.ruleId === ruleId);
}

function showRange(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** The rule fires exactly at the marked ranges, and nowhere else. */
export function assertFires(ruleId: string, marked: string, setup: LintSetup = {}): Finding[] {
  const { text, ranges } = stripMarkers(marked);
  assert.ok(ranges.length > 0, 'mark the expected ranges with « »');
  const found = findingsOf(ruleId, text, setup);
  assert.deepEqual(found.map((finding) => showRange(finding.range)), ranges.map(showRange), `${ruleId} ranges in:\n${text}`);
  return found;
}

/** The rule does not fire at all. */
export function assertQuiet(ruleId: string, text: string, setup: LintSetup = {}): void {
  const found = findingsOf(ruleId, text, setup);
  assert.deepEqual(
    found.map((finding) => `${showRange(finding.range)} ${finding.message}`),
    [],
    `${ruleId} should not fire in:\n${text}`,
  );
}

function counts(findings: Finding[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const finding of findings) map.set(finding.ruleId, (map.get(finding.ruleId) ?? 0) + 1);
  return map;
}

/**
 * Applies the fix titled `title` (or the preferred fix) of the rule's first finding, then checks
 * what every fix must guarantee: the file still parses, that finding is gone, and no finding of
 * any rule appears that was not there before. Returns the fixed text for exact comparisons.
 */
export function applyFixChecked(ruleId: string, text: string, setup: LintSetup = {}, title?: string | RegExp): string {
  const before = lintText(text, setup);
  const target = before.find((finding) => finding.ruleId === ruleId);
  assert.ok(target, `${ruleId} did not fire, so there is nothing to fix in:\n${text}`);
  // Without a title: the preferred fix, or the first one of a rule whose fixes are never preferred.
  const fix = title === undefined
    ? (target.fixes.find((candidate) => candidate.preferred) ?? target.fixes[0])
    : target.fixes.find((candidate) => (typeof title === 'string' ? candidate.title === title : title.test(candidate.title)));
  assert.ok(fix, `${ruleId} has no fix ${title ?? '(preferred)'}; it has: ${target.fixes.map((f) => f.title).join(' | ')}`);
  const fixed = applyEdits(text, fix.edits);
  assertParses(fixed, setup.fileName ?? 'Dockerfile');
  const after = lintText(fixed, setup);
  const beforeCounts = counts(before);
  const afterCounts = counts(after);
  assert.equal(afterCounts.get(ruleId) ?? 0, (beforeCounts.get(ruleId) ?? 0) - 1, `the ${ruleId} finding is still there after "${fix.title}":\n${fixed}`);
  for (const [rule, count] of afterCounts) {
    assert.ok(count <= (beforeCounts.get(rule) ?? 0), `"${fix.title}" made a new ${rule} finding appear:\n${fixed}`);
  }
  return fixed;
}

/** Applies the rule's preferred fix and compares the whole result. */
export function assertFix(ruleId: string, marked: string, expected: string, setup: LintSetup = {}, title?: string | RegExp): void {
  const { text } = stripMarkers(marked);
  assert.equal(applyFixChecked(ruleId, text, setup, title), expected);
}

function assertParses(text: string, fileName: string): void {
  if (/\.ya?ml$/i.test(fileName)) {
    const model = buildComposeModel(text);
    assert.deepEqual(model.parseErrors, [], `the fixed YAML does not parse:\n${text}`);
  }
}
