import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG201',
  name: 'privileged',
  defaultSeverity: 'error',
  cheatSheet: '3',
  fixable: true,
  summary: 'A service runs privileged, with every capability and device of the host.',
  check() {
    // Not implemented yet.
  },
});
