import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG225',
  name: 'port-all-interfaces',
  defaultSeverity: 'off',
  cheatSheet: '5',
  fixable: true,
  summary: 'A published port binds to all host interfaces.',
  check() {
    // Not implemented yet.
  },
});
