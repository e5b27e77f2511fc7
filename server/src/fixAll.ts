import type { Finding, TextEdit } from '../../shared/src/types';
import { applyEdits } from '../../shared/src/text/edits';
import { LineIndex } from '../../shared/src/text/line-index';

/** At most this many rounds of "apply the fixes that fit, lint again" per fix-all. */
const MAX_PASSES = 10;

interface OffsetEdit {
  start: number;
  end: number;
}

/**
 * The edits of "fix all": every finding's preferred fix. Fixes whose edits touch the same text
 * cannot be applied together (the second would land in text the first rewrote), so each round
 * takes the fixes that fit, in document order, and the rest are found again by linting the
 * result, until nothing fixable is left or the rounds run out. One round gives the fixes' own
 * edits; several give one edit replacing the span that changed.
 *
 * Returns undefined when there is nothing to fix.
 */
export function fixAllEdits(text: string, findings: readonly Finding[], relint: (text: string) => readonly Finding[]): TextEdit[] | undefined {
  let current = text;
  let currentFindings = findings;
  let firstRound: TextEdit[] | undefined;
  let rounds = 0;
  for (; rounds < MAX_PASSES; rounds++) {
    const { edits, skipped } = selectPreferredFixes(current, currentFindings);
    if (edits.length === 0) break;
    let next: string;
    try {
      next = applyEdits(current, edits);
    } catch {
      break;
    }
    if (next === current) break;
    if (rounds === 0) firstRound = edits;
    current = next;
    if (!skipped) {
      rounds++;
      break;
    }
    currentFindings = relint(current);
  }
  if (rounds === 0 || current === text) return undefined;
  if (rounds === 1 && firstRound) return firstRound;
  return [replaceChangedSpan(text, current)];
}

/**
 * The preferred fixes that can be applied together, in document order; `skipped` tells whether
 * any had to wait for another round because it overlapped one taken before it.
 */
export function selectPreferredFixes(text: string, findings: readonly Finding[]): { edits: TextEdit[]; skipped: boolean } {
  const index = new LineIndex(text);
  const taken: OffsetEdit[] = [];
  const edits: TextEdit[] = [];
  let skipped = false;
  for (const finding of findings) {
    const fix = finding.fixes.find((candidate) => candidate.preferred);
    if (!fix || fix.edits.length === 0) continue;
    // Two findings may offer the very same fix (one line fixed for two reasons): take it once.
    if (fix.edits.every((edit) => edits.some((other) => sameEdit(edit, other)))) continue;
    const offsets = fix.edits.map((edit) => ({ start: index.offsetAt(edit.range.start), end: index.offsetAt(edit.range.end) }));
    if (offsets.some((edit) => taken.some((other) => conflicts(edit, other)))) {
      skipped = true;
      continue;
    }
    taken.push(...offsets);
    edits.push(...fix.edits);
  }
  return { edits, skipped };
}

/**
 * Edits conflict when their ranges overlap, or when both start at one place and one of them is
 * an insertion (which text would come first is then a guess). Edits that only touch end to
 * start are fine.
 */
function conflicts(a: OffsetEdit, b: OffsetEdit): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  return a.start === b.start && (a.start === a.end || b.start === b.end);
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
