import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG227',
  name: 'mount-propagation',
  defaultSeverity: 'warning',
  cheatSheet: '8',
  fixable: false,
  summary: 'A bind mount uses shared propagation, so mounts leak between host and container.',
  check() {
    // Not implemented yet.
  },
});
