import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG104',
  name: 'docker-socket',
  defaultSeverity: 'error',
  cheatSheet: '1',
  fixable: false,
  summary: 'VOLUME or RUN --mount names a container daemon socket.',
  check() {
    // Not implemented yet.
  },
});
