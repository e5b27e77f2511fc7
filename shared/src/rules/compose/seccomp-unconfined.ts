import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG210',
  name: 'seccomp-unconfined',
  defaultSeverity: 'error',
  cheatSheet: '6',
  fixable: true,
  summary: 'A service turns the seccomp filter off.',
  check() {
    // Not implemented yet.
  },
});
