import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG221',
  name: 'ulimits',
  defaultSeverity: 'off',
  cheatSheet: '7',
  fixable: true,
  summary: 'A service sets no nofile/nproc ulimits.',
  check() {
    // Not implemented yet.
  },
});
