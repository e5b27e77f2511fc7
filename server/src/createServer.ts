import { performance } from 'node:perf_hooks';
import {
  DidChangeConfigurationNotification,
  TextDocuments,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Rule } from '../../shared/src/rules/rule';
import type { FileSystemHost } from '../../shared/src/workspace/host';
import { LintWorkspaceRequest, SETTINGS_SECTION, type InitializationOptions } from '../../shared/src/protocol';
import { readClientFeatures, serverCapabilities } from './capabilities';
import { CodeActions } from './codeActions';
import { executeCommand } from './commands';
import { ConfigFiles } from './configFiles';
import { DEFAULT_TIMING, type ServerContext, type Timing } from './context';
import { DocumentDiagnostics } from './diagnostics';
import { NodeFileSystem, readTextFileSync } from './fileSystem';
import { Folders } from './folders';
import { Linter } from './linter';
import { Log } from './log';
import { Settings } from './settings';
import { StatusReporter } from './status';
import { registerWatchers } from './watchedFiles';
import { WorkspaceDiagnostics } from './workspaceDiagnostics';
import { uriBaseName, uriToPath } from './uris';

export interface ServerOptions {
  /** The disk, as the workspace scan and the config search see it; Node's `fs` by default. */
  fileSystem?: FileSystemHost;
  /** Synchronous reads for cross-file rules; Node's `fs` by default. */
  readFileSync?: (path: string) => string | undefined;
  /** Rules in place of the engine's (tests inject a rule that throws). */
  rules?: readonly Rule[];
  timing?: Partial<Timing>;
}

export interface DockguardServer {
  /** The open documents, as the server sees them (for tests). */
  documents: TextDocuments<TextDocument>;
}

/**
 * Wires a dockguard language server onto a connection: `server.ts` does it for a real process
 * (IPC or stdio), tests do it in process. Everything here is protocol plumbing; what a finding
 * is comes from the engine in `shared/`.
 */
