import { isAlias, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { OffsetEdit } from '../text/edits';
import { isNullScalar, type ComposeModel, type Field, type Service, type YamlMap, type YamlPair, type YamlSeq } from './model';
import { scalar } from './values';

/**
 * Fix builders for compose files. They return offset edits that touch only the bytes they must:
 * new keys go into the service's mapping at its own indentation with the file's line ending,
 * list items are added in the list's own style (block `- x` or flow `[a, x]`), removals take
 * whole lines (with a trailing comment) or, in flow collections, the entry and one comma.
 * An empty result means no safe edit exists; callers then offer no fix.
 */

// ---------------------------------------------------------------------------------------------
// scalars and quoting

const YAML_SPECIAL = /^(?:y|yes|n|no|true|false|on|off|null|~|=|<<)$/i;

/**
 * Whether `value` must be quoted to be read back as the same string by YAML 1.1 and 1.2 parsers
 * (so `10001:10001`, which YAML 1.1 reads as a sexagesimal number, `1.0`, `on`, `: x` are quoted).
 * In flow collections `,[]{}` and any `:` also need quotes (PyYAML rejects `[a:b]`).
 */
export function needsQuotes(value: string, flow = false): boolean {
  if (value === '' || value.trim() !== value) return true;
  if (YAML_SPECIAL.test(value)) return true;
  if (/^[-+]?(?:\.?\d|\.(?:inf|nan)$)/i.test(value) && !/^\d+[a-z]+$/i.test(value)) return true;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value)) return true;
  if (/: |:$| #|[\t\n\r\u0000-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(value)) return true;
  if (flow && /[,[\]{}:]/.test(value)) return true;
  return false;
}

export type QuoteStyle = 'plain' | 'double' | 'single';

