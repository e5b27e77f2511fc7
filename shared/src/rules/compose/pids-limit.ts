import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG219',
  name: 'pids-limit',
  defaultSeverity: 'info',
  cheatSheet: '7',
  fixable: true,
  summary: 'A service has no limit on the number of processes.',
  check() {
    // Not implemented yet.
  },
});
