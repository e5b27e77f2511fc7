import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG115',
  name: 'chmod-unsafe',
  defaultSeverity: 'warning',
  cheatSheet: '4',
  fixable: false,
  summary: 'chmod sets setuid/setgid bits or makes files world-writable.',
  check() {
    // Not implemented yet.
  },
});
