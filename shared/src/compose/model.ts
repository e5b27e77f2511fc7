import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseYaml } from '../text/yaml';
import { LineIndex } from '../text/line-index';
import type { CommentLine } from '../suppressions';

/**
 * The compose model: the parsed YAML with positions, the services, and an effective view of every
 * mapping that resolves aliases and merge keys (`<<: *a`, `<<: [*a, *b]`) lazily, per mapping and
 * key, without copying the document (no `toJS()`).
 *
 * Merge semantics are go-yaml's, which Compose uses: keys written in a mapping win over merged
 * ones wherever the `<<` entry stands, and among merge sources the earlier one wins. Every `Field`
 * keeps the pair as written, so findings point where the value is written (possibly inside an
 * anchor) and fixes can decide whether to edit the service or the anchor.
 *
 * Alias bombs and deep merge chains are bounded: each mapping's effective table is computed once
 * (so repeated aliases cost nothing more), merge chains deeper than `MAX_MERGE_DEPTH` and more than
 * `MAX_MERGE_ENTRIES` merged entries in one file are refused and reported in `refused`.
 */

export type YamlMap = YAMLMap<Node, Node | null>;
export type YamlSeq = YAMLSeq<Node | null>;
export type YamlPair = Pair<Node, Node | null>;

/** Chained merge keys (`a` merges `b` merges `c` ...) followed at most this deep. */
export const MAX_MERGE_DEPTH = 64;
/** Merged entries copied into effective tables, per file: far above any real file. */
export const MAX_MERGE_ENTRIES = 200_000;

/** The effective value of one key of a mapping, after merge keys and aliases. */
export interface Field {
  key: string;
  /** The key as written (inside an anchor when `fromMerge`). */
  keyNode: Scalar;
  /** The value with aliases resolved; a null scalar for `key:` with nothing after it. */
  value: Node | null;
  /** The value as written in the pair (an `Alias` when the value is `*name`). */
  written: Node | null;
  /** The pair as written; inside an anchor when `fromMerge`. */
  pair: YamlPair;
  /** The mapping the pair is written in. */
  map: YamlMap;
  /**
   * The value comes through a merge key (or the whole service is an alias), so it is written in
   * an anchor shared with other mappings rather than in the mapping that was asked.
   */
  fromMerge: boolean;
  /** The value is written as an alias (`key: *name`): it is written in the anchor. */
  viaAlias: boolean;
  /** The anchor the value came through, for messages (`&base`). */
  anchorName?: string;
  /** For a merged field: the `<<` pair of the asked mapping that brought it in. */
  mergePair?: YamlPair;
  readonly model: ComposeModel;
  /** Nested effective lookup when the value is a mapping (`deploy` → `resources`). */
  get(key: string): Field | undefined;
  /** Effective entries when the value is a mapping; empty otherwise. */
  entries(): Field[];
  /** The items when the value is a sequence, aliases resolved; empty otherwise. */
  items(): SequenceItem[];
}

export interface SequenceItem {
  /** The item with aliases resolved. */
  node: Node | null;
  /** The item as written in the sequence (an `Alias` for `- *name`). */
  written: Node | null;
  /** The sequence the item is written in. */
  seq: YamlSeq;
}

export interface Service {
  name: string;
  keyNode: Scalar;
  /** The service key: where findings about something missing point. */
  keyStart: number;
  keyEnd: number;
  pair: YamlPair;
  /** The service's mapping (aliases resolved); undefined when it is not a mapping. */
  node: YamlMap | undefined;
  /** `web: *template`: the whole service is an alias, so its mapping is written in the anchor. */
  alias?: Alias;
  /** Listed through a merge key in `services:` itself, so written in an anchor. */
  inherited: boolean;
  readonly model: ComposeModel;
  /** The effective value of a key: own keys win over merged ones. */
  field(key: string): Field | undefined;
  /** What the merge keys alone give for `key`, i.e. what remains if the service's own key goes. */
  inheritedField(key: string): Field | undefined;
  /** Nested effective lookup: `path('deploy', 'resources', 'limits', 'memory')`. */
  path(...keys: string[]): Field | undefined;
  /** Every effective key of the service except `<<` and `x-*`, own keys first. */
  fields(): Field[];
  /**
   * `key` as the services it `extends:` define it (nearest base first, same file only):
   * `'unknown'` when a base is in another file or cannot be found, so a "missing" finding would
   * be a guess; undefined when no base defines it (or the service extends nothing).
   */
  fromExtends(key: string): Field | 'unknown' | undefined;
}

