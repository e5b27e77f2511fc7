import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG215',
  name: 'writable-bind-mount',
  defaultSeverity: 'info',
  cheatSheet: '8',
  fixable: true,
  summary: 'A host directory is bind-mounted writable.',
  check() {
    // Not implemented yet.
  },
});
