import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG220',
  name: 'restart-unbounded',
  defaultSeverity: 'info',
  cheatSheet: '7',
  fixable: true,
  summary: 'A service restarts forever (always / unless-stopped).',
  check() {
    // Not implemented yet.
  },
});
