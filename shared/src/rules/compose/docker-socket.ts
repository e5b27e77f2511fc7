import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG202',
  name: 'docker-socket',
  defaultSeverity: 'error',
  cheatSheet: '1',
  fixable: false,
  summary: 'A service mounts a container daemon socket, which gives it control of the host.',
  check() {
    // Not implemented yet.
  },
});
