import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG205',
  name: 'cap-add-dangerous',
  defaultSeverity: 'warning',
  cheatSheet: '3',
  fixable: true,
  summary: 'A service adds a capability that allows escaping or controlling the host.',
  check() {
    // Not implemented yet.
  },
});
