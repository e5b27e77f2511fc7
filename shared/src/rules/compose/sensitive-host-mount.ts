import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG216',
  name: 'sensitive-host-mount',
  defaultSeverity: 'warning',
  cheatSheet: '1,8',
  fixable: false,
  summary: 'A service mounts a sensitive host path such as /, /etc, /proc or ~/.ssh.',
  check() {
    // Not implemented yet.
  },
});
