import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG103',
  name: 'sudo',
  defaultSeverity: 'warning',
  cheatSheet: '2',
  fixable: true,
  summary: 'A RUN command uses sudo.',
  check() {
    // Not implemented yet.
  },
});
