import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG101',
  name: 'user-missing',
  defaultSeverity: 'warning',
  cheatSheet: '2',
  fixable: true,
  summary: 'The final stage never switches to a USER, so the container runs as root.',
  check() {
    // Not implemented yet.
  },
});
