import { isAlias, isMap, isSeq, type Node } from 'yaml';
import type { Problem, ProblemFix } from '../rule';
import { isMergeKey, type ComposeModel, type Field, type Service, type YamlMap, type YamlPair, type YamlSeq } from '../../compose/model';
import { scalar } from '../../compose/values';
import { addServiceListItem, appendToSequence, removeSequenceItem, removeServiceListItem, yamlScalar } from '../../compose/edits';

/**
 * How the compose rules report a finding about a service. A value finding covers the value
 * without its quotes (`valueRange` in compose/edits). A value written in an anchor (merged with
 * `<<:` or aliased) is reported where it is written, names the service in its message
 * (`serviceLabel`) and points back at the service in `related` (`problemFor`). Fixes edit the
 * service; an edit of the anchor is only a second, clearly titled variant (`withAnchorVariant`),
 * and titles say which other services an edit also changes. "Missing key" rules check only
 * services that say what they run (`isCompleteService`) and follow `extends:` (`extendsChain`).
 */

/** Whether the value is written outside the service's own mapping (an anchor it merges or aliases). */
export function isShared(field: Field | undefined): boolean {
  return field !== undefined && (field.fromMerge || field.viaAlias);
}

/** Whether a list item's text is written outside the service: its list is shared, or the item is an alias (`- *name`). */
export function isSharedItem(field: Field | undefined, item: Node | null | undefined): boolean {
  return isShared(field) || isAlias(item);
}

/** `Service 'web'`, or `Service 'web' (through anchor &base)` for a value written in an anchor. */
export function serviceLabel(service: Service, field?: Field): string {
  if (!isShared(field)) return `Service '${service.name}'`;
  const anchor = field!.anchorName ?? (service.alias ? service.alias.source : undefined);
  return `Service '${service.name}' (through ${anchor ? `anchor &${anchor}` : 'a merge key'})`;
}

/** Where a reported value comes from, beyond its field: the list item (an alias, `- *name`, is written in its anchor), and the field's key path when it is nested (`deploy.resources.limits.memory`). */
export interface ValueSource {
  item?: Node | null;
  path?: string[];
}

/**
 * The `related` entries for a value written in an anchor: the service this finding is for, then
 * the other services that get the very same value (an edit of the anchor changes them all).
 * Undefined for a value written in the service itself.
 */
export function relatedService(service: Service, field: Field | undefined, source: ValueSource = {}): Problem['related'] {
  if (isShared(field)) {
    const via = field!.anchorName ? `anchor &${field!.anchorName}` : 'a merge key';
    const related = [{ start: service.keyStart, end: service.keyEnd, message: `Service '${service.name}' gets this value through ${via}.` }];
    for (const other of servicesSharing(service.model, field!, source.path)) {
      if (other !== service) related.push({ start: other.keyStart, end: other.keyEnd, message: `Service '${other.name}' also gets this value through ${via}.` });
    }
    return related;
  }
  if (isAlias(source.item)) {
    return [{ start: service.keyStart, end: service.keyEnd, message: `Service '${service.name}' gets this value through anchor &${source.item.source}.` }];
  }
  return undefined;
}

/** Builds the problem for a service's field, adding the related services when the value is written in an anchor. */
export function problemFor(service: Service, field: Field | undefined, problem: Problem, source?: ValueSource): Problem {
  const related = relatedService(service, field, source);
  return related ? { ...problem, related: [...(problem.related ?? []), ...related] } : problem;
}

/**
 * A finding on a value of the service, at `range`: its message is the service's label followed by
 * `says`, and a value written in an anchor gets its related services (see `problemFor`). Fixes
 * given as a list lose those without edits; fixes given as a function are passed on as they are
 * and must leave those out themselves.
 */
export function valueProblem(
  service: Service,
  field: Field | undefined,
  range: readonly [number, number],
  says: string,
  details: Pick<Problem, 'severity' | 'fixes' | 'related'> & ValueSource = {},
): Problem {
  const { item, path, fixes, ...rest } = details;
  const problem: Problem = { start: range[0], end: range[1], message: `${serviceLabel(service, field)} ${says}`, ...rest };
  // A fix whose edits could not be built is no fix: callers may list candidates without checking.
  // (No wrapping closure for a function here: one per finding made the garbage collector retain
  // far more of each lint, +50 % compose lint time with DG215 and DG220 lazy.)
  if (fixes) problem.fixes = typeof fixes === 'function' ? fixes : withEdits(fixes);
  return problemFor(service, field, problem, { item, path });
}

