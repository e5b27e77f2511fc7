import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lint, type Finding, type Range } from '../../../shared/src/index';
import { corpusAvailable, corpusFiles, CORPUS_DIR } from '../support/corpus';

/**
 * Every real file of the corpus lints without an exception or a rule error, with every range
 * (findings, fixes, suppressions) inside the document. Prints the count of findings per rule.
 */

function assertInside(range: Range, lines: string[], where: string): void {
  for (const position of [range.start, range.end]) {
    assert.ok(
      position.line >= 0 && position.line < lines.length && position.character >= 0 && position.character <= lines[position.line].length,
      `${where}: position ${JSON.stringify(position)} outside the document`,
    );
  }
}

function checkFindings(findings: Finding[], text: string, where: string): void {
  const lines = text.split(/\r\n|\r|\n/);
  for (const finding of findings) {
    assertInside(finding.range, lines, `${where} ${finding.ruleId}`);
    for (const fix of finding.fixes) for (const edit of fix.edits) assertInside(edit.range, lines, `${where} ${finding.ruleId} fix`);
    if (finding.suppress) {
      assertInside(finding.suppress.line.range, lines, `${where} ${finding.ruleId} ignore-line`);
      assertInside(finding.suppress.file.range, lines, `${where} ${finding.ruleId} ignore-file`);
    }
  }
}

for (const kind of ['dockerfile', 'compose'] as const) {
  test(`every ${kind} of the corpus lints cleanly`, { skip: corpusAvailable() ? false : `no corpus at ${CORPUS_DIR}` }, (t) => {
    const perRule = new Map<string, number>();
    let files = 0;
    for (const file of corpusFiles(kind)) {
      files++;
      const output = lint(file.text, { fileName: file.name, kind });
      assert.deepEqual(output.ruleErrors, [], `${file.name}: a rule threw`);
      checkFindings(output.findings, file.text, file.name);
      for (const finding of output.findings) perRule.set(finding.ruleId, (perRule.get(finding.ruleId) ?? 0) + 1);
    }
    assert.ok(files > 0);
    const counts = [...perRule].sort(([a], [b]) => a.localeCompare(b)).map(([rule, count]) => `${rule}=${count}`);
    t.diagnostic(`${files} files; findings per rule: ${counts.join(' ')}`);
  });
}
