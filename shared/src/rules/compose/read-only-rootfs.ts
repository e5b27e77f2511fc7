import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG214',
  name: 'read-only-rootfs',
  defaultSeverity: 'info',
  cheatSheet: '8',
  fixable: true,
  summary: "A service's root filesystem is writable (read_only is not true).",
  check() {
    // Not implemented yet.
  },
});
