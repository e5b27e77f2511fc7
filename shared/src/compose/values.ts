import { isMap, isScalar, type Node, type Scalar } from 'yaml';
import type { ComposeModel, Field, Service } from './model';

/**
 * Normalisers: every value form Compose accepts, read the way Compose (compose-go) and the Docker
 * daemon read them. `undefined` always means "unknown" (an unresolvable `${VAR}`, or a form Compose
 * would reject): rules never report a value-based finding on an unknown value.
 */

/**
 * Normalised lists are cached per value node: several rules read the same `volumes:` or
 * `security_opt:`, and a list merged from an anchor is the same node for every service.
 */
function cached<T>(field: Field | undefined, compute: (field: Field) => T, empty: T): T {
  const key = field?.value;
  if (!field || !key) return empty;
  return field.model.memo(compute, key, () => compute(field));
}

/** Stands for the unknown text of an unresolvable `${VAR}` inside a partly known value. */
export const UNKNOWN = '\uE000';

const MAX_INTERPOLATION_DEPTH = 16;

/**
 * Interpolates as Compose does when no variable is set: `${VAR:-d}` / `${VAR-d}` give `d`
 * (itself interpolated), `$$` is `$`; `${VAR}`, `$VAR`, `${VAR:?err}`, `${VAR:+alt}` are
 * unknown and come out as `UNKNOWN`. `known` tells whether the result has no unknown part.
 */
export function interpolateParts(raw: string, depth = 0): { text: string; known: boolean } {
  if (raw.indexOf('$') < 0) return { text: raw, known: true };
  let text = '';
  let known = true;
  let i = 0;
  while (i < raw.length) {
    const dollar = raw.indexOf('$', i);
    if (dollar < 0) {
      text += raw.slice(i);
      break;
    }
    text += raw.slice(i, dollar);
    i = dollar;
    const next = raw[i + 1];
    if (next === '$') {
      text += '$';
      i += 2;
    } else if (next === '{') {
      const close = matchingBrace(raw, i + 1);
      if (close < 0) {
        // Compose rejects an unterminated `${`: the value is unknown.
        return { text: text + UNKNOWN, known: false };
      }
      const body = raw.slice(i + 2, close);
      const operator = /^[A-Za-z_][A-Za-z0-9_]*(:?[-?+=])?/.exec(body);
      const kind = operator?.[1];
      if (operator && (kind === ':-' || kind === '-' || kind === ':=' || kind === '=') && depth < MAX_INTERPOLATION_DEPTH) {
        const fallback = interpolateParts(body.slice(operator[0].length), depth + 1);
        text += fallback.text;
        known &&= fallback.known;
      } else {
        text += UNKNOWN;
        known = false;
      }
      i = close + 1;
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      let end = i + 2;
      while (end < raw.length && /[A-Za-z0-9_]/.test(raw[end])) end++;
      text += UNKNOWN;
      known = false;
      i = end;
    } else {
      text += '$';
      i++;
    }
  }
  return { text, known };
}

/** The value with variables interpolated, or undefined when any part of it is unknown. */
export function interpolate(raw: string): string | undefined {
  const { text, known } = interpolateParts(raw);
  return known ? text : undefined;
}