export interface Refusal {
  message: string;
  start: number;
  end: number;
}

export interface ComposeModel {
  text: string;
  index: LineIndex;
  document: Document.Parsed;
  parseErrors: { message: string; start: number; end: number }[];
  /** Why the file is not a compose file (top level is a list, `services:` is a list, ...). */
  notCompose: string | undefined;
  /** The top-level mapping, when there is one. */
  root: YamlMap | undefined;
  services: Service[];
  /** Top-level `networks:` entries (effective, merges resolved). */
  networks: Field[];
  /** Top-level `volumes:` entries (named volumes). */
  volumes: Field[];
  comments: CommentLine[];
  /** Aliases and merge chains the model refused to follow (reported as DG000). */
  refused: Refusal[];
  /** The line above which an "ignore next line" comment for a finding at `offset` goes. */
  suppressionLine(offset: number): number;
  fileSuppressionLine: number;
  /** Follows an alias to its anchored node (the last anchor of that name before the alias). */
  resolve(node: Node | null | undefined): Node | null | undefined;
  /** The effective value of `key` in any mapping. */
  fieldOf(map: Node | null | undefined, key: string): Field | undefined;
  /** Effective entries of any mapping, own keys first, then merged ones. */
  entriesOf(map: Node | null | undefined): Field[];
  /** A top-level key (`networks`, `volumes`, `version`, ...). */
  topLevel(key: string): Field | undefined;
  /** The items of any sequence, aliases resolved; empty for anything else. */
  itemsOf(seq: Node | null | undefined): SequenceItem[];
  /**
   * What rules derive from the model, computed once per lint: `compute()` for `key` in the
   * memo table `table` (any object standing for what is computed, e.g. the function computing
   * it). Plain maps that die with the model: WeakMaps keyed by the many short-lived nodes of a
   * lint made every scavenge dear (ephemeron tables).
   */
  memo<T>(table: object, key: object, compute: () => T): T;
}

interface Table {
  byKey: Map<string, Field>;
  ordered: Field[];
}

const PENDING = Symbol('pending');

