import { isAlias, isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { OffsetEdit } from '../../text/edits';
import type { Problem, RuleContext } from '../rule';
import { isMergeKey, type ComposeModel, type Field, type Service, type YamlMap, type YamlPair } from '../../compose/model';
import { scalar } from '../../compose/values';
import { addServiceKey, indentUnit, yamlScalar, type QuoteStyle } from '../../compose/edits';

/**
 * What the compose rules DG208 and DG215–DG227 share: ranges that leave quotes out, messages and
 * related locations that name the service a merged value affects, and edits into any mapping
 * (the shared edit builders cover the service's own mapping and sequences).
 */

/** The value of a scalar without its quotes; the whole node for other nodes. */
export function contentRange(model: ComposeModel, node: Node | null | undefined): [number, number] | undefined {
  if (!node?.range) return undefined;
  const [start, rawEnd] = node.range;
  const end = trimEnd(model.text, start, rawEnd);
  if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && end - start >= 2) return [start + 1, end - 1];
  return [start, end];
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /[ \t\r\n]/.test(text[end - 1])) end--;
  return end;
}

/** Where something missing from a service is reported: its key. */
export function serviceKeyRange(service: Service): [number, number] {
  return [service.keyStart, service.keyEnd];
}

/** Whether a field's value is written outside the service (in an anchor it merges or aliases). */
export function isShared(field: Field | undefined): boolean {
  return field !== undefined && (field.fromMerge || field.viaAlias);
}

/** `Service 'web'`, and for a value written in an anchor, where it comes from. */
export function serviceLabel(service: Service, shared?: Field | boolean): string {
  const field = typeof shared === 'object' ? shared : undefined;
  const fromAnchor = typeof shared === 'boolean' ? shared : isShared(field);
  if (!fromAnchor) return `Service '${service.name}'`;
  const anchor = field?.anchorName ?? (service.alias ? service.alias.source : undefined);
  return `Service '${service.name}' (through ${anchor ? `anchor &${anchor}` : 'a merge key'})`;
}

/** Reports a problem for a service; a value written in an anchor also points back at the service. */
export function reportForService(context: RuleContext<ComposeModel>, service: Service, shared: boolean, problem: Problem): void {
  if (shared) {
    const related = [...(problem.related ?? []), { start: service.keyStart, end: service.keyEnd, message: `Service '${service.name}' gets this value through a shared anchor.` }];
    context.report({ ...problem, related });
  } else {
    context.report(problem);
  }
}

/** The column of an offset. */
export function columnOf(model: ComposeModel, offset: number): number {
  return offset - model.index.lineStart(model.index.lineOf(offset));
}

function pairEnd(model: ComposeModel, pair: YamlPair): number {
  const key = pair.key as Node;
  let end = key.range![1];
  const value = pair.value as Node | null;
  if (value?.range) end = Math.max(end, value.range[1]);
  return trimEnd(model.text, key.range![0], end);
}

/** Lines written with 2-space steps, re-indented with the file's step under `indent`. */
function indentLines(model: ComposeModel, lines: string[], indent: string): string[] {
  const unit = indentUnit(model);
  return lines.map((line) => {
    const leading = /^ */.exec(line)![0].length;
    return indent + unit.repeat(Math.floor(leading / 2)) + ' '.repeat(leading % 2) + line.slice(leading);
  });
}

/**
 * Adds entries to a mapping as written (not the service's own mapping: `addServiceKey` is for
 * that). Block mappings get `lines` (2-space steps for nested lines, re-indented to the file's)
 * after `after` (the whole entry) or after the last entry, at the mapping's indentation; flow
 * mappings get `flowEntries` before the closing brace. Empty when no safe edit exists.
 */
export function addMapEntries(model: ComposeModel, map: YamlMap, lines: string[], flowEntries: string[], after?: YamlPair): OffsetEdit[] {
  if (!map.range) return [];
  const pairs = map.items as YamlPair[];
  if (map.flow) {
    if (pairs.length === 0) {
      const open = model.text.indexOf('{', map.range[0]);
      return open < 0 ? [] : [{ start: open + 1, end: open + 1, newText: ` ${flowEntries.join(', ')} ` }];
    }
    const end = pairEnd(model, pairs[pairs.length - 1]);
    let at = end;
    while (at < model.text.length && /[ \t\r\n]/.test(model.text[at])) at++;
    if (model.text[at] === ',') return [{ start: at + 1, end: at + 1, newText: ` ${flowEntries.join(', ')}` }];
    return [{ start: end, end, newText: `, ${flowEntries.join(', ')}` }];
  }
  const first = pairs[0]?.key as Node | undefined;
  if (!first?.range) return [];
  const indent = ' '.repeat(columnOf(model, first.range[0]));
  const last = after ?? pairs[pairs.length - 1];
  if (!(last.key as Node | null)?.range) return [];
  const { index } = model;
  const eol = index.eol;
  const line = index.lineOf(pairEnd(model, last));
  const text = indentLines(model, lines, indent);
  if (line + 1 < index.lineCount) {
    const at = index.lineStart(line + 1);
    return [{ start: at, end: at, newText: text.map((entry) => entry + eol).join('') }];
  }
  return [{ start: model.text.length, end: model.text.length, newText: text.map((entry) => eol + entry).join('') }];
}

