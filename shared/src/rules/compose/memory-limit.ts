import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG217',
  name: 'memory-limit',
  defaultSeverity: 'info',
  cheatSheet: '7',
  fixable: true,
  summary: 'A service has no memory limit.',
  check() {
    // Not implemented yet.
  },
});
