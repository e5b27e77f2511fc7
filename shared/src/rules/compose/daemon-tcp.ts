import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG203',
  name: 'daemon-tcp',
  defaultSeverity: 'error',
  cheatSheet: '1',
  fixable: false,
  summary: 'A service uses or exposes the Docker daemon over unencrypted TCP.',
  check() {
    // Not implemented yet.
  },
});
