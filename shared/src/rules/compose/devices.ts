import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG222',
  name: 'devices',
  defaultSeverity: 'warning',
  cheatSheet: '3',
  fixable: false,
  summary: 'A service is given host devices or device cgroup rules.',
  check() {
    // Not implemented yet.
  },
});
