import { isAlias, isMap, isScalar } from 'yaml';
import { defineComposeRule, type ProblemFix } from '../rule';
import type { OffsetEdit } from '../../text/edits';
import type { ComposeModel, YamlMap } from '../../compose/model';
import { fieldValue, ports, scalarOffset, type Port } from '../../compose/values';
import { addMapEntries, overrideListItem, valueRange } from '../../compose/edits';
import { inAnchor, isSharedItem, valueProblem, withAnchorVariant } from './service-findings';

const LOOPBACK = '127.0.0.1';

export default defineComposeRule({
  id: 'DG225',
  name: 'port-all-interfaces',
  defaultSeverity: 'off',
  cheatSheet: '5',
  fixable: true,
  summary: 'A published port has no host IP, so it listens on all interfaces.',
  check(context) {
    const { model } = context;
    for (const service of model.services) {
      // With the host's network, Docker ignores ports: the service binds what it binds.
      if (fieldValue(service.field('network_mode')) === 'host') continue;
      const field = service.field('ports');
      for (const port of ports(field)) {
        if (!port.known || port.hostIp !== undefined || !port.hostIpKnown) continue;
        const range = port.short ? valueRange(model, port.node) : valueRange(model, longPortValue(model, port));
        if (!range) continue;
        const shared = isSharedItem(field, port.item);
        let fixes: ProblemFix[] = [];
        if (port.short) {
          if (!shared) {
            const inPlace = loopbackEdits(model, port);
            if (inPlace.length > 0) fixes.push({ title: `Bind to ${LOOPBACK} only`, edits: inPlace });
          } else if (!isAlias(port.item)) {
            fixes = withAnchorVariant(
              model,
              service,
              field!,
              {
                title: `Bind to ${LOOPBACK} only in service '${service.name}' (overrides the inherited ports)`,
                edits: overrideListItem(model, service, field!, port.item, loopbackSpec(String((port.node as { value: unknown }).value))),
              },
              { title: `Bind to ${LOOPBACK} only ${inAnchor(model, field!)}`, edits: loopbackEdits(model, port) },
            );
          }
        } else if (!shared && isMap(port.node)) {
          const edits = addMapEntries(model, port.node as YamlMap, [`host_ip: ${LOOPBACK}`], [`host_ip: ${LOOPBACK}`]);
          if (edits.length > 0) fixes.push({ title: `Add host_ip: ${LOOPBACK}`, edits });
        }
        const spec = port.short ? String((port.node as { value: unknown }).value) : `${port.published ?? ''}${port.published ? ':' : ''}${port.target ?? ''}`;
        context.report(valueProblem(service, field, range, `publishes port ${spec} on all interfaces (no host IP): it is reachable from every network the host is on, and Docker's rules bypass host firewalls such as UFW. Bind it to ${LOOPBACK} unless it must be public.`, { fixes, item: port.item }));
      }
    }
  },
});

/** Long syntax: the published port, or the target when nothing is published explicitly. */
function longPortValue(model: ComposeModel, port: Port) {
  return model.fieldOf(port.node, 'published')?.value ?? model.fieldOf(port.node, 'target')?.value ?? port.node;
}

/** `80:80` → `127.0.0.1:80:80`; a container port alone keeps a random host port: `127.0.0.1::3000`. */
function loopbackSpec(spec: string): string {
  return spec.includes(':') ? `${LOOPBACK}:${spec}` : `${LOOPBACK}::${spec}`;
}

function loopbackEdits(model: ComposeModel, port: Port): OffsetEdit[] {
  const node = port.node;
  if (!isScalar(node) || !node.range) return [];
  const spec = String(node.value);
  if (typeof node.value === 'number') {
    // `- 3000` is a number; the new value is a string, so say so with quotes.
    return [{ start: node.range[0], end: node.range[1], newText: JSON.stringify(loopbackSpec(spec)) }];
  }
  const start = scalarOffset(model, node, 0);
  if (start === undefined) return [];
  return [{ start, end: start, newText: spec.includes(':') ? `${LOOPBACK}:` : `${LOOPBACK}::` }];
}
