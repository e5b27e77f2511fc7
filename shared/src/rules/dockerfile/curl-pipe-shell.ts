import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG108',
  name: 'curl-pipe-shell',
  defaultSeverity: 'warning',
  cheatSheet: '13',
  fixable: false,
  summary: 'A download is piped straight into a shell or interpreter.',
  check() {
    // Not implemented yet.
  },
});
