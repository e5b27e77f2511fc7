import { isLastOf, securityOptRule } from './security-opt-rule';

export default securityOptRule(
  {
    id: 'DG211',
    name: 'apparmor-unconfined',
    defaultSeverity: 'error',
    cheatSheet: '6',
    summary: 'A service turns the AppArmor profile off.',
  },
  (option, all) => option.key === 'apparmor' && option.value === 'unconfined' && isLastOf(option, all),
  "the AppArmor profile is off, so nothing stops the container from mounting filesystems or writing to /proc and /sys where the kernel allows it.",
);
