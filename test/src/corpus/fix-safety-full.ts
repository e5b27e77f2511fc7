// The full fix-safety run over every corpus file (the sample runs in `npm test`):
//   node --import tsx test/src/corpus/fix-safety-full.ts [corpus-dir]
import { corpusFiles, corpusAvailable, CORPUS_DIR } from '../support/corpus';
import { checkFile, type FixSafetyCounts } from '../support/fix-safety';

if (!corpusAvailable()) {
  console.error(`no corpus at ${CORPUS_DIR}`);
  process.exit(2);
}
let failed = 0;
for (const kind of ['dockerfile', 'compose'] as const) {
  const counts: FixSafetyCounts = { findings: 0, fixesApplied: 0, fixAllApplied: 0, failures: [] };
  let files = 0;
  for (const file of corpusFiles(kind)) {
    files++;
    checkFile(file.name, kind, file.text, counts);
  }
  console.log(`${kind}: ${files} files, ${counts.findings} findings, ${counts.fixesApplied} fixes applied alone, fix-all on ${counts.fixAllApplied} files, ${counts.failures.length} failures`);
  for (const failure of counts.failures.slice(0, 50)) console.log(`  ${failure.file} ${failure.ruleId} "${failure.fix}": ${failure.problem}`);
  failed += counts.failures.length;
}
process.exit(failed > 0 ? 1 : 0);
