import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG112',
  name: 'image-digest',
  defaultSeverity: 'off',
  cheatSheet: '13',
  fixable: false,
  summary: 'A FROM image is not pinned by @sha256 digest.',
  check() {
    // Not implemented yet.
  },
});
