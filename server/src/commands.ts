import type { ExecuteCommandParams } from 'vscode-languageserver';
import { ShowRuleDocumentationCommand } from '../../shared/src/protocol';
import { DOCS_BASE_URL } from '../../shared/src/registry';
import type { ServerContext } from './context';

/**
 * `workspace/executeCommand`, for editors whose client does not implement
 * `dockguard.showRuleDocumentation` itself (the VS Code client does, and the server then does not
 * announce the command, so the two never both register it).
 */
export async function executeCommand(ctx: ServerContext, params: ExecuteCommandParams): Promise<void> {
  if (params.command !== ShowRuleDocumentationCommand.id) return;
  const argument = params.arguments?.[0] as Partial<ShowRuleDocumentationCommand.Arguments> | undefined;
  const url = typeof argument?.url === 'string' ? argument.url : undefined;
  // Only our own documentation links: the command must not become a way to open anything.
  if (!url || !url.startsWith(DOCS_BASE_URL)) return;
  if (ctx.client.showDocument) {
    const result = await ctx.connection.window.showDocument({ uri: url, external: true }).catch(() => ({ success: false }));
    if (result.success) return;
  }
  ctx.connection.window.showInformationMessage(`Documentation for ${argument?.ruleId ?? 'the rule'}: ${url}`);
}
