import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG211',
  name: 'apparmor-unconfined',
  defaultSeverity: 'error',
  cheatSheet: '6',
  fixable: true,
  summary: 'A service turns the AppArmor profile off.',
  check() {
    // Not implemented yet.
  },
});