/** Replaces a scalar's text between its quotes (or the plain text), leaving the quotes alone. */
export function replaceContent(model: ComposeModel, node: Node | null | undefined, newText: string): OffsetEdit[] {
  if (!isScalar(node)) return [];
  const range = contentRange(model, node);
  if (!range) return [];
  const written = model.text.slice(range[0], range[1]);
  // Only when what is written is exactly the value (no escapes, no folded lines) is it safe.
  if (written !== scalarSource(node)) return [];
  return [{ start: range[0], end: range[1], newText }];
}

/** The scalar's value as text, as it would be written between quotes without escapes. */
function scalarSource(node: Scalar): string {
  if (node.type === 'PLAIN' || node.type === undefined) {
    const source = (node.srcToken as { source?: string } | undefined)?.source;
    if (typeof source === 'string') return source;
  }
  return String(node.value);
}

function styleOf(node: Node | null | undefined): QuoteStyle {
  if (!isScalar(node)) return 'plain';
  if (node.type === 'QUOTE_DOUBLE') return 'double';
  if (node.type === 'QUOTE_SINGLE') return 'single';
  return 'plain';
}

/**
 * Overrides a list the service inherits from an anchor: adds `key: [...]` to the service with the
 * inherited items, `written` replaced by `newValue`. Only for lists of scalars (what a flow list can
 * copy faithfully); empty otherwise.
 */
export function overrideInheritedItem(model: ComposeModel, service: Service, field: Field, written: Node | null, newValue: string): OffsetEdit[] {
  const texts: string[] = [];
  for (const entry of field.items()) {
    const value = scalar(entry.node);
    if (!value || value.node.value === null) return [];
    const text = entry.written === written ? newValue : String(value.node.value);
    texts.push(yamlScalar(text, styleOf(value.node), true));
  }
  return addServiceKey(model, service, [`${field.key}: [${texts.join(', ')}]`]);
}

/** Whether a list item is written as an alias (`- *name`): its text is in the anchor. */
export function isAliasItem(written: Node | null | undefined): boolean {
  return isAlias(written);
}

/** A mapping field's value as a mapping, or undefined. */
export function mapOf(field: Field | undefined): YamlMap | undefined {
  return field && isMap(field.value) ? (field.value as YamlMap) : undefined;
}

/**
 * The services `service` extends in this file (`extends: base` / `extends: { service: base }`),
 * nearest first; empty when it extends nothing. Undefined when the chain leaves the file
 * (`file:`), names an unknown service or cannot be read: then what it inherits is unknown.
 */
export function extendsChain(model: ComposeModel, service: Service): Service[] | undefined {
  const chain: Service[] = [];
  let current = service;
  for (;;) {
    const field = current.field('extends');
    if (!field) return chain;
    let name: string | undefined;
    if (isMap(field.value)) {
      if (field.get('file')) return undefined;
      name = scalar(field.get('service')?.value)?.value;
    } else {
      name = scalar(field.value)?.value;
    }
    const base = name === undefined ? undefined : model.services.find((candidate) => candidate.name === name);
    if (!base || base === service || chain.includes(base)) return undefined;
    chain.push(base);
    current = base;
  }
}

/**
 * Whether the service says what it runs (`image:`, `build:`, or `extends:`), itself or through a
 * merge key. One that does not is a fragment for another file to complete (an override file such
 * as `compose.override.yaml`), so what it lacks may well be set there: "missing X" rules skip it.
 */
export function isCompleteService(service: Service): boolean {
  if (!service.node) return false;
  return ['image', 'build', 'extends'].some((key) => service.field(key) !== undefined);
}

/** `anchor &base (used by web, api and 12 more)`: short enough for a fix title. */
export function anchorTitle(field: Field, sharing: Service[]): string {
  const anchor = field.anchorName ? `anchor &${field.anchorName}` : 'the shared anchor';
  const names = sharing.map((service) => service.name);
  if (names.length === 0) return anchor;
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  return `${anchor} (used by ${shown})`;
}

const inheritorCache = new WeakMap<ComposeModel, Map<Service, Service[]>>();

/** Other services that inherit this one's mapping, by a merge key (`<<: *web`) or `extends:`. */
export function inheritorsOf(model: ComposeModel, service: Service): Service[] {
  let index = inheritorCache.get(model);
  if (!index) {
    // One pass over the services, not one per finding: files with dozens of services are common.
    index = new Map();
    const byNode = new Map<unknown, Service>();
    for (const candidate of model.services) if (candidate.node && !byNode.has(candidate.node)) byNode.set(candidate.node, candidate);
    const add = (base: Service | undefined, heir: Service): void => {
      if (!base || base === heir) return;
      const list = index!.get(base) ?? [];
      if (!list.includes(heir)) list.push(heir);
      index!.set(base, list);
    };
    for (const heir of model.services) {
      if (!heir.node) continue;
      for (const pair of heir.node.items as YamlPair[]) {
        if (!isMergeKey(pair.key)) continue;
        const sources = isSeq(pair.value) ? (pair.value.items as (Node | null)[]) : [pair.value];
        for (const source of sources) add(byNode.get(model.resolve(source)), heir);
      }
      for (const base of extendsChain(model, heir) ?? []) add(base, heir);
    }
    inheritorCache.set(model, index);
  }
  return index.get(service) ?? [];
}

/** A fix title that says which other services the edit also changes. */
export function titleWithInheritors(title: string, model: ComposeModel, service: Service): string {
  const names = inheritorsOf(model, service).map((other) => `'${other.name}'`);
  if (names.length === 0) return title;
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  return `${title} (also for ${shown}, which inherit from '${service.name}')`;
}
