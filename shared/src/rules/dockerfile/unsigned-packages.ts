import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG110',
  name: 'unsigned-packages',
  defaultSeverity: 'warning',
  cheatSheet: '13',
  fixable: true,
  summary: 'A package manager is told to install packages without checking signatures.',
  check() {
    // Not implemented yet.
  },
});
