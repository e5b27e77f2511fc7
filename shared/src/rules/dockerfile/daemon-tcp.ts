import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG105',
  name: 'daemon-tcp',
  defaultSeverity: 'error',
  cheatSheet: '1',
  fixable: false,
  summary: 'The Docker daemon is reached or exposed over unencrypted TCP.',
  check() {
    // Not implemented yet.
  },
});
