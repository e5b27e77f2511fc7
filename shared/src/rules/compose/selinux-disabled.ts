import { securityOptRule } from './security-opt-rule';

export default securityOptRule(
  {
    id: 'DG212',
    name: 'selinux-disabled',
    defaultSeverity: 'error',
    cheatSheet: '6',
    summary: 'A service turns SELinux labelling off.',
  },
  // The daemon also reads a bare `disable` as `label=disable`.
  (option) => (option.key === 'label' && option.value === 'disable') || option.text === 'disable',
  'SELinux separation is off, so on an SELinux host the container is no longer confined to its own files and processes.',
);
