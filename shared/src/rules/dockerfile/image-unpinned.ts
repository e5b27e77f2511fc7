import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG111',
  name: 'image-unpinned',
  defaultSeverity: 'info',
  cheatSheet: '13',
  fixable: false,
  summary: 'A FROM image has no tag or uses :latest.',
  check() {
    // Not implemented yet.
  },
});
