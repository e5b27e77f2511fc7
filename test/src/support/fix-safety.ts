import { parseDocument } from 'yaml';
import { DockerfileParser } from 'dockerfile-ast';
import { lint, applyEdits, fixAll, type Finding, type Fix, type FileKind, type TextEdit } from '../../../shared/src/index';

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

/**
 * Findings are counted per rule: positions move when a fix inserts lines, and a message may
 * rightly change (a socket mount that became read-only is still the same finding).
 */
function countByRule(findings: Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
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

/** The data of a YAML text, or undefined when it has none (e.g. an alias with no anchor: `*****`). */
function yamlData(text: string): unknown {
  try {
    return parseDocument(text, { uniqueKeys: false }).toJS({ maxAliasCount: 10_000 });
  } catch {
    return undefined;
  }
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

export function checkFile(file: string, kind: FileKind, text: string, counts: FixSafetyCounts): void {
  const before = lint(text, { fileName: file, kind }).findings;
  counts.findings += before.length;
  const beforeCounts = countByRule(before);
  const parsesBefore = !before.some((finding) => finding.ruleId === 'DG000');
  const keywordsBefore = kind === 'dockerfile' ? instructionKeywords(text) : [];
  const dataBefore = kind === 'compose' && parsesBefore ? yamlData(text) : undefined;

  const check = (fixed: string, edits: TextEdit[], label: string, ruleId: string, gone: Finding[]): void => {
    const fail = (problem: string) => counts.failures.push({ file, ruleId, fix: label, problem });
    const after = lint(fixed, { fileName: file, kind }).findings;
    const afterCounts = countByRule(after);
    if (parsesBefore && after.some((finding) => finding.ruleId === 'DG000')) fail('the result no longer parses');
    if (kind === 'dockerfile' && !keepsInstructions(keywordsBefore, instructionKeywords(fixed))) fail('instructions were lost');
    for (const rule of new Set(gone.map((finding) => finding.ruleId))) {
      if ((afterCounts.get(rule) ?? 0) >= (beforeCounts.get(rule) ?? 0)) {
        fail(`the finding is still there: ${gone.find((finding) => finding.ruleId === rule)!.message}`);
      }
    }
    for (const [rule, count] of afterCounts) {
      if (count > (beforeCounts.get(rule) ?? 0)) {
        fail(`a new ${rule} finding appeared: ${after.find((finding) => finding.ruleId === rule)!.message}`);
      }
    }
    if (!unchangedOutside(text, fixed, edits)) fail('text outside the edit changed');
    if (dataBefore !== undefined) {
      const dataAfter = yamlData(fixed);
      if (dataAfter === undefined) fail('the YAML data can no longer be read');
      const outside = changedTopLevelKeys(dataBefore, dataAfter).filter((k) => k !== 'services' && !k.startsWith('x-'));
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

  // Fix-all exactly as `--fix` and the editor run it: every preferred fix, pass after pass.
  const outcome = fixAll(text, (current) => lint(current, { fileName: file, kind }));
  if (outcome.refused && parsesBefore) {
    counts.failures.push({ file, ruleId: 'fix-all', fix: 'fix all', problem: `refused: ${outcome.refused}` });
  } else if (outcome.passes > 0) {
    counts.fixAllApplied++;
    const fixedFindings = before.filter((finding) => finding.fixes.some((fix) => fix.preferred));
    const changed = [{ range: { start: { line: 0, character: 0 }, end: { line: Number.MAX_SAFE_INTEGER, character: 0 } }, newText: '' }];
    check(outcome.text, changed, 'fix all', 'fix-all', fixedFindings);
  }
}
