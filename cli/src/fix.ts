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
 * unparsable (a new DG000), nothing at all is applied: the original text comes back, with the
 * reason in `refused`. A file that does not parse to begin with is not fixed either.
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
    const chosen = chooseFixes(current, result.findings);
    if (chosen.edits.length === 0) break;
    let next: string;
    try {
      next = applyEdits(current, chosen.edits);
    } catch (error) {
      return { text, result: original, applied: 0, refused: `a fix produced inconsistent edits (${error instanceof Error ? error.message : String(error)})` };
    }
    if (seen.has(next)) break;
    const nextResult = lintText(next);
    if (countParseErrors(nextResult) > 0) {
      const parseError = nextResult.findings.find((finding) => finding.ruleId === 'DG000')!;
      return {
        text,
        result: original,
        applied: 0,
        refused: `fixing ${chosen.ruleIds.join(', ')} would make it unparsable (${parseError.message}); this is a bug in dockguard, please report it`,
      };
    }
    seen.add(next);
    current = next;
    result = nextResult;
    applied += chosen.count;
  }
  return { text: current, result, applied };
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

/**
 * The preferred fixes of one pass, in finding order, leaving out any fix with an edit that
 * overlaps or touches an edit already chosen: a fix that inserts a list item where another
 * deletes that list, or deletes a line where another inserts one, was computed for a text the
 * other changes. Pure insertions at the same point are the exception (each adds whole lines, as
 * compose fixes adding keys to one service do); they land in finding order.
 */
function chooseFixes(text: string, findings: readonly Finding[]): { edits: TextEdit[]; count: number; ruleIds: string[] } {
  const index = new LineIndex(text);
  const taken: Span[] = [];
  const edits: TextEdit[] = [];
  const ruleIds = new Set<string>();
  let count = 0;
  for (const finding of findings) {
    const fix = preferredFix(finding);
    if (!fix) continue;
    const spans = fix.edits.map((edit) => ({ start: index.offsetAt(edit.range.start), end: index.offsetAt(edit.range.end) }));
    // A fix's own edits may share a position (they are applied in the order given) but not overlap.
    const broken = spans.some((span, i) => spans.some((other, j) => i !== j && span.start < other.end && other.start < span.end));
    if (broken || spans.some((span) => taken.some((other) => touches(span, other)))) continue;
    taken.push(...spans);
    edits.push(...fix.edits);
    ruleIds.add(finding.ruleId);
    count++;
  }
  return { edits, count, ruleIds: [...ruleIds] };
}

function touches(a: Span, b: Span): boolean {
  if (a.start === a.end && b.start === b.end) return false;
  return a.start <= b.end && b.start <= a.end;
}
