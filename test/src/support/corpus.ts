import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared corpus beside the checkout (`../shared/corpus`); tests skip when it is absent. */
export const CORPUS_DIR = resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus');

export function corpusAvailable(): boolean {
  return existsSync(join(CORPUS_DIR, 'dockerfile')) && existsSync(join(CORPUS_DIR, 'compose'));
}

export interface CorpusFile {
  kind: 'dockerfile' | 'compose';
  name: string;
  path: string;
  text: string;
}

export function* corpusFiles(kind: 'dockerfile' | 'compose'): Generator<CorpusFile> {
  const dir = join(CORPUS_DIR, kind);
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    yield { kind, name, path, text: readFileSync(path, 'utf8') };
  }
}
