import { defineComposeRule } from '../rule';
import { checkLimit } from './resource-limit';

export default defineComposeRule({
  id: 'DG217',
  name: 'memory-limit',
  defaultSeverity: 'info',
  cheatSheet: '7',
  fixable: true,
  // 512m is a guess: too low and the kernel kills the service, so a person picks the value.
  autoFix: false,
  summary: 'A service has no memory limit.',
  check(context) {
    checkLimit(context, { kind: 'memory', noun: 'memory', serviceKey: 'mem_limit', serviceValue: '512m', deployKey: 'memory', deployValue: '512M' });
  },
});
