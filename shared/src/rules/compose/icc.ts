import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG226',
  name: 'icc',
  defaultSeverity: 'off',
  cheatSheet: '5',
  fixable: false,
  summary: 'Services share one default network, so every container can reach every other.',
  check() {
    // Not implemented yet.
  },
});
