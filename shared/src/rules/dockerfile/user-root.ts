import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG102',
  name: 'user-root',
  defaultSeverity: 'warning',
  cheatSheet: '2',
  fixable: true,
  summary: "The final stage's effective USER is root.",
  check() {
    // Not implemented yet.
  },
});