function withEdits(fixes: ProblemFix[]): ProblemFix[] {
  return fixes.filter((fix) => fix.edits.length > 0);
}

/** The services whose effective `path` is the very pair `field` is written in (those an anchor edit affects). */
export function servicesSharing(model: ComposeModel, field: Field, path: string[] = [field.key]): Service[] {
  return model.services.filter((service) => service.path(...path)?.pair === field.pair);
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

/** `in anchor &base (used by web, api and 12 more)`: for anchor-variant titles, short enough for a title. */
export function inAnchor(model: ComposeModel, field: Field, path?: string[]): string {
  const names = servicesSharing(model, field, path).map((service) => service.name);
  const anchor = field.anchorName ? `anchor &${field.anchorName}` : 'the shared anchor';
  return names.length > 0 ? `in ${anchor} (used by ${someNames(names)})` : `in ${anchor}`;
}

/** A fix title that says which other services the edit also changes. */
export function titleWithInheritors(title: string, model: ComposeModel, service: Service): string {
  const names = inheritorsOf(model, service).map((other) => `'${other.name}'`);
  if (names.length === 0) return title;
  return `${title} (also for ${someNames(names)}, which inherit from '${service.name}')`;
}

/** `a, b, c and 4 more`. */
function someNames(names: string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
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

/**
 * Fixes that add `item` to the service's list `key` (`field`, when it has one): in the service,
 * and for a list merged from an anchor also the addition in the anchor as a titled variant.
 * `shown` is the item as titles show it; `keepInherited` keeps the inherited items when the
 * service overrides the list (needed unless the new item makes them moot, as ALL in cap_drop).
 */
export function addItemFixes(model: ComposeModel, service: Service, key: string, field: Field | undefined, item: string, shown: string, keepInherited = false): ProblemFix[] {
  const edits = addServiceListItem(model, service, key, item, { keepInherited });
  if (!field || !isShared(field)) {
    const own = { title: field ? `Add ${shown} to ${key} of service '${service.name}'` : `Add '${key}: [${shown}]'`, edits };
    return own.edits.length > 0 ? [own] : [];
  }
  const override = keepInherited
    ? `Set ${key} with ${shown} in service '${service.name}' (overrides the inherited list, keeping its options)`
    : `Add '${key}: [${shown}]' to service '${service.name}' (overrides the inherited list)`;
  const anchorList = field.fromMerge && isSeq(field.written) ? (field.written as YamlSeq) : undefined;
  return withAnchorVariant(
    model,
    service,
    field,
    { title: override, edits },
    anchorList ? { title: `Add ${shown} to ${key} ${inAnchor(model, field)}`, edits: appendToSequence(model, anchorList, yamlScalar(item, 'plain', anchorList.flow === true)) } : undefined,
  );
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
  // Five rules and inheritorsOf ask for every service.
  return model.memo(extendsChain, service, () => readExtendsChain(model, service));
}

function readExtendsChain(model: ComposeModel, service: Service): Service[] | undefined {
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
  return service.field('image') !== undefined || service.field('build') !== undefined || service.field('extends') !== undefined;
}

/** Other services that inherit this one's mapping, by a merge key (`<<: *web`) or `extends:`. */
export function inheritorsOf(model: ComposeModel, service: Service): Service[] {
  // One pass over the services, not one per finding: files with dozens of services are common.
  return model.memo(inheritorsOf, model, () => inheritorIndex(model)).get(service) ?? [];
}

function inheritorIndex(model: ComposeModel): Map<Service, Service[]> {
  const index = new Map<Service, Service[]>();
  const byNode = new Map<unknown, Service>();
  for (const candidate of model.services) if (candidate.node && !byNode.has(candidate.node)) byNode.set(candidate.node, candidate);
  const add = (base: Service | undefined, heir: Service): void => {
    if (!base || base === heir) return;
    const list = index.get(base) ?? [];
    if (!list.includes(heir)) list.push(heir);
    index.set(base, list);
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
  return index;
}
