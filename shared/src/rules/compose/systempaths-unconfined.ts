import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG213',
  name: 'systempaths-unconfined',
  defaultSeverity: 'error',
  cheatSheet: '6',
  fixable: true,
  summary: "A service unmasks the kernel's /proc and /sys paths.",
  check() {
    // Not implemented yet.
  },
});
