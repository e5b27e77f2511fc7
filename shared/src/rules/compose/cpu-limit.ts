import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG218',
  name: 'cpu-limit',
  defaultSeverity: 'info',
  cheatSheet: '7',
  fixable: true,
  summary: 'A service has no CPU limit.',
  check() {
    // Not implemented yet.
  },
});