export function createServer(connection: Connection, options: ServerOptions = {}): DockguardServer {
  const documents = new TextDocuments(TextDocument);
  const host = options.fileSystem ?? new NodeFileSystem();
  const timing: Timing = { ...DEFAULT_TIMING, ...options.timing };
  const readSync = options.readFileSync ?? readTextFileSync;
  const log = new Log(connection);
  const activity = { last: 0 };
  const active = (): void => {
    activity.last = performance.now();
  };
  let ctx: ServerContext | undefined;
  let diagnostics: DocumentDiagnostics | undefined;
  let workspace: WorkspaceDiagnostics | undefined;
  let codeActions: CodeActions | undefined;

  /** Settings or a config file changed: every result so far is stale. */
  const environmentChanged = (): void => {
    if (!ctx) return;
    ctx.environment.generation++;
    ctx.log.forget();
    diagnostics!.refreshAll();
    workspace!.rescan();
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const client = readClientFeatures(params);
    const folders = new Folders(initialFolders(params));
    const initializationOptions = (params.initializationOptions ?? {}) as InitializationOptions;
    ctx = {
      connection,
      client,
      documents,
      host,
      log,
      settings: new Settings(connection, client, log, folders, initializationOptions.settings),
      configs: new ConfigFiles(host, folders.localPaths()),
      folders,
      linter: new Linter(options.rules),
      status: new StatusReporter(connection, client.statusNotifications),
      timing,
      environment: { generation: 0 },
      readOther: (path) => {
        const uri = openPaths.get(path);
        const document = uri === undefined ? undefined : documents.get(uri);
        return document ? document.getText() : readSync(path);
      },
      isOpen: (uri, path) => documents.get(uri) !== undefined || (path !== undefined && openPaths.has(path)),
      activity,
    };
    diagnostics = new DocumentDiagnostics(ctx);
    workspace = new WorkspaceDiagnostics(ctx);
    const workspaceReport = workspace;
    diagnostics.closedDocumentReport = (uri) => workspaceReport.closedDocumentReport(uri);
    codeActions = new CodeActions(ctx, diagnostics);
    return { capabilities: serverCapabilities(client), serverInfo: { name: 'dockguard' } };
  });

  connection.onInitialized(() => {
    if (!ctx) return;
    const context = ctx;
    if (context.client.configurationRegistration) {
      // Only our sections: VS Code then stays quiet about every other setting the user changes.
      connection.client.register(DidChangeConfigurationNotification.type, { section: [SETTINGS_SECTION, 'files.exclude'] }).catch(() => undefined);
    }
    void registerWatchers(context);
    if (context.client.workspaceFolders) {
      try {
        connection.workspace.onDidChangeWorkspaceFolders((event) => {
          context.folders.change(event.added, event.removed);
          context.configs.setRoots(context.folders.localPaths());
          environmentChanged();
        });
      } catch {
        // The client announced folders but not their changes: the folders stay as they were.
      }
    }
    // Push clients get the workspace pushed from the start. Pull clients ask for it
    // (`workspace/diagnostic`, which starts the scan): an editor that never asks pays nothing.
    if (!context.client.pullDiagnostics) workspace!.start();
  });

  /** Open documents by path: the workspace's files and cross-file reads meet the buffers here. */
  const openPaths = new Map<string, string>();
  documents.onDidOpen(({ document }) =>
    guard(log, 'didOpen', () => {
      const path = uriToPath(document.uri);
      if (path !== undefined) openPaths.set(path, document.uri);
      active();
      diagnostics?.opened(document.uri);
    }),
  );
  documents.onDidChangeContent(({ document }) =>
    guard(log, 'didChange', () => {
      active();
      diagnostics?.changed(document.uri);
    }),
  );
  documents.onDidSave(({ document }) => guard(log, 'didSave', () => diagnostics?.saved(document.uri)));
  documents.onDidClose(({ document }) =>
    guard(log, 'didClose', () => {
      const path = uriToPath(document.uri);
      if (path !== undefined && openPaths.get(path) === document.uri) openPaths.delete(path);
      diagnostics?.closed(document.uri);
      workspace?.documentClosed(document.uri).catch((error) => log.error(`After closing ${document.uri}: ${messageOf(error)}`));
    }),
  );

  connection.languages.diagnostics.on(async (params, token) => {
    active();
    if (!diagnostics) return { kind: 'full', items: [] };
    return diagnostics.pull(params, token);
  });
  connection.languages.diagnostics.onWorkspace(async (params, token, _workDone, resultProgress) => {
    if (!workspace) return { items: [] };
    return workspace.pull(params, token, resultProgress);
  });

  connection.onCodeAction(async (params): Promise<CodeAction[]> => {
    active();
    if (!codeActions) return [];
    try {
      return await codeActions.provide(params);
    } catch (error) {
      log.error(`Code actions for ${params.textDocument.uri} failed: ${messageOf(error)}`);
      return [];
    }
  });

  connection.onExecuteCommand(async (params) => {
    if (ctx) await executeCommand(ctx, params).catch((error) => log.error(`Command ${params.command} failed: ${messageOf(error)}`));
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (!ctx) return;
    try {
      if (await ctx.settings.changed(change.settings)) environmentChanged();
    } catch (error) {
      log.error(`Applying changed settings failed: ${messageOf(error)}`);
    }
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    if (!workspace) return;
    try {
      diagnostics?.dependencyChanged(params.changes.map((change) => uriToPath(change.uri)));
      const { configChanged } = await workspace.filesChanged(params.changes);
      if (configChanged && ctx) {
        // A `.dockguard.yaml` changed on disk: open documents below it may lint differently.
        ctx.environment.generation++;
        diagnostics!.refreshAll();
      }
    } catch (error) {
      log.error(`Handling changed files failed: ${messageOf(error)}`);
    }
  });

  connection.onRequest(LintWorkspaceRequest.type, async () => {
    if (!workspace) return { files: 0, findings: 0, durationMs: 0, cancelled: true };
    return workspace.lintNow();
  });

  connection.onShutdown(() => workspace?.dispose());

  documents.listen(connection);
  return { documents };
}

function initialFolders(params: InitializeParams): WorkspaceFolder[] {
  if (params.workspaceFolders) return params.workspaceFolders;
  const root = params.rootUri;
  return root ? [{ uri: root, name: uriBaseName(root) }] : [];
}

function guard(log: Log, what: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    log.error(`Handling ${what} failed: ${messageOf(error)}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
