import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG208',
  name: 'user-unset',
  defaultSeverity: 'off',
  cheatSheet: '2',
  fixable: true,
  summary: 'A service sets no user: and does not build a non-root image of this workspace.',
  check() {
    // Not implemented yet.
  },
});