/** Index of the `}` closing the `{` at `open`, honouring nested `${...}`; -1 when unterminated. */
function matchingBrace(raw: string, open: number): number {
  let depth = 0;
  for (let i = open; i < raw.length; i++) {
    if (raw[i] === '{') depth++;
    else if (raw[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

export interface ScalarValue {
  /** The text as written for plain scalars (so `1.0` stays `1.0`), the decoded string otherwise. */
  raw: string;
  /** After interpolation; undefined when unknown. */
  value: string | undefined;
  /** Interpolated with `UNKNOWN` standing for unknown parts. */
  pattern: string;
  node: Scalar;
}

/** Reads a scalar (undefined for collections, aliases to them and missing values). */
export function scalar(node: Node | null | undefined): ScalarValue | undefined {
  if (!isScalar(node)) return undefined;
  const raw = rawText(node);
  const parts = interpolateParts(raw);
  return { raw, value: parts.known ? parts.text : undefined, pattern: parts.text, node };
}

function rawText(node: Scalar): string {
  if (node.value === null || node.value === undefined) return '';
  if (node.type === 'PLAIN' || node.type === undefined) {
    const source = (node.srcToken as { source?: string } | undefined)?.source;
    if (typeof source === 'string' && !/[\r\n]/.test(source)) return source;
  }
  return String(node.value);
}

/** The scalar value of a field, interpolated; undefined when absent, not a scalar, or unknown. */
export function fieldValue(field: Field | undefined): string | undefined {
  return field ? scalar(field.value)?.value : undefined;
}

/** Compose's boolean cast (compose-go `toBoolean`), applied to any scalar after interpolation. */
export function toBoolean(node: Node | null | undefined): boolean | undefined {
  const value = scalar(node)?.value;
  if (value === undefined) return undefined;
  switch (value.toLowerCase()) {
    case 'true':
    case 'yes':
    case 'y':
    case 'on':
      return true;
    case 'false':
    case 'no':
    case 'n':
    case 'off':
      return false;
    default:
      return undefined;
  }
}

/** Go's `strconv.ParseBool`, which the daemon uses for `no-new-privileges=<value>`. */
export function parseGoBool(value: string | undefined): boolean | undefined {
  switch (value) {
    case '1':
    case 't':
    case 'T':
    case 'true':
    case 'TRUE':
    case 'True':
      return true;
    case '0':
    case 'f':
    case 'F':
    case 'false':
    case 'FALSE':
    case 'False':
      return false;
    default:
      return undefined;
  }
}

/** An item of a list-valued field: the resolved node and the node as written. */
interface Item {
  node: Node;
  /** As written in the sequence (`- *alias` is the alias): what a removal edits. */
  item: Node;
}

function scalarItems(field: Field | undefined): (Item & { scalar: ScalarValue })[] {
  if (!field) return [];
  const result: (Item & { scalar: ScalarValue })[] = [];
  for (const entry of field.items()) {
    const value = scalar(entry.node);
    if (value && entry.written) result.push({ node: value.node, item: entry.written, scalar: value });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// security_opt

export interface SecurityOption extends Item {
  /** The option after interpolation (`UNKNOWN` for unknown parts). */
  text: string;
  /** `seccomp`, `apparmor`, `label`, `no-new-privileges`, `systempaths`; undefined if unknown. */
  key: string | undefined;
  /** What follows the separator; undefined when unknown or absent (bare `no-new-privileges`). */
  value: string | undefined;
  separator: '=' | ':' | '';
}

/**
 * Reads `security_opt` as the daemon does (`parseSecurityOpt`): bare `no-new-privileges`,
 * `key=value` (split at the first `=`), else the deprecated `key:value` (split at the first `:`).
 */
export function securityOptions(field: Field | undefined): SecurityOption[] {
  return cached(field, readSecurityOptions, []);
}

function readSecurityOptions(field: Field): SecurityOption[] {
  return scalarItems(field).map(({ node, item, scalar: value }) => {
    const text = value.pattern;
    const base = { node, item, text };
    if (text === 'no-new-privileges') return { ...base, key: 'no-new-privileges', value: undefined, separator: '' as const };
    const separatorAt = text.includes('=') ? text.indexOf('=') : text.indexOf(':');
    if (separatorAt < 0) return { ...base, key: known(text), value: undefined, separator: '' as const };
    return {
      ...base,
      key: known(text.slice(0, separatorAt)),
      value: known(text.slice(separatorAt + 1)),
      separator: text[separatorAt] as '=' | ':',
    };
  });
}

function known(text: string): string | undefined {
  return text.includes(UNKNOWN) ? undefined : text;
}

/** What a `no-new-privileges` option sets: true, false, or undefined (unknown / not this key). */
export function noNewPrivileges(option: SecurityOption): boolean | undefined {
  if (option.key !== 'no-new-privileges') return undefined;
  if (option.separator === '') return true;
  return parseGoBool(option.value);
}

// ---------------------------------------------------------------------------------------------
// capabilities

export interface Capability extends Item {
  /** Upper-case without the `CAP_` prefix (`ALL`, `SYS_ADMIN`); undefined when unknown. */
  name: string | undefined;
  raw: string;
}

/** `cap_add` / `cap_drop` items; names are case-insensitive with an optional `CAP_` prefix. */
export function capabilities(field: Field | undefined): Capability[] {
  return cached(field, readCapabilities, []);
}

function readCapabilities(field: Field): Capability[] {
  return scalarItems(field).map(({ node, item, scalar: value }) => ({
    node,
    item,
    raw: value.raw,
    name: value.value === undefined ? undefined : normaliseCapability(value.value),
  }));
}

export function normaliseCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

// ---------------------------------------------------------------------------------------------
// volumes

export type MountType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';

export interface Mount extends Item {
  /** Undefined when it depends on an unknown variable. */
  type: MountType | undefined;
  /** The source after interpolation: a host path for binds, a volume name for volumes; undefined when absent or unknown. */
  source?: string;
  /** The source with `UNKNOWN` for unknown parts (`UNKNOWN/.ssh` for `${HOME}/.ssh`). */
  sourcePattern?: string;
  target?: string;
  /** Undefined when unknown (`read_only: ${RO}`). */
  readOnly: boolean | undefined;
  /** `shared`, `rshared`, `slave`, ... from the short mode list or `bind.propagation`. */
  propagation?: string;
  /** Short syntax: the option list after the second colon (`ro,z`). */
  mode?: string;
  short: boolean;
  /** Offsets of the source text (short syntax: inside the item; long: the `source:` value). */
  sourceStart?: number;
  sourceEnd?: number;
  /** Long syntax: the `source:` value node, the `read_only` field, the `bind.propagation` field. */
  sourceNode?: Node;
  readOnlyField?: Field;
  propagationField?: Field;
  /** For a named volume defined with the local driver as a bind (`o: bind`, `device: /path`). */
  hostPath?: string;
  hostPathField?: Field;
}

/** The host path a mount exposes: the bind source, or a bind-backed named volume's device. */
export function mountHostPath(mount: Mount): string | undefined {
  return mount.type === 'bind' ? mount.source : mount.hostPath;
}

const PROPAGATIONS = new Set(['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate']);

/** `volumes:` of a service, short (`src:dst[:mode]`) and long syntax. */
export function volumes(field: Field | undefined): Mount[] {
  return cached(field, readVolumes, []);
}

function readVolumes(field: Field): Mount[] {
  const mounts: Mount[] = [];
  for (const entry of field.items()) {
    if (!entry.node || !entry.written) continue;
    const mount = isScalar(entry.node) ? shortVolume(field.model, entry.node, entry.written) : isMap(entry.node) ? longVolume(field, entry.node, entry.written) : undefined;
    if (mount) {
      if (mount.type === 'volume' && mount.source !== undefined) bindBackedVolume(field.model, mount);
      mounts.push(mount);
    }
  }
  return mounts;
}

interface Segment {
  text: string;
  start: number;
  end: number;
}

/** Splits raw text at `:`, treating `${...}` as opaque (`${DATA:-./d}:/d` has two parts). */
function splitColons(raw: string, windowsDrive: boolean): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  let i = 0;
  while (i < raw.length) {
    const c = raw.charCodeAt(i);
    if (c === 36 /* $ */ && raw.charCodeAt(i + 1) === 123 /* { */) {
      const close = matchingBrace(raw, i + 1);
      i = close < 0 ? raw.length : close + 1;
      continue;
    }
    if (c === 36 && raw.charCodeAt(i + 1) === 36) {
      i += 2;
      continue;
    }
    if (c === 58 /* : */) {
      // `C:\data:/data`: a one-letter segment before `:` is a Windows drive, not a separator.
      const letter = raw.charCodeAt(start) | 32;
      const isDrive = windowsDrive && i - start === 1 && letter >= 97 && letter <= 122;
      if (!isDrive) {
        segments.push({ text: raw.slice(start, i), start, end: i });
        start = i + 1;
      }
    }
    i++;
  }
  segments.push({ text: raw.slice(start), start, end: raw.length });
  return segments;
}

/** Offset in the file of character `at` of a scalar's value, when the mapping is exact. */
export function scalarOffset(model: ComposeModel, node: Scalar, at: number): number | undefined {
  if (!node.range) return undefined;
  const [start, end] = node.range;
  const source = model.text.slice(start, end);
  const value = rawText(node);
  if (node.type === 'PLAIN' || node.type === undefined) return source === value ? start + at : undefined;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') {
    return source.length === value.length + 2 && source.slice(1, -1) === value ? start + 1 + at : undefined;
  }
  return undefined;
}

function isFilePath(source: string): boolean {
  if (source === '') return false;
  if (source[0] === '.' || source[0] === '/' || source[0] === '~') return true;
  if (source.startsWith('\\\\')) return true;
  return /^[A-Za-z]:/.test(source);
}

/** The mount type from a source that may contain unknown parts. */
function typeOfSource(pattern: string): MountType | undefined {
  if (!pattern.includes(UNKNOWN)) return isFilePath(pattern) ? 'bind' : 'volume';
  const knownHead = pattern.slice(0, pattern.indexOf(UNKNOWN));
  if (knownHead !== '') return isFilePath(knownHead) ? 'bind' : 'volume';
  // `${HOME}/x`: a volume name cannot contain a slash, so whatever the variable is, it is a path.
  return /[\\/]/.test(pattern) ? 'bind' : undefined;
}

function shortVolume(model: ComposeModel, node: Scalar, item: Node): Mount | undefined {
  const raw = rawText(node);
  if (raw === '') return undefined;
  const segments = splitColons(raw, true);
  if (segments.length === 1) {
    // An anonymous volume: just a target path in the container (unless a variable hides colons).
    const whole = interpolateParts(raw);
    return mountOf(node, item, whole.known ? 'volume' : undefined, undefined, undefined, whole.known ? whole.text : undefined, whole.known ? false : undefined);
  }
  const [source, target, mode] = segments;
  const sourceParts = interpolateParts(source.text);
  let readOnly: boolean | undefined = false;
  let propagation: string | undefined;
  if (mode) {
    const options = interpolateParts(mode.text);
    for (const option of options.text.split(',')) {
      if (option === 'ro') readOnly = true;
      else if (option === 'rw') readOnly = false;
      else if (PROPAGATIONS.has(option)) propagation = option;
    }
    if (!options.known && readOnly === false) readOnly = undefined;
  }
  const mount = mountOf(node, item, typeOfSource(sourceParts.text), sourceParts.known ? sourceParts.text : undefined, sourceParts.text, interpolate(target.text), readOnly);
  mount.propagation = propagation;
  mount.mode = mode?.text;
  const sourceStart = scalarOffset(model, node, source.start);
  if (sourceStart !== undefined) {
    mount.sourceStart = sourceStart;
    mount.sourceEnd = sourceStart + (source.end - source.start);
  }
  return mount;
}

/** Every mount object has the same shape (fast property access in the rules that read many). */
function mountOf(node: Node, item: Node, type: MountType | undefined, source: string | undefined, sourcePattern: string | undefined, target: string | undefined, readOnly: boolean | undefined): Mount {
  return {
    node,
    item,
    type,
    source,
    sourcePattern,
    target,
    readOnly,
    propagation: undefined,
    mode: undefined,
    short: true,
    sourceStart: undefined,
    sourceEnd: undefined,
    sourceNode: undefined,
    readOnlyField: undefined,
    propagationField: undefined,
    hostPath: undefined,
    hostPathField: undefined,
  };
}

function longVolume(field: Field, map: Node, item: Node): Mount {
  const model = field.model;
  const get = (key: string): Field | undefined => model.fieldOf(map, key);
  const typeText = scalar(get('type')?.value)?.value;
  const sourceField = get('source');
  const sourceValue = scalar(sourceField?.value);
  const readOnlyField = get('read_only');
  const propagationField = get('bind')?.get('propagation');
  let type: MountType | undefined;
  if (typeText !== undefined) type = (['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image'] as const).find((name) => name === typeText);
  else if (sourceValue) type = typeOfSource(sourceValue.pattern);
  else if (!get('type')) type = 'volume';
  const mount: Mount = {
    node: map,
    item,
    type,
    source: sourceValue?.value,
    sourcePattern: sourceValue?.pattern,
    target: scalar(get('target')?.value)?.value,
    readOnly: readOnlyField ? toBoolean(readOnlyField.value) : false,
    propagation: scalar(propagationField?.value)?.value,
    short: false,
    sourceNode: sourceField?.value ?? undefined,
    readOnlyField,
    propagationField,
  };
  if (readOnlyField && mount.readOnly === undefined && scalar(readOnlyField.value)?.value !== undefined) {
    // A value Compose would reject (`read_only: 1`): treat it as not read-only only if known.
    mount.readOnly = undefined;
  }
  if (sourceValue?.node.range) {
    mount.sourceStart = sourceValue.node.range[0];
    mount.sourceEnd = sourceValue.node.range[1];
  }
  return mount;
}

/** A named volume of the local driver with `o: bind` and a `device` path is a bind mount in disguise. */
function bindBackedVolume(model: ComposeModel, mount: Mount): void {
  const definition = model.volumes.find((volume) => volume.key === mount.source);
  if (!definition) return;
  const options = definition.get('driver_opts');
  if (!options) return;
  const o = scalar(options.get('o')?.value)?.value ?? '';
  const type = scalar(options.get('type')?.value)?.value ?? '';
  const device = options.get('device');
  const path = scalar(device?.value)?.value;
  if (device && path !== undefined && (o.split(',').includes('bind') || type === 'none') && isFilePath(path)) {
    mount.hostPath = path;
    mount.hostPathField = device;
  }
}

// ---------------------------------------------------------------------------------------------
// ports

export interface Port extends Item {
  /** Undefined when no host IP is given (binds every interface) or unknown; see `hostIpKnown`. */
  hostIp?: string;
  hostIpKnown: boolean;
  /** `8080` or `8000-8010`; undefined when not published to a fixed port (or unknown). */
  published?: string;
  target?: string;
  protocol?: string;
  short: boolean;
  /** Whether every part of the spec is known (no unresolvable variable). */
  known: boolean;
}

/** `ports:` in short syntax (`[ip:][published:]target[/proto]`, IPv6 in brackets) and long syntax. */
export function ports(field: Field | undefined): Port[] {
  return cached(field, readPorts, []);
}

function readPorts(field: Field): Port[] {
  const result: Port[] = [];
  for (const entry of field.items()) {
    if (!entry.node || !entry.written) continue;
    if (isScalar(entry.node)) {
      const value = scalar(entry.node)!;
      result.push({ ...parsePortSpec(value.pattern), node: entry.node, item: entry.written, short: true, known: value.value !== undefined });
    } else if (isMap(entry.node)) {
      const get = (key: string): string | undefined => scalar(field.model.fieldOf(entry.node, key)?.value)?.pattern;
      const hostIp = get('host_ip');
      const parts = [hostIp, get('published'), get('target'), get('protocol')];
      result.push({
        node: entry.node,
        item: entry.written,
        hostIp: hostIp !== undefined ? known(hostIp) : undefined,
        hostIpKnown: hostIp === undefined || known(hostIp) !== undefined,
        published: optional(get('published')),
        target: optional(get('target')),
        protocol: optional(get('protocol')),
        short: false,
        known: parts.every((part) => part === undefined || !part.includes(UNKNOWN)),
      });
    }
  }
  return result;
}

function optional(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : known(text);
}

/** Docker's `nat.ParsePortSpec` split: protocol after `/`, then `ip:published:target` from the right. */
export function parsePortSpec(spec: string): Omit<Port, 'node' | 'item' | 'short' | 'known'> {
  let rest = spec.trim();
  let protocol: string | undefined;
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  const parts = rest.split(':');
  const target = parts[parts.length - 1];
  let hostIp: string | undefined;
  let published: string | undefined;
  if (parts.length === 2) published = parts[0];
  else if (parts.length >= 3) {
    published = parts[parts.length - 2];
    hostIp = parts.slice(0, parts.length - 2).join(':');
    if (hostIp.startsWith('[') && hostIp.endsWith(']')) hostIp = hostIp.slice(1, -1);
  }
  return {
    hostIp: hostIp === undefined || hostIp === '' ? undefined : known(hostIp),
    hostIpKnown: hostIp === undefined || !hostIp.includes(UNKNOWN),
    published: optional(published),
    target: optional(target),
    protocol: optional(protocol),
  };
}

/** Whether a port or range (`2375`, `2370-2380`) contains `port`; false when unknown. */
export function portRangeIncludes(spec: string | undefined, port: number): boolean {
  if (spec === undefined) return false;
  const match = /^(\d+)(?:-(\d+))?$/.exec(spec.trim());
  if (!match) return false;
  const low = Number(match[1]);
  const high = match[2] === undefined ? low : Number(match[2]);
  return port >= low && port <= high;
}

// ---------------------------------------------------------------------------------------------
// environment

export interface EnvironmentEntry {
  name: string;
  /** After interpolation; undefined when unset (`KEY` / `KEY:`) or unknown. */
  value?: string;
  /** As written (before interpolation); undefined when unset. */
  raw?: string;
  /** Whether the entry sets a value at all (`KEY=` sets the empty string; `KEY` does not). */
  set: boolean;
  nameStart: number;
  nameEnd: number;
  valueStart?: number;
  valueEnd?: number;
  /** The map value node or the list item scalar. */
  node: Node;
  /** Map form: the entry's field; list form: undefined. */
  field?: Field;
  /** List form: the item as written. */
  item?: Node;
}

/** `environment:` as a mapping (`KEY: value`) or a list (`KEY=value`, `KEY`). */
export function environment(field: Field | undefined): EnvironmentEntry[] {
  return cached(field, readEnvironment, []);
}

function readEnvironment(field: Field): EnvironmentEntry[] {
  const model = field.model;
  const result: EnvironmentEntry[] = [];
  if (isMap(field.value)) {
    for (const entry of field.entries()) {
      const keyRange = entry.keyNode.range;
      if (!keyRange) continue;
      const value = scalar(entry.value);
      const set = value !== undefined && value.node.value !== null;
      const range = entry.value?.range;
      result.push({
        name: entry.key,
        value: set ? value.value : undefined,
        raw: set ? value.raw : undefined,
        set,
        nameStart: keyRange[0],
        nameEnd: keyRange[1],
        valueStart: set && range ? range[0] : undefined,
        valueEnd: set && range ? range[1] : undefined,
        node: entry.value ?? entry.keyNode,
        field: entry,
      });
    }
    return result;
  }
  for (const { item, scalar: value } of scalarItems(field)) {
    const node = value.node;
    const range = node.range;
    if (!range) continue;
    const raw = value.raw;
    const equals = raw.indexOf('=');
    const name = equals < 0 ? raw : raw.slice(0, equals);
    const nameStart = scalarOffset(model, node, 0);
    const valueStart = equals < 0 ? undefined : scalarOffset(model, node, equals + 1);
    const entry: EnvironmentEntry = {
      name: name.trim(),
      set: equals >= 0,
      nameStart: nameStart ?? range[0],
      nameEnd: nameStart !== undefined ? nameStart + name.length : range[1],
      node,
      item,
    };
    if (equals >= 0) {
      entry.raw = raw.slice(equals + 1);
      entry.value = interpolate(entry.raw);
      entry.valueStart = valueStart ?? range[0];
      entry.valueEnd = valueStart !== undefined ? valueStart + entry.raw.length : range[1];
    }
    result.push(entry);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// limits

export interface Limit {
  field: Field;
  /** The key path it was found at (`mem_limit`, `deploy.resources.limits.memory`). */
  path: string;
  /** After interpolation; undefined when unknown. */
  value: string | undefined;
  /** The value sets no limit (`0`, `-1`, empty). */
  unlimited: boolean;
}

export interface Limits {
  memory?: Limit;
  cpus?: Limit;
  pids?: Limit;
}

/**
 * Resource limits from `mem_limit` / `cpus` (or `cpu_quota`) / `pids_limit`, or
 * `deploy.resources.limits.{memory,cpus,pids}`; either counts. When several are present, the
 * first that sets a limit (or is unknown) is returned, else the first one.
 */
export function limits(service: Service): Limits {
  // Three rules read them, for every service and the services it extends.
  return service.model.memo(limits, service, () => readLimits(service));
}

function readLimits(service: Service): Limits {
  const pick = (paths: string[][]): Limit | undefined => {
    let first: Limit | undefined;
    for (const path of paths) {
      const field = service.path(...path);
      if (!field) continue;
      const value = scalar(field.value);
      if (!value) continue;
      const limit: Limit = { field, path: path.join('.'), value: value.value, unlimited: value.value !== undefined && isUnlimited(value.value) };
      if (!limit.unlimited) return limit;
      first ??= limit;
    }
    return first;
  };
  const result: Limits = {};
  const memory = pick([['mem_limit'], ['deploy', 'resources', 'limits', 'memory']]);
  const cpus = pick([['cpus'], ['cpu_quota'], ['deploy', 'resources', 'limits', 'cpus']]);
  const pids = pick([['pids_limit'], ['deploy', 'resources', 'limits', 'pids']]);
  if (memory) result.memory = memory;
  if (cpus) result.cpus = cpus;
  if (pids) result.pids = pids;
  return result;
}

function isUnlimited(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  const number = /^[-+]?\d*\.?\d+/.exec(trimmed);
  return number !== null && Number(number[0]) <= 0;
}

// ---------------------------------------------------------------------------------------------
// restart

export interface RestartPolicy {
  /** `restart:` or `deploy.restart_policy`. */
  source: 'restart' | 'deploy';
  /** The `restart` field, or the `deploy.restart_policy` field. */
  field: Field;
  /**
   * Normalised condition: `no`, `always`, `unless-stopped`, `on-failure` (restart), or `none`,
   * `on-failure`, `any` (deploy; `any` when not written); undefined when unknown.
   */
  condition: string | undefined;
  /** The field holding the condition (`restart` itself, or `restart_policy.condition`). */
  conditionField?: Field;
  /** `on-failure:5` or `max_attempts: 5`; undefined when not given or unknown. */
  maxAttempts?: number;
  maxAttemptsField?: Field;
}

/** Both restart settings of a service, `restart:` first. */
export function restartPolicies(service: Service): RestartPolicy[] {
  const result: RestartPolicy[] = [];
  const restart = service.field('restart');
  const restartValue = scalar(restart?.value)?.value;
  if (restart && restartValue !== undefined) {
    const [condition, attempts] = restartValue.trim().split(':');
    const policy: RestartPolicy = { source: 'restart', field: restart, condition: condition.toLowerCase(), conditionField: restart };
    if (attempts !== undefined && /^\d+$/.test(attempts)) policy.maxAttempts = Number(attempts);
    result.push(policy);
  } else if (restart && !isScalar(restart.value)) {
    // Not a scalar: Compose rejects it; nothing to say.
  } else if (restart) {
    result.push({ source: 'restart', field: restart, condition: undefined, conditionField: restart });
  }
  const deploy = service.path('deploy', 'restart_policy');
  if (deploy && isMap(deploy.value)) {
    const conditionField = deploy.get('condition');
    const maxAttemptsField = deploy.get('max_attempts');
    const condition = conditionField ? scalar(conditionField.value)?.value?.toLowerCase() : 'any';
    const attempts = scalar(maxAttemptsField?.value)?.value;
    const policy: RestartPolicy = { source: 'deploy', field: deploy, condition, conditionField, maxAttemptsField };
    if (attempts !== undefined && /^\d+$/.test(attempts.trim())) policy.maxAttempts = Number(attempts);
    result.push(policy);
  }
  return result;
}
