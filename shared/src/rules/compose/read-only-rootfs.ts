import { isScalar } from 'yaml';
import { defineComposeRule, type ProblemFix } from '../rule';
import { scalar, toBoolean, volumes } from '../../compose/values';
import { addServiceKey, addServiceListItem, replaceValue, setServiceKey, valueRange } from '../../compose/edits';
import { inAnchor, isShared, problemFor, serviceLabel, withAnchorVariant } from './service-findings';
import { isNullScalar, type Field, type Service } from '../../compose/model';
import type { OffsetEdit } from '../../text/edits';

export default defineComposeRule({
  id: 'DG214',
  name: 'read-only-rootfs',
  defaultSeverity: 'info',
  cheatSheet: '8',
  fixable: true,
  summary: "A service's root filesystem is writable (read_only is not true).",
  check({ model, report }) {
    for (const service of model.services) {
      if (!service.node) continue;
      const field = service.field('read_only');
      const empty = field !== undefined && isNullScalar(field.value);
      const value = field && !empty ? toBoolean(field.value) : false;
      // `${RO}` or a value Compose would reject: unknown, no finding.
      if (value !== false) continue;
      const explicit = field !== undefined && !empty;
      if (!explicit) {
        // Not set here: a service it `extends:` may set it (a base in another file is unknown).
        const base = service.fromExtends('read_only');
        if (base === 'unknown' || (base && toBoolean(base.value) !== false)) continue;
      }
      const range = explicit ? valueRange(model, field.value) : field ? field.keyNode.range : [service.keyStart, service.keyEnd];
      if (!range) continue;
      const message = explicit
        ? `${serviceLabel(service, field)} sets read_only to false: its root filesystem is writable, so an intruder can change its binaries and configuration.`
        : `Service '${service.name}' has a writable root filesystem (read_only is not set): an intruder can change its binaries and configuration. Set 'read_only: true' and mount tmpfs or volumes where it must write.`;
      // Most services lack read_only: their fixes are built only when someone wants them.
      report(problemFor(service, field, { start: range[0], end: range[1], message, fixes: () => readOnlyFixes(service, field, explicit) }));
    }
  },
});

function readOnlyFixes(service: Service, field: Field | undefined, explicit: boolean): ProblemFix[] {
  const model = service.model;
  const addReadOnly = explicit && !isShared(field) ? replaceValue(model, field!.value, 'true', 'true') : setServiceKey(model, service, 'read_only', 'true');
  const withTmp = hasTmpTmpfs(service) ? addReadOnly : readOnlyWithTmpfs(service, addReadOnly);
  const shared = isShared(field);
  const where = shared ? ` to service '${service.name}' (overrides the anchor)` : '';
  let fixes: ProblemFix[] = [
    { title: `Add 'read_only: true'${where}`, edits: addReadOnly },
    { title: `Add 'read_only: true' and 'tmpfs: [/tmp]'${where}`, edits: withTmp },
  ];
  if (shared && explicit && field) {
    const [override, overrideWithTmp] = fixes;
    fixes = withAnchorVariant(model, service, field, override, { title: `Set 'read_only: true' ${inAnchor(model, field)}`, edits: replaceValue(model, field.value, 'true', 'true') });
    fixes.splice(1, 0, overrideWithTmp);
  }
  return fixes.filter((fix) => fix.edits.length > 0);
}

/** Whether /tmp is already a tmpfs: in `tmpfs:` (list or string, options after `:`) or a tmpfs volume. */
function hasTmpTmpfs(service: Service): boolean {
  const isTmp = (path: string | undefined): boolean => path !== undefined && path.replace(/\/+$/, '') === '/tmp';
  const tmpfs = service.field('tmpfs');
  const entries = tmpfs ? (isScalar(tmpfs.value) ? [tmpfs.value] : tmpfs.items().map((item) => item.node)) : [];
  if (entries.some((entry) => isTmp(scalar(entry)?.value?.split(':')[0]))) return true;
  return volumes(service.field('volumes')).some((mount) => mount.type === 'tmpfs' && isTmp(mount.target));
}

/**
 * `read_only: true` plus /tmp as tmpfs, merged into an existing `tmpfs:` rather than a second key.
 * Two new keys go in as one block so they stay in this order.
 */
function readOnlyWithTmpfs(service: Service, addReadOnly: OffsetEdit[]): OffsetEdit[] {
  const model = service.model;
  const readOnly = service.field('read_only');
  const tmpfs = service.field('tmpfs');
  const readOnlyIsNew = !readOnly || readOnly.fromMerge;
  const tmpfsIsNew = !tmpfs;
  if (readOnlyIsNew && tmpfsIsNew) return addServiceKey(model, service, ['read_only: true', 'tmpfs: [/tmp]']);
  const addTmp = addServiceListItem(model, service, 'tmpfs', '/tmp', { keepInherited: true });
  if (addReadOnly.length === 0 || addTmp.length === 0) return [];
  const inserts = [...addReadOnly, ...addTmp];
  // Two insertions at one offset (both after image:) merge into one edit, read_only first.
  const merged: OffsetEdit[] = [];
  for (const edit of inserts) {
    const same = merged.find((other) => other.start === edit.start && other.end === edit.end && edit.start === edit.end);
    if (same) same.newText += edit.newText;
    else merged.push({ ...edit });
  }
  return merged;
}
