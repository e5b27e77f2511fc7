import type { Finding, TextEdit } from './types';
import type { LintOutput } from './lint';
import { applyEdits } from './text/edits';
import { LineIndex } from './text/line-index';

/**
 * "Fix all": every finding's preferred fix, as `--fix`, `source.fixAll.dockguard` and the
 * fix-safety checks apply it. One implementation, so the editor and CI fix files the same way.
 */

export const MAX_FIX_PASSES = 10;

export interface FixOutcome {
  /** The fixed text; the original when nothing could be fixed or a fix would break the file. */
  text: string;
  /** The findings of `text`. */
  result: LintOutput;
  /** How many fixes were applied over all passes. */
  applied: number;
  /** How many passes changed the text. */
  passes: number;
  /** The edits of the first pass, which alone make `text` when `passes` is 1. */
  firstPassEdits: TextEdit[];
  /** Why the file was left as it was although fixes were on offer. */
  refused?: string;
}

/**
 * Applies each finding's preferred fix (never the suppression edits), lints again and repeats
 * until no fix is left, the text stops changing or returns to an earlier state, or
 * `MAX_FIX_PASSES` passes are done. Within a pass, a fix whose edits touch an edit already taken
 * waits for the next pass, where it is recomputed on the new text. If a pass would make the file
 * unparsable (a new DG000), it is tried again with at most one edit per point; if that breaks it
 * too, nothing at all is applied: the original text comes back, with the reason in `refused`. A
 * file that does not parse to begin with is not fixed either.
 */
export function fixAll(text: string, lintText: (text: string) => LintOutput, initial?: LintOutput): FixOutcome {
  const original = initial ?? lintText(text);
  if (countParseErrors(original) > 0) {
    const fixable = original.findings.some((finding) => preferredFix(finding));
    return { ...unchanged(text, original), refused: fixable ? 'it does not parse, so no fix was applied' : undefined };
  }
  let current = text;
  let result = original;
  let applied = 0;
  let passes = 0;
  let firstPassEdits: TextEdit[] = [];
  const seen = new Set([text]);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const attempt = tryPass(current, result.findings, lintText, false);
    // Insertions at one point from different rules usually add different keys; if they did not,
    // the pass is taken again with one edit per point, which cannot combine badly.
    const taken = attempt && 'broken' in attempt ? tryPass(current, result.findings, lintText, true) : attempt;
    if (taken === undefined) break;
    if ('failed' in taken) return { ...unchanged(text, original), refused: taken.failed };
    if ('broken' in taken) {
      return {
        ...unchanged(text, original),
        refused: `fixing ${taken.chosen.ruleIds.join(', ')} would make it unparsable (${taken.broken}); this is a bug in dockguard, please report it`,
      };
    }
    if (seen.has(taken.text)) break;
    seen.add(taken.text);
    if (passes === 0) firstPassEdits = taken.chosen.edits;
    passes++;
    current = taken.text;
    result = taken.result;
    applied += taken.chosen.count;
  }
  return { text: current, result, applied, passes, firstPassEdits };
}

function unchanged(text: string, result: LintOutput): FixOutcome {
  return { text, result, applied: 0, passes: 0, firstPassEdits: [] };
}

type PassOutcome =
  | { text: string; result: LintOutput; chosen: ChosenFixes }
  | { broken: string; chosen: ChosenFixes }
  | { failed: string };

/** One pass: the fixes chosen, applied and linted again. Undefined when nothing is left to fix. */
function tryPass(text: string, findings: readonly Finding[], lintText: (text: string) => LintOutput, onePerPoint: boolean): PassOutcome | undefined {
  const chosen = chooseFixes(text, findings, onePerPoint);
  if (chosen.edits.length === 0) return undefined;
  let next: string;
  try {
    next = applyEdits(text, chosen.edits);
  } catch (error) {
    return { failed: `a fix produced inconsistent edits (${error instanceof Error ? error.message : String(error)})` };
  }
  const result = lintText(next);
  const parseError = result.findings.find((finding) => finding.ruleId === 'DG000');
  return parseError ? { broken: parseError.message, chosen } : { text: next, result, chosen };
}

export function preferredFix(finding: Finding): { title: string; edits: TextEdit[] } | undefined {
  return finding.fixes.find((fix) => fix.preferred && fix.edits.length > 0);
}

function countParseErrors(result: LintOutput): number {
  return result.findings.filter((finding) => finding.ruleId === 'DG000').length;
}
interface ChosenFixes {
  edits: TextEdit[];
  count: number;
  ruleIds: string[];
}

interface Span {
  start: number;
  end: number;
  /** Pure insertion (an empty range). */
  insertion: boolean;
  ruleId: string;
}

/**
 * The preferred fixes of one pass, in finding order, leaving out any fix with an edit that
 * overlaps or touches an edit already chosen: a fix that inserts a list item where another
 * deletes that list, or deletes a line where another inserts one, was computed for a text the
 * other changes. Pure insertions at the same point from different rules are the exception unless
 * `onePerPoint` (compose fixes adding different keys to one service); they land in finding order.
 */
function chooseFixes(text: string, findings: readonly Finding[], onePerPoint: boolean): ChosenFixes {
  const index = new LineIndex(text);
  const taken: Span[] = [];
  const edits: TextEdit[] = [];
  const ruleIds = new Set<string>();
  let count = 0;
  for (const finding of findings) {
    const fix = preferredFix(finding);
    if (!fix) continue;
    // Two findings may offer the very same fix (one line fixed for two reasons): take it once.
    if (fix.edits.every((edit) => edits.some((other) => sameEdit(edit, other)))) continue;
    const spans = fix.edits.map((edit) => {
      const start = index.offsetAt(edit.range.start);
      const end = index.offsetAt(edit.range.end);
      return { start, end, insertion: start === end, ruleId: finding.ruleId };
    });
    // A fix's own edits may share a position (they are applied in the order given) but not overlap.
    const broken = spans.some((span, i) => spans.some((other, j) => i !== j && span.start < other.end && other.start < span.end));
    if (broken || spans.some((span) => taken.some((other) => clash(span, other, onePerPoint)))) continue;
    taken.push(...spans);
    edits.push(...fix.edits);
    ruleIds.add(finding.ruleId);
    count++;
  }
  return { edits, count, ruleIds: [...ruleIds] };
}

function clash(a: Span, b: Span, onePerPoint: boolean): boolean {
  if (a.insertion && b.insertion && !onePerPoint && a.ruleId !== b.ruleId) return false;
  return a.start <= b.end && b.start <= a.end;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return (
    a.newText === b.newText &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}

/** One edit turning `before` into `after`: the span between their common start and common end. */
export function replaceChangedSpan(before: string, after: string): TextEdit {
  let prefix = 0;
  const limit = Math.min(before.length, after.length);
  while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // Never split a CRLF pair or a surrogate pair between the kept and the replaced text.
  while (prefix > 0 && splitsPair(before, prefix)) prefix--;
  while (suffix > 0 && splitsPair(before, before.length - suffix)) suffix--;
  const index = new LineIndex(before);
  return {
    range: { start: index.positionAt(prefix), end: index.positionAt(before.length - suffix) },
    newText: after.slice(prefix, after.length - suffix),
  };
}

function splitsPair(text: string, offset: number): boolean {
  const previous = text.charCodeAt(offset - 1);
  const next = text.charCodeAt(offset);
  return (previous === 13 && next === 10) || (previous >= 0xd800 && previous <= 0xdbff && next >= 0xdc00 && next <= 0xdfff);
}
