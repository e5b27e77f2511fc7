import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createConnection, type Connection } from 'vscode-languageserver';
import {
  CodeActionRequest,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  InitializeRequest,
  InitializedNotification,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  WorkDoneProgressCreateRequest,
  WorkDoneProgress,
  WorkDoneProgressCancelNotification,
  type ProgressToken,
  type WorkDoneProgressBegin,
  WorkspaceDiagnosticRequest,
  DiagnosticRefreshRequest,
  createProtocolConnection,
  type ClientCapabilities,
  type CodeAction,
  type ConfigurationItem,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type FileEvent,
  type InitializeResult,
  type LogMessageParams,
  type PreviousResultId,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type TextDocumentContentChangeEvent,
  type WorkspaceDiagnosticReport,
  type WorkspaceDiagnosticReportPartialResult,
  type WorkspaceFolder,
  CancellationTokenSource,
} from 'vscode-languageserver-protocol/node';
import { StatusNotification, WorkspaceStatusNotification, type InitializationOptions, type StatusParams, type WorkspaceStatusParams } from '../../../shared/src/protocol';
import { createServer, type ServerOptions } from '../createServer';

/** A client like VS Code's: pulls diagnostics (documents and workspace), lets the server register things. */
export const PULL_CLIENT: ClientCapabilities = {
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: false },
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: false },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
  },
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    diagnostics: { refreshSupport: true },
    workspaceEdit: { documentChanges: true },
  },
  window: { workDoneProgress: true, showDocument: { support: true } },
};

/** A client like Neovim 0.7's: diagnostics are pushed to it, settings come with didChangeConfiguration. */
export const PUSH_CLIENT: ClientCapabilities = {
  textDocument: {
    synchronization: { didSave: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } } },
  },
  workspace: { workspaceFolders: true },
};

export interface TestClientOptions {
  capabilities?: ClientCapabilities;
  initializationOptions?: InitializationOptions;
  folders?: string[];
  server?: ServerOptions;
  /** Answers `workspace/configuration`; by default every section is empty (defaults apply). */
  configuration?: (item: ConfigurationItem) => unknown;
}

/**
 * A language client and a dockguard server in one process, connected by two in-memory streams
 * (as compose-language-service tests do). Records everything the server sends.
 */
export class TestClient {
  readonly connection: ProtocolConnection;
  readonly serverConnection: Connection;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly workspaceStatuses: WorkspaceStatusParams[] = [];
  readonly registrations: Registration[] = [];
  readonly shownDocuments: string[] = [];
  readonly configurationRequests: ConfigurationItem[] = [];
  readonly progress: (WorkDoneProgressBegin | { kind: string; message?: string; percentage?: number })[] = [];
  readonly progressTokens: ProgressToken[] = [];
  refreshes = 0;
  configuration: (item: ConfigurationItem) => unknown;
  /** While set, `workspace/configuration` answers wait for it (to hold a lint half-way). */
  configurationGate: Promise<void> | undefined;
  private readonly versions = new Map<string, number>();

  constructor(private readonly options: TestClientOptions = {}) {
    const up = new PassThrough();
    const down = new PassThrough();
    const watchDog = { shutdownReceived: false, initialize: () => undefined, exit: () => undefined };
    this.serverConnection = createConnection((logger) => createProtocolConnection(up, down, logger), watchDog);
    createServer(this.serverConnection, options.server);
    this.serverConnection.listen();

    this.configuration = options.configuration ?? (() => null);
    this.connection = createProtocolConnection(down, up);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params);
    });
    this.connection.onNotification(StatusNotification.type, (params) => {
      this.statuses.push(params);
    });
    this.connection.onNotification(WorkspaceStatusNotification.type, (params) => {
      this.workspaceStatuses.push(params);
    });
    this.connection.onRequest(ConfigurationRequest.type, async (params) => {
      this.configurationRequests.push(...params.items);
      if (this.configurationGate) await this.configurationGate;
      return params.items.map((item) => this.configuration(item));
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.progressTokens.push(params.token);
      this.connection.onProgress(WorkDoneProgress.type, params.token, (value) => {
        this.progress.push(value);
      });
    });
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshes++;
    });
    this.connection.onRequest(ShowDocumentRequest.type, (params) => {
      this.shownDocuments.push(params.uri);
      return { success: true };
    });
    this.connection.listen();
  }

  async initialize(): Promise<InitializeResult> {
    const folders: WorkspaceFolder[] = (this.options.folders ?? []).map((path) => ({ uri: uriOf(path), name: path.split('/').pop() ?? path }));
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders,
      capabilities: this.options.capabilities ?? PULL_CLIENT,
      initializationOptions: this.options.initializationOptions ?? { statusNotifications: true, showDocumentationCommand: true },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(uri: string, text: string, languageId = 'dockerfile'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text, as one incremental change covering the document. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  pull(uri: string, previousResultId?: string, token?: CancellationTokenSource): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId }, token?.token);
  }

  workspacePull(previousResultIds: PreviousResultId[] = [], partial?: (result: WorkspaceDiagnosticReportPartialResult) => void, token?: CancellationTokenSource): Promise<WorkspaceDiagnosticReport> {
    const partialResultToken = partial ? `partial-${Math.random().toString(36).slice(2)}` : undefined;
    const subscription = partial && partialResultToken ? this.connection.onProgress(WorkspaceDiagnosticRequest.partialResult, partialResultToken, partial) : undefined;
    return this.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds, partialResultToken }, token?.token).finally(() => subscription?.dispose());
  }

  /** `triggerKind` 1: the user asked (menu, shortcut); 2: automatic (the light bulb as the cursor moves). */
  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[], triggerKind: 1 | 2 = 1): Promise<CodeAction[]> {
    return this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only, triggerKind } }) as Promise<CodeAction[]>;
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
  }

  /** The user presses "Cancel" on the server's progress notification. */
  async cancelProgress(token: ProgressToken): Promise<void> {
    await this.connection.sendNotification(WorkDoneProgressCancelNotification.type, { token });
  }

  async configurationChanged(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** The last diagnostics pushed for a URI. */
  lastPublished(uri: string): PublishDiagnosticsParams | undefined {
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i];
    return undefined;
  }

  dispose(): void {
    this.connection.dispose();
    this.serverConnection.dispose();
  }
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/**
 * Waits until `condition` holds, checking after each turn of the event loop. Fails after
 * `timeoutMs`: a bound on a hang, not a measurement.
 */
export async function waitFor<T>(condition: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Lets every message in flight be handled. */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((resolve) => setImmediate(resolve));
}
