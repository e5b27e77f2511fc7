import { applyEdits, LineIndex, type Finding, type LintOutput, type TextEdit } from '../../shared/src/index';

export const MAX_FIX_PASSES = 10;

export interface FixOutcome {
  /** The fixed text; the original when nothing could be fixed or a fix would break the file. */
  text: string;
  /** The findings of `text`. */
  result: LintOutput;
  /** How many fixes were applied over all passes. */
  applied: number;
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
export function fixText(text: string, lintText: (text: string) => LintOutput): FixOutcome {
  const original = lintText(text);
  if (countParseErrors(original) > 0) {
    const fixable = original.findings.some((finding) => preferredFix(finding));
    return { text, result: original, applied: 0, refused: fixable ? 'it does not parse, so no fix was applied' : undefined };
  }
  let current = text;
  let result = original;
  let applied = 0;
  const seen = new Set([text]);
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const attempt = tryPass(current, result.findings, lintText, false);
    // Insertions at one point from different rules usually add different keys; if they did not,
    // the pass is taken again with one edit per point, which cannot combine badly.
    const taken = attempt && 'broken' in attempt ? tryPass(current, result.findings, lintText, true) : attempt;
    if (taken === undefined) break;
    if ('failed' in taken) return { text, result: original, applied: 0, refused: taken.failed };
    if ('broken' in taken) {
      return {
        text,
        result: original,
        applied: 0,
        refused: `fixing ${taken.chosen.ruleIds.join(', ')} would make it unparsable (${taken.broken}); this is a bug in dockguard, please report it`,
      };
    }
    if (seen.has(taken.text)) break;
    seen.add(taken.text);
    current = taken.text;
    result = taken.result;
    applied += taken.chosen.count;
  }
  return { text: current, result, applied };
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
interface Span {
  start: number;
  end: number;
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
