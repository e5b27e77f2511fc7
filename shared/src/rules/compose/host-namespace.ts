import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG209',
  name: 'host-namespace',
  defaultSeverity: 'error',
  cheatSheet: '3,5',
  fixable: true,
  summary: "A service shares the host's network, PID, IPC, UTS or user namespace.",
  check() {
    // Not implemented yet.
  },
});
