import { ShowRuleDocumentationCommand } from '../../shared/src/protocol/messages';

/** The extension's commands (contributed in package.json by contributions.ts, registered in extension.ts). */
export const COMMANDS = {
  restartServer: 'dockguard.restartServer',
  showOutput: 'dockguard.showOutput',
  lintWorkspace: 'dockguard.lintWorkspace',
  showRuleDocumentation: ShowRuleDocumentationCommand.id,
} as const;
