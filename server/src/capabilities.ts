import {
  CodeActionKind,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type InitializeParams,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { DIAGNOSTIC_IDENTIFIER, FIX_ALL_KIND, ShowRuleDocumentationCommand, type InitializationOptions } from '../../shared/src/protocol';

/** What the client can do, read once at `initialize`: every protocol choice of the server follows from it. */
export interface ClientFeatures {
  /** `textDocument/diagnostic`: the client pulls; otherwise the server pushes. */
  pullDiagnostics: boolean;
  /** `workspace/diagnostic/refresh`: the server can ask for a new pull after a configuration change. */
  diagnosticRefresh: boolean;
  /** `publishDiagnostics` with a document version. */
  pushVersion: boolean;
  /** `workspace/configuration`: settings per resource. */
  configuration: boolean;
  /** `workspace/didChangeConfiguration` can be registered for our sections. */
  configurationRegistration: boolean;
  /** `workspace/didChangeWatchedFiles` can be registered by the server. */
  watcherRegistration: boolean;
  workspaceFolders: boolean;
  /** `window/workDoneProgress/create`: progress of the workspace scan. */
  workDoneProgress: boolean;
  /** `window/showDocument`: "Show documentation" can open the page. */
  showDocument: boolean;
  /** Versioned `documentChanges` in workspace edits: a stale fix is refused rather than misapplied. */
  documentChanges: boolean;
  /** Custom `dockguard/status` notifications are welcome. */
  statusNotifications: boolean;
  /** The client runs `dockguard.showRuleDocumentation` itself. */
  clientShowsDocumentation: boolean;
}

export function readClientFeatures(params: InitializeParams): ClientFeatures {
  const capabilities: ClientCapabilities = params.capabilities ?? {};
  const options = (isRecord(params.initializationOptions) ? params.initializationOptions : {}) as InitializationOptions;
  return {
    pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: capabilities.workspace?.diagnostics?.refreshSupport === true,
    pushVersion: capabilities.textDocument?.publishDiagnostics?.versionSupport === true,
    configuration: capabilities.workspace?.configuration === true,
    configurationRegistration: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watcherRegistration: capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    workspaceFolders: capabilities.workspace?.workspaceFolders === true,
    workDoneProgress: capabilities.window?.workDoneProgress === true,
    showDocument: capabilities.window?.showDocument?.support === true,
    documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
    statusNotifications: options.statusNotifications === true,
    clientShowsDocumentation: options.showDocumentationCommand === true,
  };
}

export function serverCapabilities(client: ClientFeatures): ServerCapabilities {
  const capabilities: ServerCapabilities = {
    // Incremental: a keystroke sends the keystroke, not the file.
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
  if (client.pullDiagnostics) {
    capabilities.diagnosticProvider = {
      identifier: DIAGNOSTIC_IDENTIFIER,
      // A file's findings depend on its text and configuration only; editing one file never
      // changes another's (configuration changes are announced with a refresh).
      interFileDependencies: false,
      workspaceDiagnostics: true,
    };
  }
  if (!client.clientShowsDocumentation) {
    capabilities.executeCommandProvider = { commands: [ShowRuleDocumentationCommand.id] };
  }
  return capabilities;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