export function buildComposeModel(text: string): ComposeModel {
  const index = new LineIndex(text);
  const { document, errors: parseErrors } = parseYaml(text, { keepSourceTokens: true, prettyErrors: false });
  const refused: Refusal[] = [];
  const refusedAt = new Set<number>();
  const refuse = (message: string, start: number, end: number): void => {
    if (refusedAt.has(start)) return;
    refusedAt.add(start);
    refused.push({ message, start, end });
  };

  // One iterative walk (no recursion: nesting depth is the attacker's choice) collects anchors
  // and the lines inside multi-line scalars.
  const anchors = new Map<string, { start: number; node: Node }[]>();
  const scalarLines = new Set<number>();
  const aliases: Alias[] = [];
  const hasCR = text.includes('\r');
  walk(document.contents, (node) => {
    if (isAlias(node)) aliases.push(node);
    if (node.anchor && node.range) {
      let list = anchors.get(node.anchor);
      if (!list) anchors.set(node.anchor, (list = []));
      list.push({ start: node.range[0], node });
    }
    if (isScalar(node) && node.range) {
      const [start, end] = node.range;
      const multiLine = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' || hasLineBreak(text, start, end, hasCR);
      if (multiLine) {
        const first = index.lineOf(start);
        const last = index.lineOf(Math.max(start, end - 1));
        for (let line = first + 1; line <= last; line++) scalarLines.add(line);
      }
    }
  });
  for (const list of anchors.values()) if (list.length > 1) list.sort((a, b) => a.start - b.start);

  const resolve = (node: Node | null | undefined): Node | null | undefined => {
    if (!isAlias(node)) return node;
    const list = anchors.get(node.source);
    if (!list || !node.range) return undefined;
    const at = node.range[0];
    let found: Node | undefined;
    for (const entry of list) {
      if (entry.start >= at) break;
      found = entry.node;
    }
    return found;
  };

  // The yaml package accepts an alias without an anchor until toJS(); Compose's loader rejects
  // the file. `PASSWORD: ******` is the usual way to write one by accident.
  for (const alias of aliases) {
    if (alias.range && resolve(alias) === undefined) {
      parseErrors.push({
        message: `The alias *${alias.source} refers to no anchor &${alias.source} defined before it (quote the value if it is meant as text)`,
        start: alias.range[0],
        end: alias.range[1],
      });
    }
  }

  const tables = new Map<object, Table | typeof PENDING>();
  const memos = new Map<object, Map<object, unknown>>();
  let mergedEntries = 0;

  const makeField = (
    key: string,
    keyNode: Scalar,
    pair: YamlPair,
    map: YamlMap,
    fromMerge: boolean,
    anchorName: string | undefined,
    mergePair: YamlPair | undefined,
  ): Field => {
    const written = pair.value;
    const value = isAlias(written) ? (resolve(written) ?? null) : written;
    const field: Field = {
      key,
      keyNode,
      value,
      written,
      pair,
      map,
      fromMerge,
      viaAlias: isAlias(written),
      anchorName: anchorName ?? (isAlias(written) ? written.source : undefined),
      mergePair,
      model,
      get: fieldGet,
      entries: fieldEntries,
      items: fieldItems,
    };
    return field;
  };

  /** The merge sources of a `<<` value: a mapping, an alias to one, or a list of those. */
  const mergeSources = (value: Node | null): { map: YamlMap; alias?: Alias }[] => {
    const sources: { map: YamlMap; alias?: Alias }[] = [];
    const add = (written: Node | null): void => {
      const target = resolve(written);
      if (isMap(target)) sources.push({ map: target as YamlMap, alias: isAlias(written) ? written : undefined });
    };
    if (isSeq(value)) for (const item of value.items) add(item as Node | null);
    else add(value);
    return sources;
  };

  const tableOf = (map: YamlMap, depth: number): Table => {
    const cached = tables.get(map);
    if (cached === PENDING) {
      // The mapping merges itself through its own anchor: stop here, what it writes still counts.
      const at = map.range ?? [0, 0];
      refuse('A merge key refers to the mapping it is in (a cycle of anchors); the cycle was not followed.', at[0], at[0]);
      return ownTable(map);
    }
    if (cached) return cached;
    tables.set(map, PENDING);
    const table = ownTable(map);
    const merges = map.items.filter((pair) => isMergeKey(pair.key)) as YamlPair[];
    for (const mergePair of merges) {
      const keyRange = (mergePair.key as Scalar).range ?? [0, 0, 0];
      if (depth >= MAX_MERGE_DEPTH) {
        refuse(`Merge keys nested more than ${MAX_MERGE_DEPTH} deep were not followed; values they bring in are not checked.`, keyRange[0], keyRange[1]);
        break;
      }
      for (const source of mergeSources(mergePair.value)) {
        const inner = tableOf(source.map, depth + 1);
        if (mergedEntries + inner.ordered.length > MAX_MERGE_ENTRIES) {
          refuse(`These merge keys expand to more than ${MAX_MERGE_ENTRIES} entries (an alias bomb?); the rest was not followed.`, keyRange[0], keyRange[1]);
          break;
        }
        mergedEntries += inner.ordered.length;
        const anchorName = source.alias?.source ?? source.map.anchor;
        for (const entry of inner.ordered) {
          if (table.byKey.has(entry.key)) continue;
          const merged = makeField(entry.key, entry.keyNode, entry.pair, entry.map, true, entry.fromMerge ? (entry.anchorName ?? anchorName) : anchorName, mergePair);
          table.byKey.set(entry.key, merged);
          table.ordered.push(merged);
        }
      }
    }
    tables.set(map, table);
    return table;
  };

  const ownTable = (map: YamlMap): Table => {
    const byKey = new Map<string, Field>();
    const ordered: Field[] = [];
    for (const pair of map.items as YamlPair[]) {
      if (!isScalar(pair.key) || isMergeKey(pair.key)) continue;
      const key = String(pair.key.value);
      if (byKey.has(key)) continue;
      const field = makeField(key, pair.key, pair, map, false, undefined, undefined);
      byKey.set(key, field);
      ordered.push(field);
    }
    return { byKey, ordered };
  };

  const fieldOf = (node: Node | null | undefined, key: string): Field | undefined => {
    const map = resolve(node);
    if (!isMap(map)) return undefined;
    return tableOf(map as YamlMap, 0).byKey.get(key);
  };
  const entriesOf = (node: Node | null | undefined): Field[] => {
    const map = resolve(node);
    if (!isMap(map)) return [];
    return tableOf(map as YamlMap, 0).ordered;
  };
  const itemsOf = (node: Node | null | undefined): SequenceItem[] => {
    const seq = resolve(node);
    if (!isSeq(seq)) return [];
    return (seq.items as (Node | null)[]).map((written) => ({ node: isAlias(written) ? (resolve(written) ?? null) : written, written, seq: seq as YamlSeq }));
  };

  let notCompose: string | undefined;
  const contents = document.contents as Node | null;
  const root = isMap(contents) ? (contents as YamlMap) : undefined;
  const empty = contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''));
  const services: Service[] = [];
  const model: ComposeModel = {
    text,
    index,
    document,
    parseErrors,
    notCompose: undefined,
    root,
    services,
    networks: [],
    volumes: [],
    comments: [],
    refused,
    suppressionLine: (offset) => {
      let line = index.lineOf(offset);
      while (line > 0 && scalarLines.has(line)) line--;
      return line;
    },
    fileSuppressionLine: 0,
    resolve,
    fieldOf,
    entriesOf,
    itemsOf,
    topLevel: (key) => (root ? fieldOf(root, key) : undefined),
    memo: <T>(table: object, key: object, compute: () => T): T => {
      let memo = memos.get(table);
      if (!memo) memos.set(table, (memo = new Map()));
      if (memo.has(key)) return memo.get(key) as T;
      const value = compute();
      memo.set(key, value);
      return value;
    },
  };

  const servicesField = root ? fieldOf(root, 'services') : undefined;
  if (!root && !empty) {
    notCompose = 'Not a compose file: its top level must be a mapping with a `services:` key.';
  } else if (servicesField && !isMap(servicesField.value) && !isNullScalar(servicesField.value)) {
    notCompose = '`services:` must be a mapping of service names to their definitions.';
  } else if (servicesField) {
    for (const entry of entriesOf(servicesField.value)) {
      if (entry.key.startsWith('x-') || !entry.keyNode.range) continue;
      services.push(makeService(model, entry, resolve, fieldOf, entriesOf));
    }
  }
  model.notCompose = notCompose;
  if (root) {
    model.networks = entriesOf(fieldOf(root, 'networks')?.value).filter((entry) => !entry.key.startsWith('x-'));
    model.volumes = entriesOf(fieldOf(root, 'volumes')?.value).filter((entry) => !entry.key.startsWith('x-'));
  }
  model.comments = commentLines(index, scalarLines);
  return model;
}

