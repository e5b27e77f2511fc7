import { defineComposeRule } from '../rule';

export default defineComposeRule({
  id: 'DG223',
  name: 'secret-in-environment',
  defaultSeverity: 'warning',
  cheatSheet: '12',
  fixable: false,
  summary: "A service's environment holds a literal secret.",
  check() {
    // Not implemented yet.
  },
});
