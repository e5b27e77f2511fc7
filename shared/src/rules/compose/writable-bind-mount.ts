import { isAlias, isScalar } from 'yaml';
import { defineComposeRule, type ProblemFix } from '../rule';
import type { OffsetEdit } from '../../text/edits';
import type { ComposeModel, Field, Service, YamlMap } from '../../compose/model';
import { volumes, scalarOffset, type Mount } from '../../compose/values';
import { addMapEntries, overrideListItem, setPairValue, valueRange } from '../../compose/edits';
import { inAnchor, isSharedItem, valueProblem, withAnchorVariant } from './service-findings';

const SOCKET = /\.sock(?:et)?$/i;

export default defineComposeRule({
  id: 'DG215',
  name: 'writable-bind-mount',
  defaultSeverity: 'info',
  cheatSheet: '8',
  fixable: true,
  // Most writable bind mounts hold data the service must write; making them read-only is a
  // decision per mount, so fix-all never does it unattended.
  autoFix: false,
  summary: 'A host directory is bind-mounted writable.',
  check(context) {
    const { model } = context;
    for (const service of model.services) {
      const field = service.field('volumes');
      for (const mount of volumes(field)) {
        if (mount.type !== 'bind' || mount.readOnly !== false) continue;
        // Read-only does not stop anyone connecting to a socket (DG202 reports daemon sockets).
        if (mount.source !== undefined && SOCKET.test(mount.source)) continue;
        const range = mount.short
          ? valueRange(model, mount.node)
          : valueRange(model, mount.readOnlyField?.value ?? mount.sourceNode);
        if (!range) continue;
        const source = mount.source ?? (mount.sourceStart !== undefined && mount.sourceEnd !== undefined ? model.text.slice(mount.sourceStart, mount.sourceEnd).replace(/^["']|["']$/g, '') : '');
        context.report(valueProblem(service, field, range, `bind-mounts the host path '${source}' writable: the container can change files on the host. Add :ro if the service only reads it; data it writes is better kept in a named volume.`, { fixes: () => readOnlyFixes(service, field!, mount), item: mount.item }));
      }
    }
  },
});

/** Most bind mounts are writable: their fixes are built only when someone wants them. */
function readOnlyFixes(service: Service, field: Field, mount: Mount): ProblemFix[] {
  const model = service.model;
  if (!isSharedItem(field, mount.item)) {
    const inPlace = readOnlyEdits(model, mount);
    return inPlace.length > 0 ? [{ title: mount.short ? `Mount read-only (':ro')` : 'Mount read-only (read_only: true)', edits: inPlace }] : [];
  }
  // An aliased item (`- *data`) is written in its anchor, which other lists may use too: no fix.
  if (isAlias(mount.item)) return [];
  // Edit the service, not the anchor other services share: override the list in it.
  const copy = mount.short ? readOnlyShort(model, mount) : undefined;
  return withAnchorVariant(
    model,
    service,
    field,
    { title: `Mount read-only in service '${service.name}' (overrides the inherited volumes)`, edits: copy ? overrideListItem(model, service, field, mount.item, copy.value) : [] },
    { title: `Mount read-only ${inAnchor(model, field)}`, edits: readOnlyEdits(model, mount) },
  );
}

/** The short-syntax value with `ro` set: `:ro` appended, `rw` replaced, or `ro,` put first in the modes. */
function readOnlyShort(model: ComposeModel, mount: Mount): { value: string; at: number; remove: number; insert: string } | undefined {
  if (!isScalar(mount.node)) return undefined;
  const value = String(mount.node.value);
  const start = scalarOffset(model, mount.node, 0);
  if (start === undefined) return undefined;
  const mode = mount.mode;
  if (mode === undefined) return { value: `${value}:ro`, at: value.length, remove: 0, insert: ':ro' };
  if (!value.endsWith(`:${mode}`)) return undefined;
  const modeStart = value.length - mode.length;
  const options = mode.split(',');
  const rw = options.indexOf('rw');
  if (rw >= 0) {
    const at = modeStart + options.slice(0, rw).reduce((sum, option) => sum + option.length + 1, 0);
    return { value: value.slice(0, at) + 'ro' + value.slice(at + 2), at, remove: 2, insert: 'ro' };
  }
  return { value: value.slice(0, modeStart) + 'ro,' + mode, at: modeStart, remove: 0, insert: 'ro,' };
}

function readOnlyEdits(model: ComposeModel, mount: Mount): OffsetEdit[] {
  if (mount.short) {
    const change = readOnlyShort(model, mount);
    const start = isScalar(mount.node) ? scalarOffset(model, mount.node, 0) : undefined;
    if (!change || start === undefined) return [];
    return [{ start: start + change.at, end: start + change.at + change.remove, newText: change.insert }];
  }
  if (mount.readOnlyField) {
    if (mount.readOnlyField.fromMerge || mount.readOnlyField.viaAlias) return [];
    return setPairValue(model, mount.readOnlyField, 'true');
  }
  return addMapEntries(model, mount.node as YamlMap, ['read_only: true'], ['read_only: true']);
}