function makeService(
  model: ComposeModel,
  entry: Field,
  resolve: ComposeModel['resolve'],
  fieldOf: ComposeModel['fieldOf'],
  entriesOf: ComposeModel['entriesOf'],
): Service {
  const resolved = resolve(entry.written);
  const node = isMap(resolved) ? (resolved as YamlMap) : undefined;
  const alias = isAlias(entry.written) ? entry.written : undefined;
  // For a service that is an alias or inherited, all of its fields are written in an anchor.
  const sharedName = alias?.source ?? (entry.fromMerge ? entry.anchorName : undefined);
  const shared = alias !== undefined || entry.fromMerge;
  const asShared = (field: Field | undefined): Field | undefined =>
    field && shared && !field.fromMerge ? { ...field, fromMerge: true, anchorName: field.anchorName ?? sharedName } : field;
  const field = (key: string): Field | undefined => asShared(fieldOf(node, key));
  return {
    name: entry.key,
    keyNode: entry.keyNode,
    keyStart: entry.keyNode.range![0],
    keyEnd: entry.keyNode.range![1],
    pair: entry.pair,
    node,
    alias,
    inherited: entry.fromMerge,
    model,
    field,
    inheritedField: (key) => {
      if (!node) return undefined;
      for (const pair of node.items as YamlPair[]) {
        if (!isMergeKey(pair.key)) continue;
        const sources = isSeq(pair.value) ? (pair.value.items as (Node | null)[]) : [pair.value];
        for (const source of sources) {
          const found = fieldOf(source, key);
          if (found) return { ...found, fromMerge: true, anchorName: found.anchorName ?? (isAlias(source) ? source.source : undefined), mergePair: pair };
        }
      }
      return undefined;
    },
    path: (...keys) => {
      let current = field(keys[0]);
      // `deploy: *d` puts everything below deploy in the anchor, as a merge does.
      let fromMerge = current !== undefined && (current.fromMerge || (keys.length > 1 && current.viaAlias));
      let anchorName = current?.anchorName;
      for (const key of keys.slice(1)) {
        if (!current) return undefined;
        current = current.get(key);
        if (current?.fromMerge || current?.viaAlias) {
          fromMerge = true;
          anchorName = current.anchorName ?? anchorName;
        }
      }
      return current && (fromMerge !== current.fromMerge || anchorName !== current.anchorName) ? { ...current, fromMerge, anchorName } : current;
    },
    fields: () => entriesOf(node).filter((item) => !item.key.startsWith('x-')).map((item) => asShared(item)!),
    fromExtends(key) {
      return lookupExtends(this, key);
    },
  };
}

