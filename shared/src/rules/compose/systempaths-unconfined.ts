import { securityOptRule } from './security-opt-rule';

export default securityOptRule(
  {
    id: 'DG213',
    name: 'systempaths-unconfined',
    defaultSeverity: 'error',
    cheatSheet: '6',
    summary: "A service unmasks the kernel's /proc and /sys paths.",
  },
  (option) => option.key === 'systempaths' && option.value === 'unconfined',
  "the masked and read-only kernel paths (/proc/kcore, /proc/sysrq-trigger, /sys/firmware, …) are exposed and writable, which leaks host information and lets root in the container act on the host's kernel.",
);
