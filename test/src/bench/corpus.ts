import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FileKind } from '../../../shared/src/types';

/** How the engine tells file kinds apart (from the engine bundle: the harness runs as plain JavaScript). */
export interface KindDetection {
  detectKind(path: string, text?: string): FileKind | undefined;
  kindFromName(path: string): FileKind | undefined;
}

export type Kind = 'dockerfile' | 'compose';
export const KINDS: readonly Kind[] = ['dockerfile', 'compose'];

export interface BenchFile {
  kind: Kind;
  /** Absolute path. */
  path: string;
  /** Path relative to the corpus folder. */
  relative: string;
  name: string;
  text: string;
  bytes: number;
  lines: number;
}

export interface Corpus {
  root: string;
  files: Record<Kind, BenchFile[]>;
  /** Files the built tools would not pick up by name alone (they are linted when named explicitly). */
  unnamedCompose: BenchFile[];
}

const SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);

/**
 * Reads every Dockerfile and compose file below `root` into memory. The shared corpus keeps its
 * files in `dockerfile/` and `compose/`, and that folder decides the kind there (a few compose
 * files have only `include:` or `networks:` at the top); elsewhere the engine's own detection
 * decides, by name or by a top-level `services:` in a YAML file.
 */
export function loadCorpus(root: string, { detectKind, kindFromName }: KindDetection): Corpus {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`no corpus folder at ${root}`);
  const files: Record<Kind, BenchFile[]> = { dockerfile: [], compose: [] };
  const split = existsSync(join(root, 'dockerfile')) && existsSync(join(root, 'compose'));
  const walk = (dir: string, forced: Kind | undefined): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(path, forced ?? (split && dir === root && (entry.name === 'dockerfile' || entry.name === 'compose') ? entry.name : undefined));
        continue;
      }
      if (!entry.isFile()) continue;
      if (split && forced === undefined) continue;
      const text = readFileSync(path, 'utf8');
      const detected = detectKind(path, text);
      const kind = forced ?? (detected === 'dockerfile' || detected === 'compose' ? detected : undefined);
      if (!kind) continue;
      files[kind].push({
        kind,
        path,
        relative: relative(root, path),
        name: entry.name,
        text,
        bytes: Buffer.byteLength(text),
        lines: text.split('\n').length,
      });
    }
  };
  walk(root, undefined);
  const unnamedCompose = files.compose.filter((file) => kindFromName(file.path) !== 'compose');
  return { root, files, unnamedCompose };
}

/** Every n-th file of each kind, always keeping the largest (the worst case matters most). */
export function sampleCorpus(corpus: Corpus, every: number): Corpus {
  if (every <= 1) return corpus;
  const pick = (list: BenchFile[]): BenchFile[] => {
    const largest = bySize(list).at(-1);
    return list.filter((file, i) => i % every === 0 || file === largest);
  };
  const files = { dockerfile: pick(corpus.files.dockerfile), compose: pick(corpus.files.compose) };
  const kept = new Set(files.compose);
  return { root: corpus.root, files, unnamedCompose: corpus.unnamedCompose.filter((file) => kept.has(file)) };
}

export function bySize(list: readonly BenchFile[]): BenchFile[] {
  return [...list].sort((a, b) => a.bytes - b.bytes || (a.relative < b.relative ? -1 : 1));
}

/** The files the editing figures use: the median size, the p95 size and the largest of a kind. */
export function editTargets(list: readonly BenchFile[]): { label: 'median' | 'p95' | 'largest'; file: BenchFile }[] {
  const sorted = bySize(list);
  if (sorted.length === 0) return [];
  const at = (p: number): BenchFile => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return [
    { label: 'median', file: at(50) },
    { label: 'p95', file: at(95) },
    { label: 'largest', file: sorted[sorted.length - 1] },
  ];
}
