import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG107',
  name: 'add-remote',
  defaultSeverity: 'warning',
  cheatSheet: '13',
  fixable: true,
  summary: 'ADD fetches a URL without --checksum, or auto-extracts a local archive.',
  check() {
    // Not implemented yet.
  },
});
