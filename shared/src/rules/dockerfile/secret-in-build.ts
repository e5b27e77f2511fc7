import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG106',
  name: 'secret-in-build',
  defaultSeverity: 'warning',
  cheatSheet: '12',
  fixable: false,
  summary: "An ARG or ENV carries a secret, which stays in the image's history.",
  check() {
    // Not implemented yet.
  },
});
