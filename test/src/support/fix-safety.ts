import { parseDocument } from 'yaml';
import { DockerfileParser } from 'dockerfile-ast';
import { lint, applyEdits, type Finding, type Fix, type FileKind, type TextEdit } from '../../../shared/src/index';

/**
 * The promise every quick fix makes, checked on one file: applied alone (or all preferred fixes
 * at once), the result still parses, the finding is gone, no finding appears that was not there
 * before, text outside the edits is unchanged, the fix is not offered again, and (compose) the
 * YAML data changes only inside services and extension fields.
 */

export interface FixFailure {
  file: string;
  ruleId: string;
  fix: string;
  problem: string;
}

export interface FixSafetyCounts {
  findings: number;
  fixesApplied: number;
  fixAllApplied: number;
  failures: FixFailure[];
}

/** Findings are compared by rule and message: positions move when a fix inserts lines. */
function key(finding: Finding): string {
  return `${finding.ruleId}\u0000${finding.message}`;
}

function countByKey(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(key(finding), (counts.get(key(finding)) ?? 0) + 1);
  return counts;
}

function instructionKeywords(text: string): string[] {
  return DockerfileParser.parse(text)
    .getInstructions()
    .map((instruction) => instruction.getKeyword());
}

/** The original instructions survive in order (ADD may become COPY; an EXPOSE line may go). */
function keepsInstructions(before: string[], after: string[]): boolean {
  let j = 0;
  for (const keyword of before) {
    const from = j;
    while (j < after.length && !(after[j] === keyword || (keyword === 'ADD' && after[j] === 'COPY'))) j++;
    if (j === after.length) {
      // A removed EXPOSE: the next instruction is looked for from where this one was.
      if (keyword === 'EXPOSE') {
        j = from;
        continue;
      }
      return false;
    }
    j++;
  }
  return true;
}

function yamlData(text: string): unknown {
  const documents = parseDocument(text, { uniqueKeys: false });
  return documents.toJS({ maxAliasCount: 10_000 });
}

/** Top-level keys whose data differ; fixes may only touch `services` and `x-*` anchors. */
function changedTopLevelKeys(before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

function unchangedOutside(text: string, fixed: string, edits: TextEdit[]): boolean {
  // Everything before the first edit and after the last one is byte-identical.
  const lines = text.split('\n');
  const first = edits.reduce((min, edit) => Math.min(min, edit.range.start.line), Infinity);
  const last = edits.reduce((max, edit) => Math.max(max, edit.range.end.line), -1);
  const prefix = lines.slice(0, first).join('\n');
  const suffix = lines.slice(last + 1).join('\n');
  return fixed.startsWith(prefix) && fixed.endsWith(suffix);
}

/** Preferred fixes of a document that do not overlap, first come first served (as fix-all does). */
export function nonOverlappingPreferredEdits(findings: Finding[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  const position = (p: { line: number; character: number }) => p.line * 1e7 + p.character;
  for (const finding of findings) {
    const fix = finding.fixes.find((candidate) => candidate.preferred);
    if (!fix) continue;
    const overlaps = fix.edits.some((edit) =>
      chosen.some(
        (other) =>
          position(edit.range.start) < position(other.range.end) && position(other.range.start) < position(edit.range.end) ||
          (position(edit.range.start) === position(other.range.start) && position(edit.range.end) === position(other.range.end)),
      ),
    );
    if (!overlaps) chosen.push(...fix.edits);
  }
  return chosen;
}

export function checkFile(file: string, kind: FileKind, text: string, counts: FixSafetyCounts): void {
  const before = lint(text, { fileName: file, kind }).findings;
  counts.findings += before.length;
  const beforeCounts = countByKey(before);
  const parsesBefore = !before.some((finding) => finding.ruleId === 'DG000');
  const keywordsBefore = kind === 'dockerfile' ? instructionKeywords(text) : [];
  const dataBefore = kind === 'compose' && parsesBefore ? yamlData(text) : undefined;

  const check = (fixed: string, edits: TextEdit[], label: string, ruleId: string, gone: Finding[]): void => {
    const fail = (problem: string) => counts.failures.push({ file, ruleId, fix: label, problem });
    const after = lint(fixed, { fileName: file, kind }).findings;
    const afterCounts = countByKey(after);
    if (parsesBefore && after.some((finding) => finding.ruleId === 'DG000')) fail('the result no longer parses');
    if (kind === 'dockerfile' && !keepsInstructions(keywordsBefore, instructionKeywords(fixed))) fail('instructions were lost');
    for (const finding of gone) {
      if ((afterCounts.get(key(finding)) ?? 0) >= (beforeCounts.get(key(finding)) ?? 0)) fail(`the finding is still there: ${finding.message}`);
    }
    for (const [k, count] of afterCounts) {
      if (count > (beforeCounts.get(k) ?? 0)) fail(`a new finding appeared: ${k.replace('\u0000', ' ')}`);
    }
    if (!unchangedOutside(text, fixed, edits)) fail('text outside the edit changed');
    if (dataBefore !== undefined) {
      const outside = changedTopLevelKeys(dataBefore, yamlData(fixed)).filter((k) => k !== 'services' && !k.startsWith('x-'));
      if (outside.length > 0) fail(`YAML data changed outside services: ${outside.join(', ')}`);
    }
  };

  for (const finding of before) {
    for (const fix of finding.fixes as Fix[]) {
      counts.fixesApplied++;
      let fixed: string;
      try {
        fixed = applyEdits(text, fix.edits);
      } catch (error) {
        counts.failures.push({ file, ruleId: finding.ruleId, fix: fix.title, problem: `edits do not apply: ${String(error)}` });
        continue;
      }
      check(fixed, fix.edits, fix.title, finding.ruleId, [finding]);
    }
  }

  const edits = nonOverlappingPreferredEdits(before);
  if (edits.length > 0) {
    counts.fixAllApplied++;
    const fixed = applyEdits(text, edits);
    const fixedFindings = before.filter((finding) => finding.fixes.some((fix) => fix.preferred && fix.edits.every((edit) => edits.includes(edit))));
    check(fixed, edits, 'fix all', 'fix-all', fixedFindings);
  }
}
