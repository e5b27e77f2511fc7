import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG206',
  name: 'no-new-privileges',
  defaultSeverity: 'info',
  cheatSheet: '4',
  fixable: true,
  summary: 'A service does not set no-new-privileges, so setuid binaries can raise privileges.',
  check() {
    // Not implemented yet.
  },
});
