import { isSeq } from 'yaml';
import { defineComposeRule } from '../rule';
import { capabilities } from '../../compose/values';
import { removeItemFixes, valueProblem } from './service-findings';
import { valueRange } from '../../compose/edits';

/** The capabilities that let a container escape, control the host, or attack its neighbours. */
const DANGEROUS: Record<string, string> = {
  ALL: 'every capability, as good as privileged',
  SYS_ADMIN: 'mount, namespaces, BPF and much more: the classic container escape',
  SYS_PTRACE: 'tracing and injecting code into other processes',
  SYS_MODULE: 'loading kernel modules, i.e. running code in the host kernel',
  SYS_RAWIO: 'raw I/O to devices and kernel memory',
  SYS_BOOT: 'rebooting the host and loading a new kernel',
  NET_ADMIN: 'reconfiguring interfaces, routes and firewall rules of its network namespace',
  DAC_READ_SEARCH: 'reading any file and opening files by handle, used to read host files',
  BPF: 'loading BPF programs into the kernel',
  PERFMON: 'kernel performance monitoring that can leak kernel memory',
  MAC_ADMIN: 'changing the AppArmor/SELinux policy that confines it',
  MAC_OVERRIDE: 'bypassing the AppArmor/SELinux policy that confines it',
  SYS_TIME: "setting the host's clock",
  NET_RAW: 'raw sockets, used to spoof traffic on the container network',
};

export default defineComposeRule({
  id: 'DG205',
  name: 'cap-add-dangerous',
  defaultSeverity: 'warning',
  cheatSheet: '3',
  fixable: true,
  summary: 'A service adds a capability that allows escaping or controlling the host.',
  check({ model, report }) {
    for (const service of model.services) {
      const field = service.field('cap_add');
      if (!field || !isSeq(field.value)) continue;
      for (const capability of capabilities(field)) {
        const why = capability.name === undefined ? undefined : DANGEROUS[capability.name];
        if (!why) continue;
        const range = valueRange(model, capability.node);
        if (!range) continue;
        const fixes = removeItemFixes(model, service, field, capability.item, `'${capability.raw}' from cap_add`);
        report(valueProblem(service, field, range, `adds the capability ${capability.name} (${why}).`, { fixes }));
      }
    }
  },
});
