import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG109',
  name: 'tls-verify-disabled',
  defaultSeverity: 'warning',
  cheatSheet: '13',
  fixable: true,
  summary: 'A download or package tool has TLS certificate verification turned off.',
  check() {
    // Not implemented yet.
  },
});
