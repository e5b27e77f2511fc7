import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { corpusAvailable, corpusFiles, CORPUS_DIR } from '../support/corpus';
import { checkFile, type FixSafetyCounts } from '../support/fix-safety';

/**
 * Every fix offered on a fixed sample of the corpus (every 8th file of each kind) keeps its
 * promise; `test/src/corpus/fix-safety-full.ts` runs the same check on every file.
 */
for (const kind of ['dockerfile', 'compose'] as const) {
  test(`fixes are safe on a sample of the ${kind} corpus`, { skip: corpusAvailable() ? false : `no corpus at ${CORPUS_DIR}` }, (t) => {
    const counts: FixSafetyCounts = { findings: 0, fixesApplied: 0, fixAllApplied: 0, failures: [] };
    let index = 0;
    for (const file of corpusFiles(kind)) {
      if (index++ % 8 === 0) checkFile(file.name, kind, file.text, counts);
    }
    t.diagnostic(`${counts.findings} findings, ${counts.fixesApplied} fixes applied alone, fix-all on ${counts.fixAllApplied} files`);
    assert.deepEqual(counts.failures.slice(0, 20), []);
  });
}
