// The long fuzz run:  npm run fuzz -- [--runs N] [--seed S] [--corpus DIR]
// Feeds arbitrary text and mutated real files to the engine and checks its promises (see
// test/src/support/fuzz.ts). Prints the numbers and the first failures with their seed and path
// so a failure can be replayed with fast-check.
import * as fc from 'fast-check';
import { arbitraryText, checkInput, FILE_NAMES, mutation, seedsFor } from '../support/fuzz';
import { corpusAvailable, corpusFiles } from '../support/corpus';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const runs = option('runs', 100_000);
const seed = option('seed', Date.now() % 2 ** 31);
const seedsOf = (kind: 'dockerfile' | 'compose') => (corpusAvailable() ? [...corpusFiles(kind)].map((file) => file.text) : []);

const plans: { name: string; arbitrary: fc.Arbitrary<[string, string]>; share: number }[] = [
  { name: 'arbitrary text', arbitrary: fc.tuple(arbitraryText(), fc.constantFrom(...FILE_NAMES)), share: 0.3 },
  { name: 'mutated Dockerfiles', arbitrary: mutation(seedsFor('Dockerfile', seedsOf('dockerfile'))).map((text) => [text, 'Dockerfile'] as [string, string]), share: 0.35 },
  { name: 'mutated compose files', arbitrary: mutation(seedsFor('compose.yaml', seedsOf('compose'))).map((text) => [text, 'compose.yaml'] as [string, string]), share: 0.35 },
];

let failures = 0;
let total = 0;
const started = Date.now();
for (const plan of plans) {
  const numRuns = Math.round(runs * plan.share);
  const planStart = Date.now();
  let slowest = 0;
  const result = fc.check(
    fc.property(plan.arbitrary, ([text, fileName]) => {
      const t0 = Date.now();
      const problem = checkInput(text, fileName);
      slowest = Math.max(slowest, Date.now() - t0);
      if (problem) throw new Error(problem);
    }),
    { seed, numRuns },
  );
  total += result.numRuns;
  console.log(`${plan.name}: ${result.numRuns} inputs in ${((Date.now() - planStart) / 1000).toFixed(1)} s, slowest ${slowest} ms, ${result.failed ? 'FAILED' : 'ok'}`);
  if (result.failed) {
    failures++;
    console.log(fc.defaultReportMessage(result));
  }
}
console.log(`fuzz: ${total} inputs, seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s, ${failures} failing plan(s)`);
process.exit(failures > 0 ? 1 : 0);
