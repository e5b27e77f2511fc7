import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { arbitraryText, checkInput, FILE_NAMES, mutation, seedsFor } from '../support/fuzz';
import { corpusAvailable, corpusFiles } from '../support/corpus';

/** A short, seeded fuzz run; `npm run fuzz` runs the long one. */

function corpusSeeds(kind: 'dockerfile' | 'compose', every: number): string[] {
  if (!corpusAvailable()) return [];
  const seeds: string[] = [];
  let index = 0;
  for (const file of corpusFiles(kind)) if (index++ % every === 0) seeds.push(file.text);
  return seeds;
}

const SEED = 20261128;

test('the engine keeps its promises for arbitrary text', { timeout: 300_000 }, () => {
  fc.assert(
    fc.property(arbitraryText(), fc.constantFrom(...FILE_NAMES), (text, fileName) => {
      assert.equal(checkInput(text, fileName), undefined);
    }),
    { seed: SEED, numRuns: 400 },
  );
});

test('the engine keeps its promises for mutated real files', { timeout: 300_000 }, () => {
  const cases: [string, string[]][] = [
    ['Dockerfile', seedsFor('Dockerfile', corpusSeeds('dockerfile', 40))],
    ['compose.yaml', seedsFor('compose.yaml', corpusSeeds('compose', 40))],
  ];
  for (const [fileName, seeds] of cases) {
    fc.assert(
      fc.property(mutation(seeds), (text) => {
        assert.equal(checkInput(text, fileName), undefined);
      }),
      { seed: SEED, numRuns: 300 },
    );
  }
});
