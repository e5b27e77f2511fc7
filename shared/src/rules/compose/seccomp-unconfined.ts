import { isLastOf, securityOptRule } from './security-opt-rule';

export default securityOptRule(
  {
    id: 'DG210',
    name: 'seccomp-unconfined',
    defaultSeverity: 'error',
    cheatSheet: '6',
    summary: 'A service turns the seccomp filter off.',
  },
  (option, all) => option.key === 'seccomp' && option.value === 'unconfined' && isLastOf(option, all),
  'the seccomp filter is off, so every system call of the kernel, including the ones behind most container escapes, is open to the container.',
);