/** `value` as a YAML scalar in the preferred style, quoted whenever plain would change it. */
export function yamlScalar(value: string, style: QuoteStyle = 'plain', flow = false): string {
  if (style === 'single' && !/[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (style === 'plain' && !needsQuotes(value, flow)) return value;
  return JSON.stringify(value);
}

function styleOf(node: Node | null | undefined): QuoteStyle {
  if (!isScalar(node)) return 'plain';
  if (node.type === 'QUOTE_DOUBLE') return 'double';
  if (node.type === 'QUOTE_SINGLE') return 'single';
  return 'plain';
}

/** The quoting the items of a sequence agree on (plain when they are mixed or none). */
function itemStyle(seq: YamlSeq): QuoteStyle {
  const styles = new Set(seq.items.filter((item) => isScalar(item)).map((item) => styleOf(item)));
  return styles.size === 1 ? [...styles][0] : 'plain';
}

/** Replaces a node as written (scalar, alias or collection) with YAML text. */
export function replaceNode(model: ComposeModel, node: Node | null | undefined, yamlText: string): OffsetEdit[] {
  if (!node?.range) return [];
  return [{ start: node.range[0], end: contentEnd(model, node.range[0], node.range[1]), newText: yamlText }];
}

/** Replaces a scalar's value with `value`, keeping its quoting style unless plain would change it. */
export function replaceScalar(model: ComposeModel, node: Node | null | undefined, value: string): OffsetEdit[] {
  if (!isScalar(node) || !node.range) return [];
  if (isNullScalar(node) && node.range[0] === node.range[1]) return [];
  const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  return replaceNode(model, node, yamlScalar(value, block ? 'double' : styleOf(node), inFlow(model, node)));
}

/**
 * Replaces what a scalar evaluates to, touching as little as it can: only the default of a
 * `${VAR:-default}` value (so the variable stays); only the text between the quotes of a quoted
 * scalar written without escapes, when the new value needs none either; a quoted scalar
 * otherwise with the new value in the same quoting; a plain or block scalar by `plainText` (the
 * caller's YAML for the value, quoted as it needs).
 */
export function replaceValue(model: ComposeModel, node: Node | null | undefined, value: string, plainText: string): OffsetEdit[] {
  if (!isScalar(node) || !node.range) return [];
  const range = valueRange(model, node);
  if (!range) return [];
  const written = model.text.slice(range[0], range[1]);
  const variable = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-([^${}]*)\}$/.exec(written);
  if (variable && (node.type === 'PLAIN' || String(node.value) === written)) {
    const at = range[0] + written.length - 1 - variable[1].length;
    return [{ start: at, end: at + variable[1].length, newText: value }];
  }
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    const unescaped = node.type === 'QUOTE_DOUBLE' ? /^[^"\\\u0000-\u001f\u007f\u0085\u2028\u2029]*$/ : /^[^'\u0000-\u001f\u007f\u0085\u2028\u2029]*$/;
    if (written === String(node.value) && unescaped.test(written) && unescaped.test(value)) return [{ start: range[0], end: range[1], newText: value }];
    return replaceScalar(model, node, value);
  }
  if (node.type === 'PLAIN') return [{ start: range[0], end: range[1], newText: plainText }];
  return replaceNode(model, node, plainText);
}

/** Whether a node sits inside a flow collection (`[a, b]` / `{a: b}`), where quoting is stricter. */
function inFlow(model: ComposeModel, node: Node): boolean {
  const start = node.range![0];
  const line = model.index.lineOf(start);
  const before = model.text.slice(model.index.lineStart(line), start);
  let depth = 0;
  for (const c of before) {
    if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return depth > 0;
}

// ---------------------------------------------------------------------------------------------
// positions

function columnOf(model: ComposeModel, offset: number): number {
  return offset - model.index.lineStart(model.index.lineOf(offset));
}

/** A scalar's text without its quotes; for block scalars and collections, the whole node without trailing blanks. */
export function valueRange(model: ComposeModel, node: Node | null | undefined): [number, number] | undefined {
  if (!node?.range) return undefined;
  const start = node.range[0];
  const end = contentEnd(model, start, node.range[1]);
  if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && end - start >= 2) return [start + 1, end - 1];
  return [start, end];
}

/** `end` moved back over trailing blanks and line breaks (block scalars end after their newline). */
function contentEnd(model: ComposeModel, start: number, end: number): number {
  const text = model.text;
  while (end > start && /[ \t\r\n]/.test(text[end - 1])) end--;
  return end;
}

/** The offset where the pair's text (key and value) ends. */
function pairEnd(model: ComposeModel, pair: YamlPair): number {
  const key = pair.key as Node;
  const start = key.range![0];
  let end = key.range![1];
  const value = pair.value as Node | null;
  if (value?.range) {
    // A `|+` block scalar keeps its trailing blank lines: they are content, not room to insert into.
    if (isScalar(value) && keepsTrailingLines(model, value)) return Math.max(start, value.range[1] - 1);
    end = Math.max(end, value.range[1]);
  }
  return contentEnd(model, start, end);
}

/** Where a node's text ends (for a `|+` scalar, with its kept trailing lines). */
function nodeEnd(model: ComposeModel, from: number, node: Node): number {
  if (keepsTrailingLines(model, node)) return Math.max(from, node.range![1] - 1);
  return contentEnd(model, from, node.range![1]);
}

function keepsTrailingLines(model: ComposeModel, node: Node): boolean {
  if (!isScalar(node) || (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED') || !node.range) return false;
  return /^[|>](?:[1-9]?\+|\+[1-9]?)/.test(model.text.slice(node.range[0], node.range[0] + 3));
}

interface LineInsertion {
  at: number;
  /** What must precede the new lines: a line break at the end of a file without a final one. */
  prefix: string;
}

/** Where a line inserted after the line holding `offset` starts, and what must precede it. */
function afterLineOf(model: ComposeModel, offset: number): LineInsertion {
  const { index } = model;
  const line = index.lineOf(offset);
  if (line + 1 < index.lineCount) return { at: index.lineStart(line + 1), prefix: '' };
  return { at: model.text.length, prefix: model.text.length > 0 ? index.eol : '' };
}

/** Whether only blanks precede `offset` on its line. */
function startsLine(model: ComposeModel, offset: number): boolean {
  const { index } = model;
  return /^[ \t]*$/.test(model.text.slice(index.lineStart(index.lineOf(offset)), offset));
}

/** Removes whole lines `[firstLine, lastLine]`, with their line breaks. */
function removeLines(model: ComposeModel, firstLine: number, lastLine: number): OffsetEdit {
  const { index } = model;
  if (lastLine + 1 < index.lineCount) return { start: index.lineStart(firstLine), end: index.lineStart(lastLine + 1), newText: '' };
  // The last line of the file: take the line break before it instead.
  const start = firstLine > 0 ? index.lineEnd(firstLine - 1) : 0;
  return { start, end: model.text.length, newText: '' };
}

/** The file's indentation step, from how services and their keys are indented (2 by default). */
export function indentUnit(model: ComposeModel): string {
  return model.memo(indentUnit, model, () => findIndentUnit(model));
}

function findIndentUnit(model: ComposeModel): string {
  let width = 0;
  for (const service of model.services) {
    const first = service.node && !service.node.flow ? (service.node.items[0]?.key as Node | undefined) : undefined;
    if (first?.range && !service.alias && !service.inherited) {
      width = columnOf(model, first.range[0]) - columnOf(model, service.keyStart);
      if (width > 0) break;
    }
  }
  if (width <= 0) {
    const services = model.topLevel('services');
    const first = model.services[0];
    if (services && first && !first.inherited) width = columnOf(model, first.keyStart) - columnOf(model, services.keyNode.range![0]);
  }
  return ' '.repeat(width > 0 && width <= 8 ? width : 2);
}

/** Lines written with 2-space steps, re-indented with the file's unit under `indent`. */
function indentLines(model: ComposeModel, lines: string[], indent: string): string[] {
  const unit = indentUnit(model);
  return lines.map((line) => {
    let leading = 0;
    while (line.charCodeAt(leading) === 32) leading++;
    return leading === 0 ? indent + line : indent + unit.repeat(Math.floor(leading / 2)) + ' '.repeat(leading % 2) + line.slice(leading);
  });
}

// ---------------------------------------------------------------------------------------------
// adding keys

/**
 * Inserts `key: value` lines into the service's own mapping, after its `image:`/`build:` entry
 * (the whole entry, if it spans lines) or at the end of the mapping, at the mapping's indentation.
 * Lines are given without indentation; nested lines use 2-space steps and follow the file's step.
 * `web: *template` becomes `web:` + `<<: *template` + the new lines, so the anchor is not edited.
 */
export function addServiceKey(model: ComposeModel, service: Service, lines: string[]): OffsetEdit[] {
  if (service.inherited || lines.length === 0) return [];
  const node = service.node;
  if (node && !service.alias?.range) {
    if (node.flow) return addToFlowMap(model, node, lines);
    // Six rules add keys to most services: where they go is found once per service.
    const place = model.memo(addServiceKey, service, () => blockInsertion(model, node));
    return place ? [insertLines(model, place, indentLines(model, lines, place.indent))] : [];
  }
  const eol = model.index.eol;
  const childIndent = ' '.repeat(columnOf(model, service.keyStart)) + indentUnit(model);

  if (service.alias?.range) {
    if (!service.node) return [];
    const alias = service.alias;
    const aliasRange = alias.range!;
    const lineEnd = model.index.lineEnd(model.index.lineOf(aliasRange[1]));
    // From just after the colon, so `web: *t` does not keep a trailing blank.
    const colon = model.text.lastIndexOf(':', aliasRange[0]);
    const from = colon >= service.keyEnd ? colon + 1 : aliasRange[0];
    return [
      { start: from, end: aliasRange[1], newText: `${eol}${childIndent}<<: *${alias.source}` },
      { start: lineEnd, end: lineEnd, newText: indentLines(model, lines, childIndent).map((line) => eol + line).join('') },
    ];
  }

  // `web:` with nothing after it.
  const value = service.pair.value;
  if (!isNullScalar(value)) return [];
  const edits: OffsetEdit[] = [];
  if (value?.range && value.range[1] > value.range[0]) edits.push({ start: value.range[0], end: value.range[1], newText: '' });
  const lineEnd = model.index.lineEnd(model.index.lineOf(service.keyEnd));
  edits.push({ start: lineEnd, end: lineEnd, newText: indentLines(model, lines, childIndent).map((line) => eol + line).join('') });
  return edits;
}

/** Where lines added to a service's block mapping go: after image:/build:, else at the end, at the keys' indentation. */
function blockInsertion(model: ComposeModel, node: YamlMap): (LineInsertion & { indent: string }) | undefined {
  const pairs = node.items as YamlPair[];
  if (pairs.length === 0 || !(pairs[0].key as Node)?.range) return undefined;
  const indent = ' '.repeat(columnOf(model, (pairs[0].key as Node).range![0]));
  let after = pairs[pairs.length - 1];
  for (const pair of pairs) {
    if (isScalar(pair.key) && (pair.key.value === 'image' || pair.key.value === 'build')) after = pair;
  }
  // image/build is normally early; keep the new key next to it unless build comes last anyway.
  return { ...afterLineOf(model, pairEnd(model, after)), indent };
}

function addToFlowMap(model: ComposeModel, node: YamlMap, lines: string[]): OffsetEdit[] {
  if (lines.some((line) => /^\s/.test(line))) return [];
  return addFlowMapEntries(model, node, lines.join(', '), '');
}

/** Adds `entries` (`a: 1, b: 2`) before the closing brace of a flow mapping; `padding` goes around them in `{}`. */
function addFlowMapEntries(model: ComposeModel, map: YamlMap, entries: string, padding: string): OffsetEdit[] {
  if (!map.range) return [];
  const pairs = map.items as YamlPair[];
  if (pairs.length === 0) {
    const open = model.text.indexOf('{', map.range[0]);
    return open < 0 ? [] : [{ start: open + 1, end: open + 1, newText: padding + entries + padding }];
  }
  const end = pairEnd(model, pairs[pairs.length - 1]);
  const comma = trailingComma(model, end);
  return comma === undefined ? [{ start: end, end, newText: `, ${entries}` }] : [{ start: comma + 1, end: comma + 1, newText: ` ${entries}` }];
}

/**
 * Adds entries to any mapping as written (the service's own mapping has `addServiceKey`). Block
 * mappings get `lines` (nested lines in 2-space steps, re-indented to the file's step) after the
 * entry `after` or after the last entry, at the mapping's indentation; flow mappings get
 * `flowEntries` before the closing brace. Empty when no safe edit exists.
 */
export function addMapEntries(model: ComposeModel, map: YamlMap, lines: string[], flowEntries: string[], after?: YamlPair): OffsetEdit[] {
  if (!map.range) return [];
  if (map.flow) return addFlowMapEntries(model, map, flowEntries.join(', '), ' ');
  const pairs = map.items as YamlPair[];
  const first = pairs[0]?.key as Node | undefined;
  if (!first?.range) return [];
  const last = after ?? pairs[pairs.length - 1];
  if (!(last.key as Node | null)?.range) return [];
  return [insertLinesAfter(model, pairEnd(model, last), indentLines(model, lines, ' '.repeat(columnOf(model, first.range[0]))))];
}

/** Inserts whole lines (indented already) after the line holding `offset`, with the file's line ending. */
function insertLinesAfter(model: ComposeModel, offset: number, lines: string[]): OffsetEdit {
  return insertLines(model, afterLineOf(model, offset), lines);
}

function insertLines(model: ComposeModel, { at, prefix }: LineInsertion, lines: string[]): OffsetEdit {
  const eol = model.index.eol;
  const text = lines.map((line) => line + eol).join('');
  return { start: at, end: at, newText: prefix ? prefix + text.slice(0, text.length - eol.length) : text };
}

/** The offset of a `,` right after `end` (over blanks), as in `[a, b, ]`. */
function trailingComma(model: ComposeModel, end: number): number | undefined {
  let at = end;
  while (at < model.text.length && /[ \t\r\n]/.test(model.text[at])) at++;
  return model.text[at] === ',' ? at : undefined;
}

/**
 * Sets `key: valueText` on the service: replaces the value written in the service itself, or
 * adds the key as an override when the current value is merged in from an anchor (or absent).
 */
export function setServiceKey(model: ComposeModel, service: Service, key: string, valueText: string): OffsetEdit[] {
  const field = service.field(key);
  if (field && !field.fromMerge) return setPairValue(model, field, valueText);
  return addServiceKey(model, service, [`${key}: ${valueText}`]);
}

/** Replaces the value of a pair as written, or fills in `key:` that has no value. */
export function setPairValue(model: ComposeModel, field: Field, valueText: string): OffsetEdit[] {
  const written = field.written;
  if (written?.range && !(isNullScalar(written) && written.range[0] === written.range[1])) {
    return [{ start: written.range[0], end: contentEnd(model, written.range[0], written.range[1]), newText: valueText }];
  }
  const keyEnd = field.keyNode.range![1];
  const colon = model.text.indexOf(':', keyEnd);
  if (colon < 0) return [];
  return [{ start: colon + 1, end: colon + 1, newText: ` ${valueText}` }];
}

// ---------------------------------------------------------------------------------------------
// sequences

/** The offset of the `-` of a block sequence item. */
function dashOf(model: ComposeModel, seq: YamlSeq, index: number): number | undefined {
  const token = (seq.srcToken as { items?: { start: { type: string; offset: number }[] }[] } | undefined)?.items?.[index];
  const indicator = token?.start.find((part) => part.type === 'seq-item-ind');
  if (indicator) return indicator.offset;
  const item = seq.items[index] as Node | null;
  if (!item?.range) return undefined;
  let at = item.range[0] - 1;
  while (at >= 0 && (model.text[at] === ' ' || model.text[at] === '\t')) at--;
  return model.text[at] === '-' ? at : undefined;
}

/**
 * Appends an item (YAML text, already quoted as needed) to a sequence in its own style: a block
 * `- item` line at the items' indentation, or `, item` before the `]` of a flow sequence.
 */
export function appendToSequence(model: ComposeModel, seq: YamlSeq, itemText: string): OffsetEdit[] {
  if (!seq.range) return [];
  const items = seq.items as (Node | null)[];
  if (seq.flow) {
    if (items.length === 0) {
      const open = model.text.indexOf('[', seq.range[0]);
      return open < 0 ? [] : [{ start: open + 1, end: open + 1, newText: itemText }];
    }
    const last = items[items.length - 1];
    if (!last?.range) return [];
    const end = contentEnd(model, last.range[0], last.range[1]);
    const comma = trailingComma(model, end);
    const multiline = items.length > 1 ? lineBreakBetween(model, items[items.length - 2], last) : model.index.lineOf(seq.range[0]) !== model.index.lineOf(last.range[0]);
    const separator = multiline ? model.index.eol + ' '.repeat(columnOf(model, last.range[0])) : spacedCommas(model, items) ? ' ' : '';
    if (comma !== undefined) return [{ start: comma + 1, end: comma + 1, newText: (separator || ' ') + itemText + (multiline ? ',' : '') }];
    return [{ start: end, end, newText: `,${separator}${itemText}` }];
  }
  const lastIndex = items.length - 1;
  const last = items[lastIndex];
  const dash = dashOf(model, seq, lastIndex);
  if (dash === undefined || !startsLine(model, dash)) return [];
  const gap = last?.range && model.index.lineOf(last.range[0]) === model.index.lineOf(dash) ? model.text.slice(dash + 1, last.range[0]) : ' ';
  const end = last?.range ? nodeEnd(model, dash, last) : dash + 1;
  const { at, prefix } = afterLineOf(model, end);
  const line = ' '.repeat(columnOf(model, dash)) + '-' + (/^[ \t]+$/.test(gap) ? gap : ' ') + itemText;
  return [{ start: at, end: at, newText: prefix ? prefix + line : line + model.index.eol }];
}

function lineBreakBetween(model: ComposeModel, a: Node | null, b: Node | null): boolean {
  if (!a?.range || !b?.range) return false;
  return model.index.lineOf(a.range[1]) !== model.index.lineOf(b.range[0]);
}

function spacedCommas(model: ComposeModel, items: (Node | null)[]): boolean {
  if (items.length < 2 || !items[0]?.range || !items[1]?.range) return true;
  const between = model.text.slice(items[0].range[1], items[1].range[0]);
  return /,\s/.test(between);
}

/**
 * Removes one item of a sequence: in block style its whole line(s); in flow style the item and
 * one comma. When it is the only item and `pair` is given, the whole `key:` entry goes instead
 * (an empty list would be a different statement than no key).
 */
export function removeSequenceItem(model: ComposeModel, seq: YamlSeq, item: Node | null, pair?: YamlPair, parentMap?: YamlMap): OffsetEdit[] {
  const items = seq.items as (Node | null)[];
  const position = items.indexOf(item);
  if (position < 0) return [];
  if (items.length === 1 && pair) return removePair(model, pair, parentMap);
  if (seq.flow) return removeFlowEntry(model, items, position);
  const dash = dashOf(model, seq, position);
  if (dash === undefined || !startsLine(model, dash)) return [];
  const end = item?.range ? nodeEnd(model, dash, item) : dash + 1;
  return [removeLines(model, model.index.lineOf(dash), model.index.lineOf(end))];
}

function entryRange(model: ComposeModel, entry: Node | YamlPair | null): [number, number] | undefined {
  if (!entry) return undefined;
  if (isMap(entry) || isSeq(entry) || isScalar(entry) || isAlias(entry)) {
    const node = entry as Node;
    return node.range ? [node.range[0], contentEnd(model, node.range[0], node.range[1])] : undefined;
  }
  const pair = entry as YamlPair;
  const key = pair.key as Node | null;
  if (!key?.range) return undefined;
  return [key.range[0], pairEnd(model, pair)];
}

/** Removes entry `position` of a flow collection with one comma: `[a, b, c]` → `[a, c]`. */
function removeFlowEntry(model: ComposeModel, entries: (Node | YamlPair | null)[], position: number): OffsetEdit[] {
  const range = entryRange(model, entries[position]);
  if (!range) return [];
  if (position + 1 < entries.length) {
    const next = entryRange(model, entries[position + 1]);
    return next ? [{ start: range[0], end: next[0], newText: '' }] : [];
  }
  if (position > 0) {
    const previous = entryRange(model, entries[position - 1]);
    return previous ? [{ start: previous[1], end: range[1], newText: '' }] : [];
  }
  return [{ start: range[0], end: range[1], newText: '' }];
}

/**
 * Removes a `key: value` entry: its whole line(s), including a trailing comment and the line
 * break, nothing else. In a flow mapping, the entry and one comma.
 */
export function removePair(model: ComposeModel, pair: YamlPair, parentMap?: YamlMap): OffsetEdit[] {
  const key = pair.key as Node | null;
  if (!key?.range) return [];
  const parent = parentMap ?? findParentMap(model, pair);
  if (parent?.flow) return removeFlowEntry(model, parent.items as YamlPair[], (parent.items as YamlPair[]).indexOf(pair));
  if (!startsLine(model, key.range[0])) {
    // `- key: v` (first key of a mapping in a list item): take the entry up to the next key.
    const pairs = (parent?.items ?? []) as YamlPair[];
    const next = pairs[pairs.indexOf(pair) + 1]?.key as Node | undefined;
    return next?.range ? [{ start: key.range[0], end: next.range[0], newText: '' }] : [];
  }
  const end = pairEnd(model, pair);
  return [removeLines(model, model.index.lineOf(key.range[0]), model.index.lineOf(end))];
}

/** Removes a field's entry where it is written (inside the anchor for a merged field). */
export function removeField(model: ComposeModel, field: Field): OffsetEdit[] {
  return removePair(model, field.pair, field.map);
}

/** The mapping a pair is written in, found from the pair's own source token position. */
function findParentMap(model: ComposeModel, pair: YamlPair): YamlMap | undefined {
  const key = pair.key as Node;
  let found: YamlMap | undefined;
  const visit = (node: Node | null | undefined, depth: number): void => {
    if (found || !node || depth > 200 || !node.range) return;
    if (key.range![0] < node.range[0] || key.range![0] > node.range[2]) return;
    if (isMap(node)) {
      if ((node.items as YamlPair[]).includes(pair)) {
        found = node as YamlMap;
        return;
      }
      for (const item of node.items as YamlPair[]) visit(item.value, depth + 1);
    } else if (isSeq(node)) {
      for (const item of node.items as (Node | null)[]) visit(item, depth + 1);
    }
  };
  visit(model.document.contents as Node | null, 0);
  return found;
}

// ---------------------------------------------------------------------------------------------
// service-level list edits that never touch a shared anchor

/** A list item's value as flow YAML text. */
function flowItemText(node: Node | null): string | undefined {
  const value = scalar(node);
  if (!value || value.node.value === null) return undefined;
  return yamlScalar(String(value.node.value), styleOf(value.node), true);
}

/**
 * Adds `item` (a plain value, quoted here as needed) to the service's list `key`:
 * - no such key: adds `key: [item]`;
 * - a list written in the service: appends in its style;
 * - a list merged in from an anchor, or written as an alias: overrides it in the service with
 *   the inherited items (when `keepInherited`) plus `item`, leaving the anchor as it is;
 * - a single string (`tmpfs: /run`): turns it into a flow list with both;
 * - `key:` with no value: fills in `[item]`.
 */
export function addServiceListItem(model: ComposeModel, service: Service, key: string, item: string, options: { keepInherited?: boolean; style?: QuoteStyle } = {}): OffsetEdit[] {
  const field = service.field(key);
  const flowItem = yamlScalar(item, options.style ?? 'plain', true);
  if (!field) return addServiceKey(model, service, [`${key}: [${flowItem}]`]);
  const inherited = (): string[] | undefined => {
    if (!options.keepInherited) return [];
    const texts = field.items().map((entry) => flowItemText(entry.node));
    if (isScalar(field.value) && !isNullScalar(field.value)) texts.push(flowItemText(field.value));
    return texts.some((text) => text === undefined) ? undefined : (texts as string[]);
  };
  if (field.fromMerge) {
    const kept = inherited();
    return kept ? addServiceKey(model, service, [`${key}: [${[...kept, flowItem].join(', ')}]`]) : [];
  }
  if (field.viaAlias) {
    const kept = inherited();
    return kept ? replaceNode(model, field.written, `[${[...kept, flowItem].join(', ')}]`) : [];
  }
  const value = field.value;
  if (isSeq(value)) {
    const seq = value as YamlSeq;
    const style = options.style ?? itemStyle(seq);
    return appendToSequence(model, seq, yamlScalar(item, style, seq.flow === true));
  }
  if (isNullScalar(value)) return setPairValue(model, field, `[${flowItem}]`);
  if (isScalar(value)) {
    const existing = flowItemText(value);
    return existing ? replaceNode(model, value, `[${existing}, ${flowItem}]`) : [];
  }
  return [];
}

/**
 * Removes one item from the service's list `field`: in place when the list is written in the
 * service (the whole key when it was the only item), or by overriding an inherited list in the
 * service with the remaining items.
 */
export function removeServiceListItem(model: ComposeModel, service: Service, field: Field, written: Node | null): OffsetEdit[] {
  if (!field.fromMerge && !field.viaAlias && isSeq(field.value)) return removeSequenceItem(model, field.value as YamlSeq, written, field.pair, field.map);
  const remaining: string[] = [];
  for (const entry of field.items()) {
    if (entry.written === written) continue;
    const text = flowItemText(entry.node);
    if (text === undefined) return [];
    remaining.push(text);
  }
  const list = `[${remaining.join(', ')}]`;
  if (field.fromMerge) return addServiceKey(model, service, [`${field.key}: ${list}`]);
  return replaceNode(model, field.written, list);
}

/**
 * Overrides a list the service inherits with its items, the item `written` replaced by
 * `newValue` (the anchor stays as it is). Only lists of scalars can be copied faithfully (as a
 * flow list); empty otherwise.
 */
export function overrideListItem(model: ComposeModel, service: Service, field: Field, written: Node | null, newValue: string): OffsetEdit[] {
  const texts: string[] = [];
  for (const entry of field.items()) {
    const value = scalar(entry.node);
    if (!value || value.node.value === null) return [];
    texts.push(yamlScalar(entry.written === written ? newValue : String(value.node.value), styleOf(value.node), true));
  }
  return addServiceKey(model, service, [`${field.key}: [${texts.join(', ')}]`]);
}
