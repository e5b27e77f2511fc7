import { defineDockerfileRule } from '../rule';

export default defineDockerfileRule({
  id: 'DG114',
  name: 'password-in-run',
  defaultSeverity: 'warning',
  cheatSheet: '12',
  fixable: false,
  summary: 'A RUN command sets or passes a password on its command line.',
  check() {
    // Not implemented yet.
  },
});
