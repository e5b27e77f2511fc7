import { isScalar } from 'yaml';
import { defineComposeRule } from '../rule';
import type { ComposeModel } from '../../compose/model';
import { scalarOffset, volumes, type Mount } from '../../compose/values';
import { valueProblem } from './service-findings';
import { valueRange } from '../../compose/edits';

const SHARED = new Set(['shared', 'rshared']);

export default defineComposeRule({
  id: 'DG227',
  name: 'mount-propagation',
  defaultSeverity: 'warning',
  cheatSheet: '8',
  fixable: false,
  summary: 'A bind mount uses shared or rshared propagation.',
  check(context) {
    const { model } = context;
    for (const service of model.services) {
      const field = service.field('volumes');
      for (const mount of volumes(field)) {
        if (mount.type !== 'bind' || mount.propagation === undefined || !SHARED.has(mount.propagation)) continue;
        const range = propagationRange(model, mount);
        if (!range) continue;
        context.report(valueProblem(service, field, range, `mounts '${mount.source ?? ''}' with ${mount.propagation} propagation: mounts made in the container appear on the host. Use rslave or the default (rprivate) unless this is a storage plugin.`, { item: mount.item }));
      }
    }
  },
});

/** The propagation word: `bind.propagation`'s value, or the option inside a short mode list. */
function propagationRange(model: ComposeModel, mount: Mount): [number, number] | undefined {
  if (!mount.short) return valueRange(model, mount.propagationField?.value);
  if (!isScalar(mount.node) || mount.mode === undefined) return valueRange(model, mount.node);
  const value = String(mount.node.value);
  const start = scalarOffset(model, mount.node, 0);
  if (start === undefined || !value.endsWith(`:${mount.mode}`)) return valueRange(model, mount.node);
  let at = value.length - mount.mode.length;
  for (const option of mount.mode.split(',')) {
    if (option === mount.propagation) return [start + at, start + at + option.length];
    at += option.length + 1;
  }
  return valueRange(model, mount.node);
}
