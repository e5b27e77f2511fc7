import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG116',
  name: 'copy-secret-file',
  defaultSeverity: 'warning',
  cheatSheet: '12',
  fixable: false,
  summary: 'COPY or ADD copies a credential file into the image.',
  check() {
    // Not implemented yet.
  },
});
