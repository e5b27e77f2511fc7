import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG204',
  name: 'cap-drop-all',
  defaultSeverity: 'info',
  cheatSheet: '3',
  fixable: true,
  summary: 'A service does not drop all capabilities with cap_drop: [ALL].',
  check() {
    // Not implemented yet.
  },
});
