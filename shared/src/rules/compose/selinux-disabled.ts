import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG212',
  name: 'selinux-disabled',
  defaultSeverity: 'error',
  cheatSheet: '6',
  fixable: true,
  summary: 'A service turns SELinux labelling off.',
  check() {
    // Not implemented yet.
  },
});
