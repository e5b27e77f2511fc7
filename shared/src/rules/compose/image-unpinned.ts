import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG224',
  name: 'image-unpinned',
  defaultSeverity: 'info',
  cheatSheet: '13',
  fixable: false,
  summary: "A service's image has no tag or uses :latest.",
  check() {
    // Not implemented yet.
  },
});
