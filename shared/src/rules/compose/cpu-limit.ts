import { defineComposeRule } from '../rule';
import { checkLimit } from './resource-limit';

export default defineComposeRule({
  id: 'DG218',
  name: 'cpu-limit',
  defaultSeverity: 'info',
  cheatSheet: '7',
  fixable: true,
  // One CPU is a guess: too low and the service slows down, so a person picks the value.
  autoFix: false,
  summary: 'A service has no CPU limit.',
  check(context) {
    checkLimit(context, {
      kind: 'cpus',
      noun: 'CPU',
      serviceKey: 'cpus',
      serviceValue: '"1.0"',
      deployKey: 'cpus',
      deployValue: '"1.0"',
      // Pinning to CPUs and the Windows CPU caps also bound what the service can take.
      alsoLimits: ['cpuset', 'cpu_count', 'cpu_percent'],
    });
  },
});
