import { defineComposeRule, type ProblemFix } from '../rule';
import { scalar } from '../../compose/values';
import { addServiceKey, removeField, setPairValue, valueRange } from '../../compose/edits';
import { anchorInherits, inAnchor, valueProblem, withAnchorVariant } from './service-findings';

/** What sharing each namespace with the host gives the container. */
const NAMESPACES: Record<string, string> = {
  network_mode: "shares the host's network stack: it can bind any host port, reach services that listen only on the host's localhost, and see host traffic",
  pid: "shares the host's process namespace: it sees every host process and, as root, can signal them and read their environment and memory",
  ipc: "shares the host's IPC namespace: it can read and write the host's shared memory segments and semaphores",
  uts: "shares the host's UTS namespace: it can change the host's hostname and domain name",
  userns_mode: 'opts out of user-namespace remapping: root in the container is root on the host',
};

export default defineComposeRule({
  id: 'DG209',
  name: 'host-namespace',
  defaultSeverity: 'error',
  cheatSheet: '3,5',
  fixable: true,
  summary: "A service shares the host's network, PID, IPC, UTS or user namespace.",
  check({ model, report }) {
    for (const service of model.services) {
      for (const [key, effect] of Object.entries(NAMESPACES)) {
        const field = service.field(key);
        // `service:x` / `container:x` share another container's namespace, not the host's.
        if (!field || scalar(field.value)?.value !== 'host') continue;
        const range = valueRange(model, field.value);
        if (!range) continue;
        const inherited = service.inheritedField(key);
        const inheritsHost = inherited !== undefined && scalar(inherited.value)?.value !== undefined && scalar(inherited.value)?.value !== '';
        let fixes: ProblemFix[];
        if (!field.fromMerge) {
          if (!inheritsHost) fixes = [{ title: `Remove the '${key}' line`, edits: removeField(model, field) }];
          // Removing it would bring back what an anchor sets; only ipc has a private value to write.
          else fixes = key === 'ipc' ? [{ title: `Set 'ipc: private' (an anchor it merges also sets ipc)`, edits: setPairValue(model, field, 'private') }] : [];
        } else {
          fixes = withAnchorVariant(
            model,
            service,
            field,
            key === 'ipc' ? { title: `Set 'ipc: private' in service '${service.name}' (overrides the anchor)`, edits: addServiceKey(model, service, ['ipc: private']) } : undefined,
            anchorInherits(model, field) ? undefined : { title: `Remove the '${key}' line ${inAnchor(model, field)}`, edits: removeField(model, field) },
          );
        }
        report(valueProblem(service, field, range, `sets '${key}: host': it ${effect}.`, { fixes }));
      }
    }
  },
});
