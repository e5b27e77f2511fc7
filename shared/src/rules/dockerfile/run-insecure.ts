import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG117',
  name: 'run-insecure',
  defaultSeverity: 'error',
  cheatSheet: '3',
  fixable: true,
  summary: 'RUN --security=insecure runs a build step without the sandbox.',
  check() {
    // Not implemented yet.
  },
});
