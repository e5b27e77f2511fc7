import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG118',
  name: 'healthcheck-missing',
  defaultSeverity: 'off',
  cheatSheet: '7',
  fixable: false,
  summary: 'The final stage has no HEALTHCHECK.',
  check() {
    // Not implemented yet.
  },
});
