import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG207',
  name: 'user-root',
  defaultSeverity: 'warning',
  cheatSheet: '2',
  fixable: true,
  summary: "A service's user: is root.",
  check() {
    // Not implemented yet.
  },
});
