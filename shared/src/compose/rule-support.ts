import { isScalar, isSeq, type Node } from 'yaml';
import type { OffsetEdit } from '../text/edits';
import type { Problem, ProblemFix } from '../rules/rule';
import { isMergeKey, type ComposeModel, type Field, type Service, type YamlPair, type YamlSeq } from './model';
import { scalar } from './values';
import { addServiceKey, describeAnchor, removeSequenceItem, removeServiceListItem, replaceNode, replaceScalar, servicesSharing, yamlScalar, type QuoteStyle } from './edits';

/**
 * Conventions the compose rules DG201–DG214 share: a value finding covers the value without its
 * quotes; a finding on a value written in an anchor names the service in its message and points
 * back at the service in `related`; fixes edit the service, and an anchor edit is only ever a
 * second, clearly titled variant.
 */

/** A scalar's text without quotes (block scalars and collections: the whole node, trimmed). */
export function valueRange(model: ComposeModel, node: Node | null | undefined): [number, number] | undefined {
  if (!node?.range) return undefined;
  const start = node.range[0];
  let end = node.range[1];
  while (end > start && /[ \t\r\n]/.test(model.text[end - 1])) end--;
  if (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && end - start >= 2) return [start + 1, end - 1];
  return [start, end];
}

/** Whether the value is written outside the service's own mapping (an anchor it merges or aliases). */
export function isShared(field: Field | undefined): boolean {
  return field !== undefined && (field.fromMerge || field.viaAlias);
}

/** `Service 'web'`, or `Service 'web' (through anchor &base)` for a shared value. */
export function serviceLabel(service: Service, field?: Field): string {
  if (!isShared(field)) return `Service '${service.name}'`;
  return `Service '${service.name}' (through ${field!.anchorName ? `anchor &${field!.anchorName}` : 'a merge key'})`;
}

/**
 * The `related` entries for a value written in an anchor: the service this finding is for, then
 * the other services that get the very same value (an edit of the anchor changes them all).
 */
export function relatedService(service: Service, field: Field | undefined): Problem['related'] {
  if (!isShared(field)) return undefined;
  const via = field!.anchorName ? `anchor &${field!.anchorName}` : 'a merge key';
  const related = [{ start: service.keyStart, end: service.keyEnd, message: `Service '${service.name}' gets this value through ${via}.` }];
  for (const other of servicesSharing(service.model, field!)) {
    if (other !== service) related.push({ start: other.keyStart, end: other.keyEnd, message: `Service '${other.name}' also gets this value through ${via}.` });
  }
  return related;
}

/** Builds the problem for a service's field, adding the related service when the value is shared. */
export function problemFor(service: Service, field: Field | undefined, problem: Problem): Problem {
  const related = relatedService(service, field);
  return related ? { ...problem, related: [...(problem.related ?? []), ...related] } : problem;
}

/** The fix list: the service's own fix first, the anchor variant second (never alone for a shared value used by others). */
export function withAnchorVariant(model: ComposeModel, service: Service, field: Field, own: ProblemFix | undefined, anchor: ProblemFix | undefined, path?: string[]): ProblemFix[] {
  const fixes: ProblemFix[] = [];
  if (own && own.edits.length > 0) fixes.push(own);
  if (anchor && anchor.edits.length > 0) {
    // Without a service-level fix the anchor edit would become the preferred one that fix-all
    // applies; allow that only when no other service uses the anchor.
    const others = servicesSharing(model, field, path).filter((other) => other !== service);
    if (fixes.length > 0 || others.length === 0) fixes.push(anchor);
  }
  return fixes;
}

/**
 * Whether the mapping a merged field is written in inherits the same key through its own merge
 * keys, so that removing the line there would expose another value rather than the default.
 */
export function anchorInherits(model: ComposeModel, field: Field): boolean {
  for (const pair of field.map.items as YamlPair[]) {
    if (!isMergeKey(pair.key)) continue;
    const value = pair.value as Node | null;
    const sources = isSeq(value) ? (value.items as (Node | null)[]) : [value];
    if (sources.some((source) => model.fieldOf(source, field.key) !== undefined)) return true;
  }
  return false;
}

/** `in anchor &base (used by web, api)`: for anchor-variant titles. */
export function inAnchor(model: ComposeModel, field: Field, path?: string[]): string {
  return `in ${describeAnchor(model, field, path)}`;
}

function styleOf(node: Node | null | undefined): QuoteStyle {
  if (!isScalar(node)) return 'plain';
  if (node.type === 'QUOTE_DOUBLE') return 'double';
  if (node.type === 'QUOTE_SINGLE') return 'single';
  return 'plain';
}

/**
 * Overrides an inherited list in the service with the item `written` replaced by `newValue`
 * (the anchor stays as it is). Only lists of scalars can be copied faithfully; empty otherwise.
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

/**
 * Replaces what a scalar evaluates to, in the least intrusive way: only the default of a
 * `${VAR:-default}` value (so the variable stays), inside the quotes of a quoted scalar, or the
 * whole plain scalar by `plainText` (the caller's YAML for the value, quoted as it needs).
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
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return replaceScalar(model, node, value);
  if (node.type === 'PLAIN') return [{ start: range[0], end: range[1], newText: plainText }];
  return replaceNode(model, node, plainText);
}

/**
 * Fixes that remove one item of a service's list: in the service (its own list, or an override of
 * an inherited one without the item), and as a titled variant the removal in the anchor.
 */
export function removeItemFixes(model: ComposeModel, service: Service, field: Field, written: Node | null, label: string): ProblemFix[] {
  const own: ProblemFix = { title: `Remove ${label}`, edits: removeServiceListItem(model, service, field, written) };
  if (!isShared(field)) return own.edits.length > 0 ? [own] : [];
  const seq = field.value;
  const items = isSeq(seq) ? seq.items : [];
  // In a list that is only aliased (`cap_add: *caps`), removing the last item would leave the anchor empty.
  const anchorEdits = isSeq(seq) && (field.fromMerge || items.length > 1) ? removeSequenceItem(model, seq as YamlSeq, written, field.fromMerge ? field.pair : undefined, field.fromMerge ? field.map : undefined) : [];
  return withAnchorVariant(
    model,
    service,
    field,
    { title: `Remove ${label} from service '${service.name}' (overrides the inherited list)`, edits: own.edits },
    { title: `Remove ${label} ${inAnchor(model, field)}`, edits: anchorEdits },
  );
}

/** The text of a command/entrypoint split into words with their offsets (for string forms). */
export interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * Splits a command string into shell-like words, with quotes removed from the text but offsets
 * covering what is written. Separators (`&&`, `||`, `;`, `|`, newlines) come out as their own words.
 */
export function shellWords(text: string, offset: number | undefined, fallback: [number, number]): Word[] {
  const words: Word[] = [];
  const pattern = /&&|\|\||[;|\n]|(?:[^\s"';|&]|&(?!&)|"[^"]*"?|'[^']*'?)+/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const raw = match[0];
    const start = offset === undefined ? fallback[0] : offset + match.index;
    const end = offset === undefined ? fallback[1] : offset + match.index + raw.length;
    words.push({ text: raw.replace(/["']/g, ''), start, end });
  }
  return words;
}