const MAX_EXTENDS_DEPTH = 16;

function lookupExtends(service: Service, key: string): Field | 'unknown' | undefined {
  const seen = new Set<Service>([service]);
  let current = service;
  for (let depth = 0; depth < MAX_EXTENDS_DEPTH; depth++) {
    const extended = current.field('extends');
    if (!extended) return undefined;
    let name: unknown;
    if (isScalar(extended.value)) name = extended.value.value;
    else if (isMap(extended.value)) {
      if (current.model.fieldOf(extended.value, 'file')) return 'unknown';
      const named = current.model.fieldOf(extended.value, 'service')?.value;
      name = isScalar(named) ? named.value : undefined;
    }
    const base = typeof name === 'string' ? current.model.services.find((candidate) => candidate.name === name) : undefined;
    if (!base || seen.has(base)) return 'unknown';
    const found = base.field(key);
    if (found) return found;
    seen.add(base);
    current = base;
  }
  return 'unknown';
}

// Shared by every Field (plain objects, so spreading one keeps them): no closures per field.
function fieldGet(this: Field, key: string): Field | undefined {
  return this.model.fieldOf(this.value, key);
}
function fieldEntries(this: Field): Field[] {
  return this.model.entriesOf(this.value);
}
function fieldItems(this: Field): SequenceItem[] {
  return this.model.itemsOf(this.value);
}

/** `<<` written plain: a quoted `"<<"` is an ordinary key. */
export function isMergeKey(key: unknown): boolean {
  return isScalar(key) && key.value === '<<' && (key.type === 'PLAIN' || key.type === undefined);
}

export function isNullScalar(node: Node | null | undefined): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function hasLineBreak(text: string, start: number, end: number, hasCR: boolean): boolean {
  const lf = text.indexOf('\n', start);
  if (lf >= 0 && lf < end) return true;
  if (!hasCR) return false;
  // Only for files with CR-only line breaks; searching for a \r absent from the text would scan to its end.
  const cr = text.indexOf('\r', start);
  return cr >= 0 && cr < end;
}

/** Visits every node once, depth-first, without recursion. Aliases are not followed. */
function walk(root: unknown, visit: (node: Node) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || item === undefined) continue;
    if (isPair(item)) {
      stack.push(item.value, item.key);
      continue;
    }
    if (isMap(item) || isSeq(item)) {
      visit(item as Node);
      const items = item.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
      continue;
    }
    if (isScalar(item) || isAlias(item)) visit(item as Node);
  }
}

function commentLines(index: LineIndex, scalarLines: Set<number>): CommentLine[] {
  const comments: CommentLine[] = [];
  const text = index.text;
  for (let line = 0; line < index.lineCount; line++) {
    if (scalarLines.has(line)) continue;
    const start = index.lineStart(line);
    const end = index.lineEnd(line);
    let at = start;
    while (at < end && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9 || text.charCodeAt(at) === 0xfeff)) at++;
    if (at < end && text.charCodeAt(at) === 35 /* # */) comments.push({ line, start: at, end, text: text.slice(at, end) });
  }
  return comments;
}
