import { defineComposeRule } from '../rule';
import { checkLimit } from './resource-limit';

export default defineComposeRule({
  id: 'DG219',
  name: 'pids-limit',
  defaultSeverity: 'info',
  cheatSheet: '7',
  fixable: true,
  // 200 processes is a guess that a busy server may exceed, so a person picks the value.
  autoFix: false,
  summary: 'A service has no limit on the number of processes.',
  check(context) {
    checkLimit(context, { kind: 'pids', noun: 'process (pids)', serviceKey: 'pids_limit', serviceValue: '200', deployKey: 'pids', deployValue: '200' });
  },
});
