import type { ProblemFix, RuleContext } from '../rule';
import type { OffsetEdit } from '../../text/edits';
import type { ComposeModel, Service } from '../../compose/model';
import { limits, type Limit } from '../../compose/values';
import { addMapEntries, addServiceKey, setPairValue, valueRange } from '../../compose/edits';
import { extendsChain, isCompleteService, isShared, mapOf, serviceLabel, titleWithInheritors, valueProblem } from './service-findings';

/**
 * DG217 memory-limit, DG218 cpu-limit and DG219 pids-limit: the same check on three limits. A limit
 * counts from the service key or from `deploy.resources.limits`, written in the service or merged.
 */
export interface LimitSpec {
  kind: 'memory' | 'cpus' | 'pids';
  /** For messages: "memory", "CPU", "process (pids)". */
  noun: string;
  serviceKey: string;
  serviceValue: string;
  deployKey: string;
  deployValue: string;
  /** Other service keys that also cap the resource (`cpuset`, ...). */
  alsoLimits?: string[];
}

export function checkLimit(context: RuleContext<ComposeModel>, spec: LimitSpec): void {
  const { model } = context;
  for (const service of model.services) {
    // What a service `extends` it inherits; a base in another file is unknown.
    const bases = extendsChain(model, service);
    if (bases === undefined) continue;
    const limit = limits(service)[spec.kind];
    if (!limit) {
      if (!isCompleteService(service)) continue;
      if (bases.some((base) => limits(base)[spec.kind] !== undefined)) continue;
      if ([service, ...bases].some((candidate) => spec.alsoLimits?.some((key) => candidate.field(key) !== undefined))) continue;
      context.report({
        start: service.keyStart,
        end: service.keyEnd,
        message: `${serviceLabel(service)} has no ${spec.noun} limit, so it can use all of the host's ${spec.noun === 'process (pids)' ? 'processes' : spec.noun}. Set ${spec.serviceKey} (or deploy.resources.limits.${spec.deployKey}).`,
        // Most services have no limits: their fixes are built only when someone wants them.
        fixes: () => {
          const added = addLimit(model, service, spec);
          return added.edits.length > 0 ? [{ title: titleWithInheritors(`Add ${added.title}`, model, service), edits: added.edits }] : [];
        },
      });
    } else if (limit.unlimited) {
      reportUnlimited(context, service, limit, spec);
    }
  }
}

function addLimit(model: ComposeModel, service: Service, spec: LimitSpec): { title: string; edits: OffsetEdit[] } {
  // Keep the file's style: a service that lists its limits under deploy gets this one there too.
  const limitsField = service.path('deploy', 'resources', 'limits');
  const map = limitsField && !isShared(limitsField) ? mapOf(limitsField) : undefined;
  if (map) {
    const entry = `${spec.deployKey}: ${spec.deployValue}`;
    const edits = addMapEntries(model, map, [entry], [entry]);
    if (edits.length > 0) return { title: `deploy.resources.limits.${entry}`, edits };
  }
  const entry = `${spec.serviceKey}: ${spec.serviceValue}`;
  const edits = addServiceKey(model, service, [entry]);
  return { title: `'${entry}'`, edits };
}

function reportUnlimited(context: RuleContext<ComposeModel>, service: Service, limit: Limit, spec: LimitSpec): void {
  const { model } = context;
  const field = limit.field;
  const shared = isShared(field);
  const range = valueRange(model, field.value);
  const [start, end] = range && range[1] > range[0] ? range : [field.keyNode.range![0], field.keyNode.range![1]];
  const inDeploy = limit.path.startsWith('deploy.');
  const value = inDeploy ? spec.deployValue : spec.serviceValue;
  const fixes: ProblemFix[] = [];
  if (!shared) {
    const edits = setPairValue(model, field, value);
    if (edits.length > 0) fixes.push({ title: `Set ${field.key}: ${value}`, edits });
  } else if (!inDeploy) {
    const edits = addServiceKey(model, service, [`${field.key}: ${value}`]);
    if (edits.length > 0) fixes.push({ title: `Set ${field.key}: ${value} in service '${service.name}' (overrides the inherited value)`, edits });
  }
  context.report(valueProblem(service, field, [start, end], `sets ${limit.path} to '${limit.value}', which means no ${spec.noun} limit.`, { fixes, path: limit.path.split('.') }));
}
