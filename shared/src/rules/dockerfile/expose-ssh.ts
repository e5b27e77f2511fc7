import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG113',
  name: 'expose-ssh',
  defaultSeverity: 'warning',
  cheatSheet: '–',
  fixable: true,
  summary: 'The image exposes the SSH port 22.',
  check() {
    // Not implemented yet.
  },
});
